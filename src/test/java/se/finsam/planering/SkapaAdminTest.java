package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

class SkapaAdminTest {

    @TempDir
    Path dir;

    private int run(Path db, String password, String... args) {
        Config config = new Config(0, db, "http://localhost", Config.DemoMode.NONE, false, Duration.ofMinutes(30),
                false, false);
        return Kommandon.createAdmin(config, args,
                new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void forstaAdministratorenSkapasFranKommandoradenOchKanLoggaIn() {
        try (TestApp app = TestApp.start(Config.DemoMode.NONE)) {
            Path db = app.databaseFile();
            assertEquals(2, run(db, "kort", "skapa-admin", "anna.admin", "Anna Admin"), "too short a password");
            assertEquals(2, run(db, "ett-langt-losenord", "skapa-admin", "a b", "Anna"), "bad user name");
            assertEquals(0, run(db, "ett-langt-losenord", "skapa-admin", "anna.admin", "Anna Admin"));
            assertEquals(1, run(db, "ett-langt-losenord", "skapa-admin", "anna.admin", "Anna Admin"), "once only");

            HttpSession s = app.session();
            s.get("/logga-in");
            assertEquals(302, s.post("/logga-in", Map.of("anvandarnamn", "anna.admin",
                    "losenord", "ett-langt-losenord")).statusCode());
            // The first administrator enrols a second factor before seeing anything.
            assertEquals(303, s.get("/admin").statusCode());
            assertEquals("/tvafaktor/registrera", s.get("/tvafaktor").headers().firstValue("Location").orElse(""));
        }
    }
}
