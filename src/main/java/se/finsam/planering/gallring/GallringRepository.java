package se.finsam.planering.gallring;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.db.Dialekt;

/**
 * What gallring removes, and the settings and record of it. A participant is cleared when her plan was closed
 * longer ago than her förbund's retention time; the coded values (kön, födelseår, team, dates, organisations,
 * codes, statuses, outcomes) stay, so every statistic of the past stays the same.
 */
public final class GallringRepository {

    /** The retention time when a förbund has set none. */
    public static final int STANDARD_MANADER = 24;
    public static final String STANDARD_BESLUT = "Förbundets dokumenthanteringsplan";

    /** {@code forbund} is "" for the teams that name no förbund (an installation for one förbund). */
    public record Installning(String forbund, int manader, String beslut, boolean egen) {
    }

    /** How many plans the next run clears in a förbund, and the last avslut date it reaches. */
    public record Forhandsvisning(String forbund, int manader, LocalDate grans, int antal) {
    }

    public record Korning(long id, Instant startad, Instant klar, String beslut, String utfordAv, Integer deltagare,
                          String rader) {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        /** The rows changed or removed per table, in table order, for the page; empty while the run goes on. */
        public List<Map.Entry<String, Integer>> raderPerTabell() {
            if (rader == null || rader.isBlank()) {
                return List.of();
            }
            try {
                Map<String, Integer> tabeller = JSON.readValue(rader,
                        new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, Integer>>() { });
                return List.copyOf(tabeller.entrySet());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return List.of(Map.entry(rader, 0));
            }
        }
    }

    private static final String ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Jdbi jdbi;
    private final SecureRandom slump = new SecureRandom();

    public GallringRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Installning.class, Forhandsvisning.class, Korning.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    /** One row per förbund that has a team, with its own setting or the default. */
    public List<Installning> installningar() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.forbund, coalesce(g.manader, :m) AS manader, coalesce(g.beslut, :b) AS beslut,
                               g.forbund IS NOT NULL AS egen
                        FROM (SELECT DISTINCT coalesce(forbund, '') AS forbund FROM team) f
                        LEFT JOIN gallring_installning g ON g.forbund = f.forbund
                        ORDER BY f.forbund""")
                .bind("m", STANDARD_MANADER).bind("b", STANDARD_BESLUT)
                .mapTo(Installning.class).list());
    }

    public boolean finnsForbund(String forbund) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM team WHERE coalesce(forbund, '') = :f)")
                .bind("f", forbund).mapTo(Boolean.class).one());
    }

    public void spara(String forbund, int manader, String beslut, long anvandareId, Instant nu) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO gallring_installning (forbund, manader, beslut, andrad, andrad_av)
                        VALUES (:f, :m, :b, :nu, :a)
                        ON CONFLICT (forbund) DO UPDATE SET manader = excluded.manader, beslut = excluded.beslut,
                            andrad = excluded.andrad, andrad_av = excluded.andrad_av""")
                .bind("f", forbund).bind("m", manader).bind("b", beslut).bind("nu", nu.toString())
                .bind("a", anvandareId).execute());
    }

    private static String kandidater(Dialekt dialekt) {
        return """
                FROM deltagare d JOIN avslut a ON a.deltagare_id = d.id JOIN team t ON t.id = d.team_id
                LEFT JOIN gallring_installning g ON g.forbund = coalesce(t.forbund, '')
                WHERE d.gallrad IS NULL
                  AND a.datum <\s""" + dialekt.datumManaderFore(":idag", "coalesce(g.manader, :standard)");
    }

    /** The participants the next run clears, per förbund. */
    public List<Forhandsvisning> forhandsvisning(LocalDate idag) {
        Dialekt dialekt = Dialekt.av(jdbi);
        String forst = dialekt.datumManaderFore(":idag", "i.manader");
        // The query gives the first avslut date a run keeps; the page shows the last one it clears, the day before.
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT i.forbund, i.manader, %s AS grans,
                               (SELECT count(*) FROM deltagare d JOIN avslut a ON a.deltagare_id = d.id
                                  JOIN team t ON t.id = d.team_id
                                 WHERE coalesce(t.forbund, '') = i.forbund AND d.gallrad IS NULL
                                   AND a.datum < %s) AS antal
                        FROM (SELECT DISTINCT coalesce(t.forbund, '') AS forbund, coalesce(g.manader, :standard) AS manader
                              FROM team t LEFT JOIN gallring_installning g ON g.forbund = coalesce(t.forbund, '')) i
                        ORDER BY i.forbund""".formatted(forst, forst))
                .bind("idag", idag.toString()).bind("standard", STANDARD_MANADER)
                .mapTo(Forhandsvisning.class)
                .map(f -> new Forhandsvisning(f.forbund(), f.manader(), f.grans().minusDays(1), f.antal()))
                .list());
    }

    public List<Long> kandidater(LocalDate idag) {
        return jdbi.withHandle(h -> h.createQuery("SELECT d.id " + kandidater(Dialekt.av(h)) + " ORDER BY d.id")
                .bind("idag", idag.toString()).bind("standard", STANDARD_MANADER)
                .mapTo(Long.class).list());
    }

    public long paborja(Instant nu, String beslut, String utfordAv) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO gallring_run (startad, beslut, utford_av, aktiv) VALUES (:nu, :b, :av, 0)""")
                .bind("nu", nu.toString()).bind("b", beslut).bind("av", utfordAv)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public void avsluta(long korning, Instant nu, int deltagare, String rader) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE gallring_run SET klar = :nu, deltagare = :d, rader = :r WHERE id = :id""")
                .bind("nu", nu.toString()).bind("d", deltagare).bind("r", rader).bind("id", korning).execute());
    }

    /** The audit log chain's last row as "id:hex", for the server log. */
    public String kedjansSlut() {
        return se.finsam.planering.audit.Handelselogg.kedjansSlut(jdbi);
    }

    public List<Korning> korningar(int antal) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, startad, klar, beslut, utford_av, deltagare, rader FROM gallring_run
                        ORDER BY id DESC LIMIT :n""")
                .bind("n", antal).mapTo(Korning.class).list());
    }

    private String nyKod() {
        StringBuilder kod = new StringBuilder("G-");
        for (int i = 0; i < 10; i++) {
            kod.append(ALFABET.charAt(slump.nextInt(ALFABET.length())));
        }
        return kod.toString();
    }

    /**
     * Clears one participant in one transaction, inside the one path the append-only tables allow: this run's
     * row active (seen by no other connection before the commit) and this thread marked as clearing her
     * ({@link se.finsam.planering.db.Gallringslage}). Her audit log rows are blanked and a chained row states
     * the counts, in the same transaction. Returns rows changed or removed per table; nothing when she was
     * cleared already.
     */
    public Map<String, Integer> gallra(long korning, long deltagareId, Instant nu) {
        // Queued reads of this person go in first, so that they are removed with the rest.
        se.finsam.planering.audit.Handelselogg.skrivKlart(jdbi);
        // The log's lock before the transaction: the row this writes joins the hash chain in order.
        return se.finsam.planering.audit.Handelselogg.medLas(jdbi, () -> jdbi.inTransaction(h -> {
            Map<String, Integer> rader = new LinkedHashMap<>();
            Long konto = h.createQuery("SELECT anvandare_id FROM deltagare WHERE id = :d AND gallrad IS NULL")
                    .bind("d", deltagareId).mapTo(Long.class).findOne().orElse(-1L);
            boolean finns = h.createQuery("SELECT EXISTS (SELECT 1 FROM deltagare WHERE id = :d AND gallrad IS NULL)")
                    .bind("d", deltagareId).mapTo(Boolean.class).one();
            if (!finns) {
                return rader;
            }
            long k = konto == null ? -1L : konto;
            // The append-only tables' triggers let this thread through for her rows only, while this run is active.
            return se.finsam.planering.db.Gallringslage.medan(korning, deltagareId, k,
                    () -> gallraHenne(h, korning, deltagareId, k, nu));
        }));
    }

    private Map<String, Integer> gallraHenne(Handle h, long korning, long deltagareId, long k, Instant nu) {
        Map<String, Integer> rader = new LinkedHashMap<>();
        h.createUpdate("UPDATE gallring_run SET aktiv = 1 WHERE id = :id").bind("id", korning).execute();
        String planer = "(SELECT id FROM planering WHERE deltagare_id = :d)";
        String punkter = "(SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id"
                + " WHERE p.deltagare_id = :d)";
        String uppfoljningar = "(SELECT id FROM uppfoljning WHERE deltagare_id = :d)";
        kor(h, rader, "deltagare", """
                UPDATE deltagare SET fornamn = NULL, efternamn = NULL, personnummer = NULL, telefon = NULL,
                    epost = NULL, tolksprak = NULL, anvandare_id = NULL, kod = :kod, gallrad = :nu,
                    skyddad_identitet = 1
                WHERE id = :d""", deltagareId, k, Map.of("kod", nyKod(), "nu", nu.toString()));
        for (String tabell : List.of("session", "aktiveringskod", "nyckel", "totp", "totp_anvand",
                "webauthn_utmaning", "konto_andring", "push_prenumeration")) {
            kor(h, rader, tabell, "DELETE FROM " + tabell + " WHERE anvandare_id = :a", deltagareId, k, Map.of());
        }
        kor(h, rader, "anvandare", """
                UPDATE anvandare SET anvandarnamn = NULL, namn = '–', telefon = NULL, epost = NULL,
                    pin_hash = NULL, losenord_hash = NULL, nyckel_handtag = NULL, aktiv = 0
                WHERE id = :a AND roll = 'deltagare'""", deltagareId, k, Map.of());
        // Log rows are blanked, not deleted: who, whom, what and from where go (and the salt of the content's
        // hash), the time, the kind and the hash chain stay, so the chain stays whole.
        kor(h, rader, "audit_log", """
                UPDATE audit_log SET anvandare_id = NULL, deltagare_id = NULL, vad = '–', adress = NULL,
                    salt = NULL, gallrad = :korning
                WHERE (deltagare_id = :d OR anvandare_id = :a) AND gallrad IS NULL""", deltagareId, k,
                Map.of("korning", korning));
        kor(h, rader, "anmalan", """
                UPDATE anmalan SET sammanfattning = '–', tidigare_insatser = NULL WHERE deltagare_id = :d""",
                deltagareId, k, Map.of());
        kor(h, rader, "planering", "UPDATE planering SET mal = '–', teamanteckning = NULL WHERE deltagare_id = :d",
                deltagareId, k, Map.of());
        kor(h, rader, "planpunkt", "UPDATE planpunkt SET text = '–' WHERE planering_id IN " + planer,
                deltagareId, k, Map.of());
        kor(h, rader, "uppfoljning", """
                UPDATE uppfoljning SET notering_deltagare = NULL, notering_intern = NULL, nasta_steg = NULL,
                    sysselsattning = NULL
                WHERE deltagare_id = :d AND (notering_deltagare IS NOT NULL OR notering_intern IS NOT NULL
                    OR nasta_steg IS NOT NULL OR sysselsattning IS NOT NULL)""", deltagareId, k, Map.of());
        kor(h, rader, "uppfoljning_status", "UPDATE uppfoljning_status SET orsak = '–'"
                + " WHERE orsak IS NOT NULL AND uppfoljning_id IN " + uppfoljningar, deltagareId, k, Map.of());
        kor(h, rader, "eskalering_hanterad", "UPDATE eskalering_hanterad SET notering = '–'"
                + " WHERE uppfoljning_id IN " + uppfoljningar, deltagareId, k, Map.of());
        kor(h, rader, "overlamning", "UPDATE overlamning SET avvisad_orsak = '–'"
                + " WHERE avvisad_orsak IS NOT NULL AND planpunkt_id IN " + punkter, deltagareId, k, Map.of());
        kor(h, rader, "kontaktperson", "DELETE FROM kontaktperson WHERE deltagare_id = :d", deltagareId, k,
                Map.of());
        kor(h, rader, "mote_deltagare", """
                UPDATE mote_deltagare SET syfte = '–', ta_med = NULL, flyttad_fran_plats = NULL
                WHERE deltagare_id = :d""", deltagareId, k, Map.of());
        kor(h, rader, "avslut", """
                UPDATE avslut SET nasta_steg = CASE WHEN nasta_steg IS NULL THEN NULL ELSE '–' END,
                    fortsattning_ansvarig = CASE WHEN fortsattning_ansvarig IS NULL THEN NULL ELSE '–' END
                WHERE deltagare_id = :d""", deltagareId, k, Map.of());
        kor(h, rader, "avslut_punkt", """
                UPDATE avslut_punkt SET orsak = CASE WHEN orsak IS NULL THEN NULL ELSE '–' END,
                    till_text = CASE WHEN till_text IS NULL THEN NULL ELSE '–' END
                WHERE deltagare_id = :d""", deltagareId, k, Map.of());
        kor(h, rader, "koordinatoruppgift", "DELETE FROM koordinatoruppgift WHERE deltagare_id = :d",
                deltagareId, k, Map.of());
        kor(h, rader, "lasbekraftelse", "DELETE FROM lasbekraftelse WHERE deltagare_id = :d", deltagareId, k,
                Map.of());
        h.createUpdate("UPDATE gallring_run SET aktiv = 0 WHERE id = :id").bind("id", korning).execute();
        // What was cleared, in the chained log and in the same transaction: counts per table, nobody's name.
        se.finsam.planering.audit.Handelselogg.skrivI(h, nu, null, se.finsam.planering.audit.Handelselogg.Handling.ANDRA,
                null, "gallring körning " + korning + ": rensade rader " + json(rader), null);
        return rader;
    }

    /** Counts per table as a JSON object, in table order. */
    static String json(Map<String, Integer> rader) {
        StringBuilder s = new StringBuilder("{");
        new java.util.TreeMap<>(rader).forEach((tabell, n) -> {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append('"').append(tabell).append("\":").append(n);
        });
        return s.append('}').toString();
    }

    /**
     * After a run. On SQLite the write-ahead log is copied into the file and cut to nothing (the old pages it held
     * had the cleared text), and free pages are dropped by VACUUM when there are any; with secure_delete on, what
     * a run removes is zeroed in the file itself. On PostgreSQL the database is vacuumed (see {@link Dialekt}).
     * Returns whether the write-ahead log could be cut (a reader holding an old snapshot keeps it; it is tried a
     * few times).
     */
    public boolean rensaFilen() {
        return jdbi.withHandle(h -> {
            Dialekt dialekt = Dialekt.av(h);
            boolean klar = tomLoggen(h, dialekt);
            if (dialekt.frigorUtrymme(h)) {
                klar = tomLoggen(h, dialekt);
            }
            return klar;
        });
    }

    private static boolean tomLoggen(Handle h, Dialekt dialekt) {
        for (int forsok = 0; forsok < 20; forsok++) {
            if (dialekt.tomLoggen(h)) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void kor(Handle h, Map<String, Integer> rader, String tabell, String sql, long deltagareId,
                            long konto, Map<String, Object> mer) {
        var update = h.createUpdate(sql);
        if (sql.contains(":d")) {
            update.bind("d", deltagareId);
        }
        if (sql.contains(":a")) {
            update.bind("a", konto);
        }
        mer.forEach(update::bind);
        int n = update.execute();
        rader.merge(tabell, n, Integer::sum);
    }
}
