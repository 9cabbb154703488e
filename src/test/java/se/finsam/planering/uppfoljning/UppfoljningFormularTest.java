package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.finsam.planering.planering.PlaneringRepository;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formularfel;

/**
 * Every rule of a follow-up, as the HTML form and the sync API both read it: the same fields by name, through
 * {@link UppfoljningFormular#tolka}, with the errors as message keys that exist in all three languages.
 */
class UppfoljningFormularTest {

    private static final LocalDate IDAG = LocalDate.of(2026, 11, 23);
    private static final Instant MOTTAGEN = Instant.parse("2026-11-23T10:00:00Z");
    private static final LocalDate PLAN = LocalDate.of(2026, 9, 1);
    private static final long DELTAGARE = 5;
    private static final List<PlaneringRepository.Planpunkt> PUNKTER = List.of(
            new PlaneringRepository.Planpunkt(11, 1, "Söka jobb", "rekommendation", false, "Arbetsförmedlingen", null, IDAG,
                    null, null, null),
            new PlaneringRepository.Planpunkt(12, 2, "Praktik", "rekommendation", false, "Kommunen", null, IDAG, "pagar", null,
                    null));

    private static Map<String, String> giltig() {
        Map<String, String> falt = new LinkedHashMap<>();
        falt.put("uuid", "0b9c6a1e-2f4d-4c8e-9a7b-1d2e3f4a5b6c");
        falt.put("datum", "2026-11-20");
        falt.put("notering_deltagare", "Bra jobbat.");
        return falt;
    }

    private static Formularfel fel(Map<String, String> falt) {
        return UppfoljningFormular.tolka(falt, DELTAGARE, PUNKTER, IDAG, MOTTAGEN, PLAN,
                id -> id == 99 ? Optional.of(DELTAGARE) : Optional.of(77L), Texter.of("sv")).fel();
    }

    /** The bundle itself, not the Swedish it falls back on. */
    static boolean iBunten(String sprak, String nyckel) {
        var props = new java.util.Properties();
        try (var in = UppfoljningFormularTest.class.getResourceAsStream("/i18n/messages_" + sprak + ".properties")) {
            props.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return props.containsKey(nyckel);
    }

    private static void assertFel(Map<String, String> falt, String faltnamn, String nyckel) {
        Formularfel fel = fel(falt);
        assertTrue(fel.has(faltnamn), faltnamn + " in " + fel.all());
        assertEquals(nyckel, fel.get(faltnamn).nyckel());
        for (String sprak : List.of("sv", "en", "ar")) {
            Texter m = Texter.of(sprak);
            assertTrue(iBunten(sprak, nyckel), nyckel + " missing in " + sprak);
            assertFalse(fel.text(faltnamn, m).startsWith("["), sprak);
        }
    }

    @Test
    void enGiltigUppfoljningGarIgenom() {
        var utfall = UppfoljningFormular.tolka(giltig(), DELTAGARE, PUNKTER, IDAG, MOTTAGEN, PLAN,
                id -> Optional.empty(), Texter.of("sv"));
        assertTrue(utfall.ok(), utfall.fel().all().toString());
        assertEquals("Bra jobbat.", utfall.uppfoljning().noteringDeltagare());
    }

    @Test
    void textTrimmasOchTommaFaltRaknasSomTomma() {
        Map<String, String> falt = giltig();
        falt.put("notering_deltagare", "  Bra jobbat.  ");
        falt.put("sysselsattning", "   ");
        var utfall = UppfoljningFormular.tolka(falt, DELTAGARE, PUNKTER, IDAG, MOTTAGEN, PLAN,
                id -> Optional.empty(), Texter.of("sv"));
        assertEquals("Bra jobbat.", utfall.uppfoljning().noteringDeltagare());
        assertEquals(null, utfall.uppfoljning().sysselsattning());
    }

    @Test
    void uuidMasteFinnas() {
        Map<String, String> falt = giltig();
        falt.put("uuid", "inte-en-uuid");
        assertFel(falt, "uuid", "uppf.fel.uuid");
    }

    @Test
    void datumetsRegler() {
        Map<String, String> falt = giltig();
        falt.remove("datum");
        assertFel(falt, "datum", "uppf.fel.datum.saknas");
        falt.put("datum", "23/11");
        assertFel(falt, "datum", "uppf.fel.datum.format");
        falt.put("datum", "2026-08-31");
        assertFel(falt, "datum", "uppf.fel.datum.fore");
        assertEquals(List.of("2026-09-01"), fel(falt).get("datum").argument());
        falt.put("datum", "2026-11-25");
        assertFel(falt, "datum", "uppf.fel.datum.framtid");
    }

    @Test
    void enhetensKlockaMasteStammaUngefar() {
        Map<String, String> falt = giltig();
        falt.put("klient_tid", "2020-01-01T00:00:00Z");
        assertFel(falt, "datum", "uppf.fel.klienttid");
        falt.put("klient_tid", "igår");
        assertFel(falt, "datum", "uppf.fel.datum.format");
    }

    @Test
    void vardenBaraFranListan() {
        Map<String, String> falt = giltig();
        falt.put("forsorjning", "lotto");
        assertFel(falt, "forsorjning", "uppf.fel.forsorjning");
        falt = giltig();
        falt.put("status_11", "kanske");
        assertFel(falt, "status_11", "uppf.fel.status");
    }

    @Test
    void langdPerFalt() {
        for (var e : UppfoljningFormular.MAX_LANGD.entrySet()) {
            Map<String, String> falt = giltig();
            String namn = e.getKey().replace("*", "11");
            if (namn.startsWith("orsak_")) {
                falt.put("status_11", "avslagen");
            }
            falt.put(namn, "x".repeat(e.getValue() + 1));
            assertFel(falt, namn, "form.fel.lang");
            assertEquals(List.of(e.getValue(), e.getValue() + 1), fel(falt).get(namn).argument());
        }
    }

    @Test
    void rattelseAvEnAnnanDeltagaresUppfoljningVagras() {
        Map<String, String> falt = giltig();
        falt.put("korrigerar", "12");
        assertFel(falt, "korrigerar", "uppf.fel.korrigerar");
        falt.put("korrigerar", "abc");
        assertFel(falt, "korrigerar", "uppf.fel.korrigerar");
        falt.put("korrigerar", "99");
        assertFalse(fel(falt).has("korrigerar"));
    }

    @Test
    void punkterMasteHoraTillPlanen() {
        Map<String, String> falt = giltig();
        falt.put("status_404", "klar");
        assertFel(falt, "punkter", "uppf.fel.punkt");
    }

    @Test
    void avslagenOchFastnatKraverOrsakNarLagetAndras() {
        Map<String, String> falt = giltig();
        falt.put("status_11", "avslagen");
        falt.put("fore_11", "ej_paborjad");
        assertFel(falt, "orsak_11", "uppf.fel.orsak.avslagen");
        falt.put("status_11", "fastnat");
        assertFel(falt, "orsak_11", "uppf.fel.orsak.fastnat");
        falt.put("orsak_11", "Väntar på intyg");
        assertFalse(fel(falt).has("orsak_11"));
        falt.remove("orsak_11");
        falt.put("fore_11", "fastnat");
        assertFalse(fel(falt).has("orsak_11"), "unchanged status needs no new reason");
    }

    @Test
    void nagotMasteSparas() {
        Map<String, String> falt = giltig();
        falt.remove("notering_deltagare");
        assertFel(falt, "notering_deltagare", "uppf.fel.tom");
    }

    @Test
    void enhetensReglerHarSammaVardenOchMeddelandenPaVarjeSprak() {
        for (String sprak : List.of("sv", "en", "ar")) {
            Map<String, Object> regler = UppfoljningFormular.regler(PLAN, Texter.of(sprak));
            assertEquals(UppfoljningFormular.MAX_LANGD, regler.get("maxLangd"));
            assertEquals(UppfoljningFormular.VARDEN, regler.get("varden"));
            assertFalse(regler.toString().contains("[uppf."), sprak + ": " + regler);
            assertFalse(regler.toString().contains("[form."), sprak + ": " + regler);
        }
        for (String nyckel : UppfoljningFormular.VARDEN_FEL.values()) {
            assertTrue(iBunten("ar", nyckel), nyckel);
        }
    }
}
