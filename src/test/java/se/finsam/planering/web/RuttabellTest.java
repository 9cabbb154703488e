package se.finsam.planering.web;

import se.finsam.planering.atkomst.Atkomst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.testsupport.AppTest;

/** Every route whose path names something says what it names, so the one check before the handler can enforce it. */
class RuttabellTest extends AppTest {

    @Test
    void varjeRouteMedSokvagsparameterHarEnAtkomstregel() {
        int medParameter = 0;
        for (Ruttabell.Route route : app.app().routes()) {
            if (route.path().contains("{")) {
                medParameter++;
                assertNotNull(route.atkomst(), route + " has a path parameter but no access rule");
                assertEquals(List.of(), Ruttabell.utanRegel(route.path(), route.atkomst()),
                        route + ": every parameter is covered");
            }
        }
        assertTrue(medParameter >= 15, "the app's routes with parameters were checked: " + medParameter);
    }

    @Test
    void enRouteMedParameterUtanRegelKanInteRegistreras() {
        assertEquals(List.of("id"), Ruttabell.utanRegel("/deltagare/{id}", null));
        assertEquals(List.of("bokning"), Ruttabell.utanRegel("/moten/{id}/avboka/{bokning}", Atkomst.mote("id")));
        assertEquals(List.of(), Ruttabell.utanRegel("/moten/{id}/avboka/{bokning}",
                Atkomst.mote("id").och(Atkomst.bokning("bokning", "avbokad"))));
        assertEquals(List.of(), Ruttabell.utanRegel("/utan-nat/{sprak}", Atkomst.utanPerson("sprak", "språkkod")),
                "a parameter that names nobody's data is declared as such");
        IllegalStateException fel = assertThrows(IllegalStateException.class, () -> Javalin.create(cfg -> {
            Ruttabell r = new Ruttabell(cfg.routes);
            r.get("/deltagare/{id}/ny-sida", ctx -> ctx.result("hemligt"), Roll.PERSONAL);
        }));
        assertTrue(fel.getMessage().contains("/deltagare/{id}/ny-sida"), fel.getMessage());
    }
}
