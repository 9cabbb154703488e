package se.finsam.planering.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * Rows cut from the end of the audit log leave a chain that is whole in itself; the end noted beside the database
 * when the server stopped shows the cut at the next start, on the administrator's events page.
 */
class KedjeankareTest extends AppTest {

    @Test
    void raderSomTagitsBortFranSlutetSynsMotAnkaret() throws Exception {
        HttpSession koordinator = app.session().loginStaff("koordinator");
        assertEquals(200, koordinator.get("/oversikt").statusCode());
        Path ankarfil = new Kedjeankare(app.databas().ankarbas()).fil();
        app.stopServer();
        assertTrue(Files.isRegularFile(ankarfil), "the chain's end is noted when the server stops");
        String noterat = Files.readString(ankarfil).strip();
        long sista = Long.parseLong(noterat.substring(0, noterat.indexOf(':')));

        // Someone with the file removes the newest rows: what is left still chains.
        try (Connection c = app.raJdbc(); var st = c.createStatement()) {
            st.executeUpdate("DROP TRIGGER audit_log_ingen_borttagning"
                    + (app.motor() == se.finsam.planering.db.Motor.POSTGRESQL ? " ON audit_log" : ""));
            assertTrue(st.executeUpdate("DELETE FROM audit_log WHERE id > " + (sista - 3)) > 0);
        }
        try (var db = se.finsam.planering.db.Databas.connect(app.databas())) {
            Loggkedja.Resultat utanAnkare = Handelselogg.kontrolleraKedjan(db.jdbi());
            assertTrue(utanAnkare.hel(), "without the noted end the cut cannot be seen: " + utanAnkare.text());
        }

        app.startServerAgain();
        HttpSession admin = app.session().loginStaff("admin");
        Document sida = admin.page("/admin/handelser");
        assertEquals(1, sida.select("#logg-kedja.kedja--bruten").size(), sida.select("main").text());
        assertTrue(sida.select("#logg-kedja").text().contains(String.valueOf(sista)),
                sida.select("#logg-kedja").text());
    }
}
