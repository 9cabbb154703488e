package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.db.Databasadress;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.PostgresqlKluster;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.utskick.Kanalinstallning;

/**
 * {@code flytta-till-postgresql}: the demo database moved to an empty PostgreSQL database keeps every row of every
 * table and a whole audit chain, and the participant's pages and the statistics read the same from both; a target
 * in use is refused before anything is written.
 */
@Tag("postgresql")
class FlyttTillPostgresqlTest {

    @TempDir
    Path mapp;

    /** What a page says, without what differs between two views of the same data (tokens, times of fetching). */
    private static String innehall(Document sida) {
        sida.select("input[name=_csrf], [data-hamtad], .hamtad, script, meta").remove();
        return sida.select("main").text();
    }

    @Test
    void demodatabasenFlyttasUtanForlustOchSidornaArDeSamma() throws Exception {
        Path kopia = mapp.resolve("flytt.db");
        String plan;
        String kontakter;
        String statistik;
        try (TestApp app = TestApp.start()) {
            HttpSession hon = app.session().loginDeltagare();
            plan = innehall(hon.page("/min-planering"));
            kontakter = innehall(hon.page("/min-planering/kontakter"));
            statistik = innehall(app.session().loginStaff("styrgrupp").page("/statistik?ar=2026"));
            app.stopServer();
            Files.copy(app.databaseFile(), kopia);
        }
        PostgresqlKluster kluster = PostgresqlKluster.get();
        String namn = kluster.tomDatabas("flytt_" + ProcessHandle.current().pid());
        try {
            Databasadress mal = kluster.adress(namn);
            ByteArrayOutputStream utdata = new ByteArrayOutputStream();
            Flytt.Resultat r = Flytt.flytta(kopia, mal, new PrintStream(utdata, true, StandardCharsets.UTF_8));
            assertTrue(r.lika(), "every table has as many rows on both sides: " + utdata);
            assertTrue(r.rader().get("audit_log")[0] > 0 && r.rader().get("deltagare")[0] > 0, r.rader().keySet().toString());
            assertTrue(r.kedjan().hel(), r.kedjan().text());

            IllegalStateException igen = assertThrows(IllegalStateException.class,
                    () -> Flytt.flytta(kopia, mal, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            assertTrue(igen.getMessage().contains("inte tom"), igen.getMessage());

            try (TestApp jamfor = TestApp.start(Config.DemoMode.NONE)) {
                App pa = App.start(new Config(0, mal, "http://localhost", Config.DemoMode.NONE, false,
                        Duration.ofMinutes(30), false, false), jamfor.clock(), Kanalinstallning.ingen());
                try {
                    HttpSession hon = jamfor.session().baraMot(pa).loginDeltagare();
                    assertEquals(plan, innehall(hon.page("/min-planering")), "her plan reads the same");
                    assertEquals(kontakter, innehall(hon.page("/min-planering/kontakter")), "her contacts too");
                    HttpSession styrgrupp = jamfor.session().baraMot(pa);
                    styrgrupp.get("/logga-in");
                    assertEquals(302, styrgrupp.post("/logga-in", Map.of("anvandarnamn", "styrgrupp",
                            "losenord", "finsam-demo")).statusCode());
                    assertEquals(statistik, innehall(styrgrupp.page("/statistik?ar=2026")), "the statistics too");
                } finally {
                    pa.stop();
                }
            }
        } finally {
            kluster.taBort(namn);
        }
    }

    @Test
    void felaktigaArgumentGerEttTydligtBesked() {
        ByteArrayOutputStream ut = new ByteArrayOutputStream();
        assertEquals(2, Kommandon.flyttaTillPostgresql(new String[] {Kommandon.FLYTTA_TILL_POSTGRESQL, "a.db"},
                new PrintStream(ut, true, StandardCharsets.UTF_8)));
        assertEquals(1, Kommandon.flyttaTillPostgresql(new String[] {Kommandon.FLYTTA_TILL_POSTGRESQL,
                mapp.resolve("finns-inte.db").toString(), "postgresql://u:hemligt@localhost:1/x"},
                new PrintStream(ut, true, StandardCharsets.UTF_8)));
        assertFalse(ut.toString(StandardCharsets.UTF_8).contains("hemligt"), "no password in what it prints");
        assertTrue(List.of(ut.toString(StandardCharsets.UTF_8)).size() == 1);
    }
}
