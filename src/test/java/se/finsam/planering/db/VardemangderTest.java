package se.finsam.planering.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import se.finsam.planering.kontakt.KontaktRepository;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.varden.Varden;

/**
 * The value sets have one place in the database (table vardemangd) and one in Java ({@link Varden}); they say the
 * same, and the database refuses what the rules forbid, on the migrated and seeded demo database.
 */
class VardemangderTest {

    private static TestApp app;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        jdbi = app.jdbi();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void javasListorArDatabasensMangderMedSammaKoderISammaOrdning() {
        Map<String, List<String>> databasen = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT mangd, kod, ordning FROM vardemangd ORDER BY mangd, ordning")
                .mapToMap().forEach(rad -> {
                    List<String> koder = databasen.computeIfAbsent((String) rad.get("mangd"), k -> new ArrayList<>());
                    koder.add((String) rad.get("kod"));
                    assertEquals(koder.size(), ((Number) rad.get("ordning")).intValue(),
                            "the order in " + rad.get("mangd") + " counts 1, 2, 3 ... without gaps");
                }));
        assertEquals(Varden.MANGDER.keySet().stream().sorted().toList(), List.copyOf(databasen.keySet()),
                "the same sets");
        for (var mangd : Varden.MANGDER.entrySet()) {
            assertEquals(mangd.getValue(), databasen.get(mangd.getKey()), "the set " + mangd.getKey());
        }
        // a page language is stored in anvandare.sprak, so every language with a bundle is in the set
        for (Texter.Sprak sprak : Texter.SPRAK) {
            assertTrue(Varden.SPRAK.contains(sprak.kod()), sprak.kod());
        }
    }

    /** A coded column, and how to write one value into it on a real row (the caller rolls back). */
    private record Kolumn(String tabell, String kolumn, String mangd, BiConsumer<Handle, String> skriv) {
    }

    private static BiConsumer<Handle, String> uppdatera(String tabell, String kolumn, String vilken) {
        return (h, v) -> h.createUpdate("UPDATE " + tabell + " SET " + kolumn + " = :v WHERE rowid = ("
                + vilken + ")").bind("v", v).execute();
    }

    /** A new follow-up for a participant with a plan item, copied from an existing one. */
    private static final String NY_UPPFOLJNING = """
            INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av, forsorjning)
            SELECT :uuid, u.deltagare_id, :typ, u.datum, u.registrerad, u.registrerad_av, :forsorjning
            FROM uppfoljning u JOIN uppfoljning_status us ON us.uppfoljning_id = u.id
            ORDER BY u.id LIMIT 1""";

    private static long nyUppfoljning(Handle h, String typ, String forsorjning) {
        return h.createUpdate(NY_UPPFOLJNING).bind("uuid", "test-" + System.nanoTime()).bind("typ", typ)
                .bind("forsorjning", forsorjning).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** A 6-month check for a closed participant, by its koordinator's colleague who closed the plan. */
    private static void nyEfterkontroll(Handle h, String forsorjning, String sysselsattning) {
        h.createUpdate("""
                        INSERT INTO efterkontroll (deltagare_id, manader, nadd, forsorjning, sysselsattning, datum,
                                                   registrerad_av, registrerad)
                        SELECT deltagare_id, 6, 1, :f, :s, datum, registrerad_av, registrerad
                        FROM avslut ORDER BY id LIMIT 1""")
                .bind("f", forsorjning).bind("s", sysselsattning).execute();
    }

    private static final List<Kolumn> KOLUMNER = List.of(
            new Kolumn("organisation", "typ", "organisationstyp",
                    uppdatera("organisation", "typ", "SELECT min(rowid) FROM organisation")),
            // A staff member with an organisation and no PIN may hold every role.
            new Kolumn("anvandare", "roll", "roll", uppdatera("anvandare", "roll",
                    "SELECT min(rowid) FROM anvandare WHERE organisation_id IS NOT NULL AND pin_hash IS NULL")),
            new Kolumn("anvandare", "sprak", "sprak", uppdatera("anvandare", "sprak",
                    "SELECT min(rowid) FROM anvandare")),
            new Kolumn("deltagare", "sprak", "sprak", uppdatera("deltagare", "sprak",
                    "SELECT min(rowid) FROM deltagare")),
            new Kolumn("deltagare", "kon", "kon", uppdatera("deltagare", "kon", "SELECT min(rowid) FROM deltagare")),
            new Kolumn("samtycke", "hur", "samtycke_hur", uppdatera("samtycke", "hur",
                    "SELECT min(rowid) FROM samtycke")),
            new Kolumn("anmalan", "forsorjning", "forsorjning", uppdatera("anmalan", "forsorjning",
                    "SELECT min(rowid) FROM anmalan")),
            new Kolumn("mote", "status", "motesstatus", uppdatera("mote", "status", "SELECT min(rowid) FROM mote")),
            new Kolumn("planpunkt", "typ", "planpunkttyp", uppdatera("planpunkt", "typ",
                    "SELECT min(rowid) FROM planpunkt")),
            new Kolumn("uppfoljning", "typ", "uppfoljningstyp", (h, v) -> nyUppfoljning(h, v, null)),
            new Kolumn("uppfoljning", "forsorjning", "forsorjning",
                    (h, v) -> nyUppfoljning(h, "uppfoljning", v)),
            new Kolumn("uppfoljning_status", "status", "status", (h, v) -> {
                long id = nyUppfoljning(h, "statusandring", null);
                h.createUpdate("""
                                INSERT INTO uppfoljning_status (uppfoljning_id, planpunkt_id, status, orsak)
                                SELECT :id, pp.id, :v, 'Ett skäl' FROM uppfoljning u
                                JOIN planering p ON p.deltagare_id = u.deltagare_id
                                JOIN planpunkt pp ON pp.planering_id = p.id
                                WHERE u.id = :id ORDER BY pp.id LIMIT 1""")
                        .bind("id", id).bind("v", v).execute();
            }),
            new Kolumn("avslut", "orsak", "avslutsorsak", uppdatera("avslut", "orsak",
                    // with a continuation named, every reason is allowed
                    "SELECT min(rowid) FROM avslut WHERE nasta_steg IS NOT NULL AND fortsattning_ansvarig IS NOT NULL")),
            new Kolumn("avslut", "forsorjning", "forsorjning", uppdatera("avslut", "forsorjning",
                    "SELECT min(rowid) FROM avslut")),
            new Kolumn("anmalan", "utbildning", "utbildning", uppdatera("anmalan", "utbildning",
                    "SELECT min(rowid) FROM anmalan")),
            new Kolumn("anmalan", "tid_forsorjning", "tid_forsorjning", uppdatera("anmalan", "tid_forsorjning",
                    "SELECT min(rowid) FROM anmalan")),
            new Kolumn("anmalan", "sysselsattning", "sysselsattning", uppdatera("anmalan", "sysselsattning",
                    "SELECT min(rowid) FROM anmalan")),
            new Kolumn("anmalan", "anstallning_vid_start", "ja_nej_okant", uppdatera("anmalan",
                    "anstallning_vid_start", "SELECT min(rowid) FROM anmalan")),
            new Kolumn("avslut", "sysselsattning", "sysselsattning", uppdatera("avslut", "sysselsattning",
                    "SELECT min(rowid) FROM avslut")),
            new Kolumn("avslut", "steg_mot_arbete", "steg_mot_arbete", uppdatera("avslut", "steg_mot_arbete",
                    "SELECT min(rowid) FROM avslut")),
            new Kolumn("efterkontroll", "forsorjning", "forsorjning", (h, v) -> nyEfterkontroll(h, v, "arbete")),
            new Kolumn("efterkontroll", "sysselsattning", "sysselsattning",
                    (h, v) -> nyEfterkontroll(h, "lon", v)),
            new Kolumn("koordinatoruppgift", "typ", "koordinatoruppgift", (h, v) -> h.createUpdate("""
                    INSERT INTO koordinatoruppgift (deltagare_id, typ, organisation_id, text, skapad, skapad_av)
                    SELECT deltagare_id, :v, organisation_id, 'Mitt efternamn är fel', givet_datum, registrerad_av
                    FROM samtycke ORDER BY id LIMIT 1""").bind("v", v).execute()),
            new Kolumn("audit_log", "handling", "handling", (h, v) -> h.createUpdate("""
                    INSERT INTO audit_log (tid, anvandare_id, handling, deltagare_id, vad)
                    SELECT tid, anvandare_id, :v, deltagare_id, 'test' FROM audit_log ORDER BY id LIMIT 1""")
                    .bind("v", v).execute()));

    /** Runs the write in a transaction that is always rolled back, so each test leaves the data as it found it. */
    private static void iAterstalldTransaktion(Handle h, Runnable skriv) {
        h.begin();
        try {
            skriv.run();
        } finally {
            h.rollback();
        }
    }

    private static SQLiteException vagras(Handle h, SQLiteErrorCode kod, Runnable skriv) {
        UnableToExecuteStatementException e = assertThrows(UnableToExecuteStatementException.class,
                () -> iAterstalldTransaktion(h, skriv));
        SQLiteException orsak = assertInstanceOf(SQLiteException.class, e.getCause(), e.toString());
        assertEquals(kod, orsak.getResultCode(), orsak.getMessage());
        return orsak;
    }

    @Test
    void varjeKodadKolumnTarVarjeKodIMangdenOchVagrarAllaAndra() {
        jdbi.useHandle(h -> {
            for (Kolumn k : KOLUMNER) {
                for (String kod : Varden.MANGDER.get(k.mangd())) {
                    // every member goes in: the table's own CHECK from V1 agrees with the set
                    iAterstalldTransaktion(h, () -> k.skriv().accept(h, kod));
                }
                SQLiteException fel = vagras(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER,
                        () -> k.skriv().accept(h, "okand_kod"));
                assertTrue(fel.getMessage().contains(k.tabell() + "." + k.kolumn() + ": code not in vardemangd "
                        + k.mangd()), fel.getMessage());
            }
            // the stages are derived, never stored; the view yields only codes of their set
            List<String> faser = h.createQuery("SELECT DISTINCT fas FROM deltagare_fas").mapTo(String.class).list();
            assertFalse(faser.isEmpty());
            assertTrue(Varden.FAS.containsAll(faser), faser.toString());
        });
    }

    @Test
    void enMyndighetHarEnAktuellOrdinarieKontaktOchHurMangaTidigareSomHelst() {
        jdbi.useHandle(h -> {
            Map<String, Object> aktuell = h.createQuery("""
                    SELECT id, deltagare_id, organisation_id, fran_datum FROM kontaktperson
                    WHERE till_datum IS NULL AND ordinarie_handlaggare = 1 ORDER BY id LIMIT 1""").mapToMap().one();
            long deltagare = ((Number) aktuell.get("deltagare_id")).longValue();
            long org = ((Number) aktuell.get("organisation_id")).longValue();
            String sql = """
                    INSERT INTO kontaktperson (deltagare_id, organisation_id, namn, ordinarie_handlaggare, fran_datum,
                                               till_datum)
                    VALUES (:d, :o, 'Extra Kontakt', :ordinarie, :fran, :till)""";

            // an ended row beside the current one is history, and allowed
            iAterstalldTransaktion(h, () -> h.createUpdate(sql).bind("d", deltagare).bind("o", org)
                    .bind("ordinarie", 1).bind("fran", "2020-01-01").bind("till", "2020-06-01").execute());
            // so is a current contact who is not the ordinary handläggare (as the koordinator)
            iAterstalldTransaktion(h, () -> h.createUpdate(sql).bind("d", deltagare).bind("o", org)
                    .bind("ordinarie", 0).bind("fran", "2020-01-01").bindNull("till", java.sql.Types.VARCHAR)
                    .execute());

            SQLiteException fel = vagras(h, SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, () -> h.createUpdate(sql)
                    .bind("d", deltagare).bind("o", org).bind("ordinarie", 1).bind("fran", "2020-01-01")
                    .bindNull("till", java.sql.Types.VARCHAR).execute());
            assertTrue(fel.getMessage().contains("kontaktperson.deltagare_id, kontaktperson.organisation_id"),
                    fel.getMessage());

            // the application's change of contact ends the current one first, so it passes the rule
            iAterstalldTransaktion(h, () -> {
                KontaktRepository.byt(h, deltagare, new KontaktRepository.NyKontakt(org, null, "Ny Kontakt", null,
                        "010-123 45 67", null, null), LocalDate.now(app.clock()));
                List<String> oppna = h.createQuery("""
                                SELECT namn FROM kontaktperson
                                WHERE deltagare_id = :d AND organisation_id = :o AND till_datum IS NULL
                                  AND ordinarie_handlaggare = 1""")
                        .bind("d", deltagare).bind("o", org).mapTo(String.class).list();
                assertEquals(List.of("Ny Kontakt"), oppna);
            });
        });
    }

    @Test
    void enRattelsePekarBaraPaSammaDeltagaresUppfoljning() {
        jdbi.useHandle(h -> {
            Map<String, Object> original = h.createQuery(
                    "SELECT id, deltagare_id, registrerad_av FROM uppfoljning ORDER BY id LIMIT 1").mapToMap().one();
            long annan = h.createQuery("SELECT min(id) FROM deltagare WHERE id <> :d")
                    .bind("d", original.get("deltagare_id")).mapTo(Long.class).one();
            String sql = """
                    INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av, korrigerar_id)
                    VALUES (:uuid, :d, 'uppfoljning', '2026-11-20', '2026-11-20T10:00:00Z', :av, :original)""";

            iAterstalldTransaktion(h, () -> h.createUpdate(sql).bind("uuid", "rattelse-samma")
                    .bind("d", original.get("deltagare_id")).bind("av", original.get("registrerad_av"))
                    .bind("original", original.get("id")).execute());

            SQLiteException fel = vagras(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, () -> h.createUpdate(sql)
                    .bind("uuid", "rattelse-annan").bind("d", annan).bind("av", original.get("registrerad_av"))
                    .bind("original", original.get("id")).execute());
            assertTrue(fel.getMessage().contains(
                    "uppfoljning.korrigerar_id: the corrected follow-up belongs to another participant"),
                    fel.getMessage());
        });
    }

    @Test
    void enStatushandelseGallerBaraPlanpunkterISammaDeltagaresPlan() {
        jdbi.useHandle(h -> {
            Map<String, Object> egen = h.createQuery("""
                    SELECT u.id AS uppfoljning, pp.id AS planpunkt, p.deltagare_id FROM uppfoljning u
                    JOIN planering p ON p.deltagare_id = u.deltagare_id
                    JOIN planpunkt pp ON pp.planering_id = p.id
                    WHERE NOT EXISTS (SELECT 1 FROM uppfoljning_status us
                                      WHERE us.uppfoljning_id = u.id AND us.planpunkt_id = pp.id)
                    ORDER BY u.id, pp.id LIMIT 1""").mapToMap().one();
            long annansPunkt = h.createQuery("""
                    SELECT min(pp.id) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                    WHERE p.deltagare_id <> :d""").bind("d", egen.get("deltagare_id")).mapTo(Long.class).one();
            String sql = """
                    INSERT INTO uppfoljning_status (uppfoljning_id, planpunkt_id, status)
                    VALUES (:u, :pp, 'pagar')""";

            iAterstalldTransaktion(h, () -> h.createUpdate(sql).bind("u", egen.get("uppfoljning"))
                    .bind("pp", egen.get("planpunkt")).execute());

            SQLiteException fel = vagras(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, () -> h.createUpdate(sql)
                    .bind("u", egen.get("uppfoljning")).bind("pp", annansPunkt).execute());
            assertTrue(fel.getMessage().contains(
                    "uppfoljning_status.planpunkt_id: the item belongs to another participant's plan"),
                    fel.getMessage());
        });
    }
}
