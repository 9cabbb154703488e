package se.finsam.planering.hem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * The start page of a handläggare tells her which team she is in when that team has no participants yet, and
 * says she is in no team only when she is not.
 */
class TomtTeamHttpTest extends AppTest {

    private static final String INTE_MED = "Du är inte med i något team";

    /** A handläggare of the AF with the demo password, in the new team named (or in none). */
    private static void nyHandlaggare(String anvandarnamn, String team) {
        app.jdbi().useTransaction(h -> {
            long a = h.createUpdate("""
                            INSERT INTO anvandare (anvandarnamn, namn, roll, organisation_id, losenord_hash, skapad)
                            SELECT :u, 'Tilda Tomt', 'handlaggare', organisation_id, losenord_hash, skapad
                            FROM anvandare WHERE anvandarnamn = 'handlaggare'""")
                    .bind("u", anvandarnamn).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            if (team == null) {
                return;
            }
            long t = h.createUpdate("""
                            INSERT INTO team (namn, motesplats, motesveckodag, motestid, motesintervall_veckor,
                                              uppfoljning_manader, kvittens_arbetsdagar, fastnat_veckor, forbund,
                                              moteslangd_minuter, aktiv)
                            SELECT :n, motesplats, motesveckodag, motestid, motesintervall_veckor, uppfoljning_manader,
                                   kvittens_arbetsdagar, fastnat_veckor, forbund, moteslangd_minuter, aktiv
                            FROM team WHERE namn = 'Jobbtorg Kista'""")
                    .bind("n", team).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO team_medlem (team_id, anvandare_id) VALUES (:t, :a)")
                    .bind("t", t).bind("a", a).execute();
        });
    }

    @Test
    void enHandlaggareIEttTomtTeamFarVetaVilketTeamHonArMedI() {
        nyHandlaggare("tilda.tomt", "Jobbtorg Tomteboda");
        HttpSession s = app.session().loginStaff("tilda.tomt");
        Document sida = s.page("/oversikt");
        String text = sida.text();
        assertFalse(text.contains(INTE_MED), "she is in a team: " + text);
        assertEquals("Du är med i Jobbtorg Tomteboda. Teamet har inga deltagare än, så här väntar inget på dig.",
                HttpSession.text(sida, ".tomt--team"));
        assertTrue(sida.select("section[aria-labelledby=pipeline-rubrik] table").isEmpty(),
                "no table of zeros for a team without participants");
    }

    @Test
    void enHandlaggareUtanTeamFarHoraAttHonInteArMedINagot() {
        nyHandlaggare("ulla.utanteam", null);
        Document sida = app.session().loginStaff("ulla.utanteam").page("/oversikt");
        assertTrue(sida.text().contains(INTE_MED), sida.text());
        assertTrue(sida.select(".tomt--team").isEmpty());
    }

    @Test
    void enHandlaggareIEttTeamMedDeltagareSerTabellen() {
        Document sida = app.session().loginStaff("handlaggare").page("/oversikt");
        assertFalse(sida.text().contains(INTE_MED));
        assertTrue(sida.select(".tomt--team").isEmpty());
        assertFalse(sida.select("section[aria-labelledby=pipeline-rubrik] table tbody tr").isEmpty());
    }
}
