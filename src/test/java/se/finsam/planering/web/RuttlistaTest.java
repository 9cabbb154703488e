package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.javalin.http.HandlerType;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.finsam.planering.atkomst.Atkomst;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.testsupport.AppTest;

/**
 * Every route the app registers, with its roles and access rule, compared with the committed list in
 * {@code src/test/resources/rutter.txt}. A change to who may do what shows up here as a changed line, to be
 * reviewed and then written into the list: {@code mvn test -Dtest=RuttlistaTest -Drutter.skriv=true}.
 */
class RuttlistaTest extends AppTest {

    private static final String LISTA = "rutter.txt";

    @Test
    void rutternaRollernaOchAtkomstreglernaArDeSomListanSager() throws IOException {
        String nu = app.app().routes().stream().map(RuttlistaTest::rad).collect(Collectors.joining("\n", "", "\n"));
        if (Boolean.getBoolean("rutter.skriv")) {
            Files.writeString(Path.of("src/test/resources", LISTA), nu, StandardCharsets.UTF_8);
        }
        String lista;
        try (InputStream in = RuttlistaTest.class.getResourceAsStream("/" + LISTA)) {
            assertNotNull(in, LISTA + " is on the test class path");
            lista = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(lista, nu, "the route table declares what " + LISTA + " says");
    }

    /** One route on one line: method, path, the roles in a fixed order, and each rule of its access rule. */
    static String rad(Ruttabell.Route route) {
        String roller = route.roles().stream().map(RuttlistaTest::namn).sorted().collect(Collectors.joining(","));
        String regel = route.atkomst() == null ? "-" : route.atkomst().regler().stream()
                .map(r -> r.parameter() + "=" + r.slag() + " \"" + r.vad() + "\"")
                .collect(Collectors.joining(" och "));
        return route.method() + " " + route.path() + " | " + roller + " | " + regel;
    }

    private static String namn(RouteRole roll) {
        return roll instanceof Enum<?> e ? e.getDeclaringClass().getSimpleName() + "." + e.name() : roll.toString();
    }

    @Test
    void enRadSagerAllt() {
        Ruttabell.Route route = new Ruttabell.Route(HandlerType.POST, "/moten/{id}/avboka/{b}",
                Set.of(Roll.KOORDINATOR, Roll.ADMIN),
                Atkomst.mote("id").och(Atkomst.bokning("b", "avbokad")));
        assertEquals("POST /moten/{id}/avboka/{b} | Roll.ADMIN,Roll.KOORDINATOR | id=MOTE \"möte\" och b=BOKNING \"avbokad\"",
                rad(route));
    }
}
