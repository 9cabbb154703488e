package se.finsam.planering.web;

import se.finsam.planering.sprak.Texter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formularfel.Meddelande;

/** The one form layer: what every form and the sync API read their fields through. */
class FormularTest {

    private static final LocalDate IDAG = LocalDate.of(2026, 11, 23);

    private static Formular form(String... namnOchVarde) {
        Map<String, String> falt = new LinkedHashMap<>();
        for (int i = 0; i < namnOchVarde.length; i += 2) {
            falt.put(namnOchVarde[i], namnOchVarde[i + 1]);
        }
        return Formular.av(falt);
    }

    private static Meddelande fel(Formular f, String falt) {
        return f.fel().get(falt);
    }

    @Test
    void textTrimsAndAMissingFieldIsEmpty() {
        Formular f = form("namn", "  Anna Berg \t\n");
        assertEquals("Anna Berg", f.text("namn"));
        assertEquals("", f.text("saknas"));
        assertFalse(f.finns("saknas"));
        assertTrue(f.ok());
    }

    @Test
    void textLongerThanItsFieldAllowsIsAnErrorWithTheLimitAndTheLength() {
        Formular f = form("titel", "x".repeat(501), "kort", "ok");
        assertEquals(501, f.text("titel", Formular.RAD).length(), "the text is kept, so the person can shorten it");
        assertEquals("ok", f.text("kort", Formular.RAD));
        assertEquals(new Meddelande("form.fel.lang", Formular.RAD, 501), fel(f, "titel"));
        assertFalse(f.fel().has("kort"));
        assertEquals("Texten får vara högst 500 tecken. Nu är den 501.", f.fel().text("titel", Texter.of("sv")));
    }

    @Test
    void nothingLongerThanTheLargestFieldIsEverRead() {
        Formular f = form("text", "a".repeat(Formular.STORST + 5000));
        assertEquals(Formular.STORST, f.text("text").length());
        assertEquals(Formular.STORST, f.somSkrivet("text").length());
    }

    @Test
    void aRequiredFieldLeftEmptyGetsItsOwnMessage() {
        Formular f = form("namn", "   ");
        assertEquals("", f.text("namn", Formular.RAD, "kontakt.fel.vem"));
        assertEquals(new Meddelande("kontakt.fel.vem"), fel(f, "namn"));
    }

    @Test
    void aPasswordIsReadAsTyped() {
        assertEquals("  hemligt ", form("losenord", "  hemligt ").somSkrivet("losenord"));
    }

    @Test
    void datesAreReadWithinTheirRange() {
        Formular f = form("ok", "2026-11-30", "fel", "30/11/2026", "tidigt", "2026-11-01", "sent", "2029-01-01",
                "tom", "", "jattelang", "+999999999-12-31", "texten", "2026-11-30 och lite till");
        assertEquals(LocalDate.of(2026, 11, 30), f.datum("ok").fran(IDAG).till(IDAG.plusYears(2)).las());
        assertNull(f.datum("fel").fran(IDAG).las());
        assertEquals(new Meddelande("fel.datum.format"), fel(f, "fel"));
        assertNull(f.datum("tidigt").fran(IDAG, "mote.fel.datum").till(IDAG.plusYears(2)).las());
        assertEquals(new Meddelande("mote.fel.datum"), fel(f, "tidigt"));
        assertNull(f.datum("sent").fran(IDAG).till(IDAG.plusYears(2)).las());
        assertEquals(new Meddelande("fel.datum.intervall", "2026-11-23", "2028-11-23"), fel(f, "sent"));
        assertNull(f.datum("tom").frivillig().las());
        assertFalse(f.fel().has("tom"));
        assertNull(f.datum("jattelang").las());
        assertEquals(new Meddelande("fel.datum.intervall", "1900-01-01", "2199-12-31"), fel(f, "jattelang"));
        assertNull(f.datum("texten").las());
        assertEquals(new Meddelande("fel.datum.format"), fel(f, "texten"));
    }

    @Test
    void noDateOutsideTheYears1900To2199() {
        Formular f = form("forr", "1899-12-31", "sen", "2200-01-01", "forst", "1900-01-01");
        assertNull(f.datum("forr").fran(LocalDate.of(1000, 1, 1)).las());
        assertEquals(new Meddelande("fel.datum.intervall", "1900-01-01", "2199-12-31"), fel(f, "forr"));
        assertNull(f.datum("sen").till(LocalDate.of(3000, 1, 1)).las());
        assertEquals(LocalDate.of(1900, 1, 1), f.datum("forst").las());
    }

    @Test
    void aDateMessageCarriesItsArguments() {
        Formular f = form();
        assertNull(f.datum("p0_datum", "inte ett datum").format("motelage.fel.datum", 3).las());
        assertNull(f.datum("saknas").saknas("uppf.fel.datum.saknas").las());
        assertEquals(new Meddelande("motelage.fel.datum", 3), fel(f, "p0_datum"));
        assertEquals(new Meddelande("uppf.fel.datum.saknas"), fel(f, "saknas"));
    }

    @Test
    void numbersAreReadWithinTheirRange() {
        Formular f = form("ar", "1980", "litet", "1900", "text", "nittonhundra", "stort", "9".repeat(40), "tom", "");
        assertEquals(1980L, f.tal("ar").mellan(1956, 2011, "anmalan.fel.fodelsear").las());
        assertNull(f.tal("litet").mellan(1956, 2011, "anmalan.fel.fodelsear").las());
        assertNull(f.tal("text").mellan(1956, 2011, null).las());
        assertNull(f.tal("stort").las());
        assertNull(f.tal("tom").frivillig().las());
        assertEquals(new Meddelande("anmalan.fel.fodelsear"), fel(f, "litet"));
        assertEquals(new Meddelande("fel.tal.intervall", "1956", "2011"), fel(f, "text"));
        assertTrue(f.fel().has("stort"));
        assertFalse(f.fel().has("tom"));
    }

    @Test
    void idsArePositiveWholeNumbers() {
        assertEquals(12L, Formular.positivt(" 12 "));
        for (String inteId : new String[] {null, "", "0", "-3", "1.5", "12abc", "9".repeat(25), "0x1F"}) {
            assertNull(Formular.positivt(inteId), inteId);
        }
        Formular f = form("organisation", "abc", "anvandare", "7");
        assertEquals(7L, f.id("anvandare", "kontakt.fel.anvandare"));
        assertNull(f.id("organisation", "kontakt.fel.organisation"));
        assertEquals(new Meddelande("kontakt.fel.organisation"), fel(f, "organisation"));
        assertFalse(f.fel().has("anvandare"));
    }

    @Test
    void aWholeNumberThePageSendsFallsBackWhenItIsNotOne() {
        Formular f = form("version", "4", "antal", "många");
        assertEquals(4, f.heltal("version", 0));
        assertEquals(0, f.heltal("antal", 0));
        assertEquals(-1, f.heltal("saknas", -1));
        assertTrue(f.ok());
    }

    @Test
    void oneRuleForPhoneNumbers() {
        for (String ok : new String[] {"070-123 45 67", "+46 70 123 45 67", "(08) 123 456", "123456"}) {
            assertTrue(Formular.giltigTelefon(ok), ok);
        }
        for (String fel : new String[] {"112", "12345", "070-ABC", "070 123 45 67 89 10 11", "070\n1234567"}) {
            assertFalse(Formular.giltigTelefon(fel), fel);
        }
        Formular f = form("telefon", " 070-123 45 67 ", "mobil", "ring mig", "tom", "");
        assertEquals("070-123 45 67", f.telefon("telefon"));
        f.telefon("mobil");
        f.telefon("tom");
        assertEquals(List.of("mobil"), new ArrayList<>(f.fel().all().keySet()));
        assertEquals(new Meddelande("form.fel.telefon"), fel(f, "mobil"));
    }

    @Test
    void oneRuleForEmailAddresses() {
        assertTrue(Formular.giltigEpost("anna.berg@kommun.se"));
        for (String fel : new String[] {"anna", "anna@", "@kommun.se", "anna@kommun", "a b@kommun.se", "a@b@c.se",
                "a".repeat(250) + "@x.se"}) {
            assertFalse(Formular.giltigEpost(fel), fel);
        }
        Formular f = form("epost", "anna(at)kommun.se");
        f.epost("epost");
        assertEquals(new Meddelande("form.fel.epost"), fel(f, "epost"));
    }

    @Test
    void choicesOnlyFromTheList() {
        Formular f = form("forsorjning", "lon", "status", "hittepa");
        assertEquals("lon", f.val("forsorjning", List.of("lon", "sjukpenning"), "uppf.fel.forsorjning"));
        f.val("status", List.of("klar"), "uppf.fel.status");
        assertFalse(f.fel().has("forsorjning"));
        assertEquals(new Meddelande("uppf.fel.status"), fel(f, "status"));
    }

    @Test
    void errorsKeepThePageOrderAndTheFirstMessageOfAField() {
        Formularfel fel = new Formularfel().add("b", "kontakt.fel.vem").add("a", "kontakt.fel.organisation")
                .add("b", "kontakt.fel.nabar");
        assertEquals(List.of("b", "a"), new ArrayList<>(fel.all().keySet()));
        assertEquals("kontakt.fel.vem", fel.get("b").nyckel());
    }

    @Test
    void errorsAreTranslatedWhenShownInEachLanguage() {
        Formularfel fel = new Formularfel().add("telefon", "form.fel.telefon").add("text", "form.fel.lang", 10, 12);
        for (String sprak : List.of("sv", "en", "ar")) {
            Texter m = Texter.of(sprak);
            for (String falt : fel.all().keySet()) {
                String text = fel.text(falt, m);
                assertFalse(text.startsWith("["), sprak + ": " + text);
            }
        }
        assertEquals("The text may be at most 10 characters. Now it is 12.", fel.text("text", Texter.of("en")));
        assertTrue(fel.text("text", Texter.of("ar")).matches("(?s).*(10|١٠).*"), fel.text("text", Texter.of("ar")));
        assertEquals(fel.texter(Texter.of("sv")).keySet(), fel.all().keySet());
    }

    @Test
    void aMessageMayHaveAnotherAsItsArgument() {
        Meddelande sparr = new Meddelande("login.fel.sparrad", new Meddelande("login.tid.sekunder", 30));
        assertTrue(sparr.text(Texter.of("sv")).contains("Vänta 30 sekunder"), sparr.text(Texter.of("sv")));
        assertTrue(sparr.text(Texter.of("en")).contains("Wait 30 seconds"), sparr.text(Texter.of("en")));
    }

    @Test
    void checkboxesGiveEveryValueSent() {
        Formular f = Formular.av(Map.of("flytta", "ja"));
        assertTrue(f.kryss("flytta", "ja"));
        assertFalse(f.kryss("annat", "ja"));
        assertEquals(List.of("ja"), f.alla("flytta"));
    }

    @Test
    void hintAndErrorAreBothNamedByTheField() {
        assertEquals("mal-hjalp mal-fel", Sidkontext.beskrivning(true, true, "mal"));
        assertEquals("mal-fel", Sidkontext.beskrivning(false, true, "mal"));
        assertEquals("mal-hjalp", Sidkontext.beskrivning(true, false, "mal"));
        assertNull(Sidkontext.beskrivning(false, false, "mal"));
    }
}
