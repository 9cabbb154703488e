package se.finsam.planering.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Every bundle the app produces is parsed strictly with HAPI FHIR's R4 structures (test scope only): an unknown
 * element, a wrong type or a bad code fails the test. Then its contents are compared with the database.
 */
class FhirHttpTest extends AppTest {

    private static IParser parser;

    @BeforeAll
    static void strikt() {
        parser = FhirContext.forR4().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    private static long antal(String sql, long d) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).bind("d", d).mapTo(Long.class).one());
    }

    private static Bundle hamta(HttpSession s, long d) {
        HttpResponse<String> svar = s.get("/deltagare/" + d + "/fhir");
        assertEquals(200, svar.statusCode(), svar.body());
        assertTrue(svar.headers().firstValue("content-type").orElse("").startsWith("application/fhir+json"));
        return parser.parseResource(Bundle.class, svar.body());
    }

    private static void allaReferenserFinns(Bundle b) {
        Set<String> urls = new HashSet<>();
        b.getEntry().forEach(e -> urls.add(e.getFullUrl()));
        String text = parser.encodeResourceToString(b);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"reference\":\\s*\"([^\"]+)\"").matcher(text);
        int n = 0;
        while (m.find()) {
            assertTrue(urls.contains(m.group(1)), "reference resolves within the bundle: " + m.group(1));
            n++;
        }
        assertTrue(n > 0);
    }

    @Test
    void koordinatornFarPlanenSomEttGiltigtBundle() {
        HttpSession k = app.session().loginStaff("koordinator");
        long medOverlamning = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT p.deltagare_id FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        JOIN planering p ON p.id = pp.planering_id JOIN deltagare d ON d.id = p.deltagare_id
                        JOIN team t ON t.id = d.team_id
                        WHERE t.namn = 'Jobbtorg Kista' AND o.kvitterad IS NOT NULL AND d.skyddad_identitet = 0
                        ORDER BY p.deltagare_id LIMIT 1""").mapTo(Long.class).one());
        long skyddad = TestData.deltagare(app).iTeam("Jobbtorg Kista").skyddadIdentitet().forsta();
        long arabisk = TestData.deltagare(app).iTeam("Jobbtorg Kista").talar("ar").forsta();
        for (long d : List.of(medOverlamning, skyddad, arabisk)) {
            Bundle b = hamta(k, d);
            assertEquals(Bundle.BundleType.COLLECTION, b.getType());
            allaReferenserFinns(b);
            Patient patient = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
            String kod = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d")
                    .bind("d", d).mapTo(String.class).one());
            assertEquals(kod, patient.getIdentifierFirstRep().getValue());
            List<CarePlan> planer = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(CarePlan.class::isInstance).map(CarePlan.class::cast).toList();
            long punkter = antal("""
                    SELECT count(*) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                    WHERE p.deltagare_id = :d AND pp.borttagen IS NULL""", d);
            if (punkter > 0) {
                assertEquals(1, planer.size());
                assertEquals(punkter, planer.get(0).getActivity().size(), "one activity per plan item");
                for (CarePlan.CarePlanActivityComponent a : planer.get(0).getActivity()) {
                    assertTrue(FhirRoutes.STATUS.containsValue(a.getDetail().getStatus().toCode()));
                    for (Reference r : a.getDetail().getPerformer()) {
                        assertTrue(r.getReference().startsWith("urn:uuid:"));
                    }
                }
            }
            long overlamningar = antal("""
                    SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                    JOIN planering p ON p.id = pp.planering_id WHERE p.deltagare_id = :d""", d);
            List<Task> tasks = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Task.class::isInstance).map(Task.class::cast).toList();
            assertEquals(overlamningar, tasks.size(), "a Task per handover");
            if (d == medOverlamning) {
                assertTrue(tasks.stream().anyMatch(t -> t.getStatus() == Task.TaskStatus.ACCEPTED),
                        "an acknowledged handover is accepted");
                assertFalse(patient.getName().isEmpty());
            }
            if (d == skyddad) {
                assertTrue(patient.getName().isEmpty(), "no name for a protected identity");
                assertEquals(1, patient.getIdentifier().size(), "the code only, no personnummer");
                String json = k.get("/deltagare/" + d + "/fhir").body();
                String pnr = app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT coalesce(personnummer, '') FROM deltagare WHERE id = :d").bind("d", d)
                        .mapTo(String.class).one());
                assertTrue(pnr.isEmpty() || !json.contains(pnr.replace("-", "")));
            }
            assertTrue(antal("SELECT count(*) FROM audit_log WHERE deltagare_id = :d AND vad = 'planen som FHIR'",
                    d) >= 1, "audited");
        }
        // koordinator only
        for (String roll : List.of("handlaggare", "teamrep.fk", "styrgrupp")) {
            int status = app.session().loginStaff(roll).get("/deltagare/" + medOverlamning + "/fhir").statusCode();
            assertEquals(403, status, roll);
        }
        String annan = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.anvandarnamn FROM anvandare a WHERE a.roll = 'koordinator' AND a.aktiv = 1
                          AND NOT EXISTS (SELECT 1 FROM team_medlem tm JOIN deltagare d ON d.team_id = tm.team_id
                                          WHERE tm.anvandare_id = a.id AND d.id = :d)
                        ORDER BY a.id LIMIT 1""").bind("d", medOverlamning).mapTo(String.class).one());
        assertEquals(403, app.session().loginStaff(annan).get("/deltagare/" + medOverlamning + "/fhir").statusCode());
        assertEquals(404, k.get("/deltagare/99999999/fhir").statusCode());
    }
}
