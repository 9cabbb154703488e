package se.finsam.planering.utskick;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The outbox: rows waiting, what they are sent to, and how each went. */
public final class UtskickRepository {

    /** A row of the outbox. {@code anvandareId} null: it goes to the participant {@code deltagareId}. */
    public record Rad(long id, String nyckel, String typ, long teamId, Long deltagareId, Long anvandareId, Long sakId,
                      Instant skapad, Instant planerad, String kanal, String status, int forsok, String fel,
                      Instant skickat) {
        public boolean tillDeltagare() {
            return anvandareId == null;
        }
    }

    /**
     * Who receives a row, and what she chose. {@code deltagare}: a participant (her language decides the text);
     * {@code anvandareId}: her account, if she has one (her choices are kept by it); {@code kod}: the code of the
     * participant the row is about (hers, or the one a message to staff names), null if none.
     */
    public record Mottagare(boolean deltagare, Long anvandareId, String sprak, String telefon, String epost,
                            boolean epostPa, boolean smsPa, boolean pushPa, boolean detaljer, boolean smsStoppad,
                            String sammanfattning, String kod) {
        public String adress(Kanal k) {
            return switch (k) {
                case EPOST -> epost;
                case SMS -> telefon;
                case PUSH -> anvandareId == null ? null : String.valueOf(anvandareId);
            };
        }

        public boolean vill(Kanal k) {
            return switch (k) {
                case EPOST -> epostPa && epost != null && !epost.isBlank();
                case SMS -> smsPa && !smsStoppad && telefon != null && !telefon.isBlank();
                case PUSH -> pushPa && anvandareId != null;
            };
        }
    }

    /** A participant's booking, for a message with her meeting's time and place. */
    public record Bokning(long id, long deltagareId, LocalDateTime tid, String plats, String status) {
    }

    /** A row for the koordinator's page: no text, no name. */
    public record Listrad(long id, String typ, String mottagare, boolean tillDeltagare, String kanal, Instant skapad,
                          Instant planerad, Instant skickat, String status, String fel, int forsok) {
    }

    /**
     * The type of a kallelse sent by SMS or e-mail beside the printed letter. Unlike her other messages it may go
     * by e-mail when she has made no choice (the team wrote her address down to reach her), and never by push.
     */
    public static final String KALLELSE = "kallelse";

    private static final String RAD = """
            SELECT id, nyckel, typ, team_id, deltagare_id, anvandare_id, sak_id, skapad, planerad, kanal, status,
                   forsok, fel, skickat FROM utskick""";

    private final Jdbi jdbi;

    public UtskickRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Rows due by {@code nu}: at-once rows first, then by when they were planned. */
    public List<Rad> forfallna(Instant nu, int max) {
        return jdbi.withHandle(h -> h.createQuery(RAD + """
                         WHERE status = 'vantar' AND (planerad IS NULL OR planerad <= :nu)
                        ORDER BY planerad IS NOT NULL, planerad, id LIMIT :max""")
                .bind("nu", nu).bind("max", max).map((rs, ctx) -> rad(rs)).list());
    }

    public Optional<Rad> hitta(long id) {
        return jdbi.withHandle(h -> h.createQuery(RAD + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> rad(rs)).findOne());
    }

    private static Rad rad(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Rad(rs.getLong("id"), rs.getString("nyckel"), rs.getString("typ"), rs.getLong("team_id"),
                lang(rs, "deltagare_id"), lang(rs, "anvandare_id"), lang(rs, "sak_id"), tid(rs, "skapad"),
                tid(rs, "planerad"), rs.getString("kanal"), rs.getString("status"), rs.getInt("forsok"),
                rs.getString("fel"), tid(rs, "skickat"));
    }

    private static Long lang(java.sql.ResultSet rs, String kolumn) throws java.sql.SQLException {
        long v = rs.getLong(kolumn);
        return rs.wasNull() ? null : v;
    }

    private static Instant tid(java.sql.ResultSet rs, String kolumn) throws java.sql.SQLException {
        String v = rs.getString(kolumn);
        return v == null ? null : Instant.parse(v);
    }

    /** The recipient of a row, with her choices (or the defaults when she has made none). */
    public Optional<Mottagare> mottagare(Rad rad) {
        return Optional.ofNullable(mottagare(List.of(rad)).get(rad.id()));
    }

    /** At most this many ids in one IN list. */
    private static final int PER_FRAGA = 500;

    /**
     * The recipients of many rows (a pass of the sender), by row id, read together: a query for the participants,
     * one for the staff and one for the codes of the participants the staff's messages are about, however many
     * rows. A row whose recipient is gone (gallrad, an account no longer active) has none. {@code kod} is the code
     * of the participant the row is about: hers, or, for a message to staff, the one thing its text names.
     */
    public Map<Long, Mottagare> mottagare(Collection<Rad> rader) {
        Set<Long> deltagare = new HashSet<>();
        Set<Long> personal = new HashSet<>();
        Set<Long> omDeltagare = new HashSet<>();
        for (Rad r : rader) {
            if (r.tillDeltagare()) {
                deltagare.add(r.deltagareId());
            } else {
                personal.add(r.anvandareId());
                if (r.deltagareId() != null) {
                    omDeltagare.add(r.deltagareId());
                }
            }
        }
        Map<Long, Mottagare> svar = new HashMap<>();
        jdbi.useHandle(h -> {
            Map<Long, Mottagare> deltagarna = new HashMap<>();
            Map<Long, Integer> epostVal = new HashMap<>();
            for (List<Long> del : delar(deltagare)) {
                h.createQuery("""
                                SELECT d.id, d.anvandare_id, d.sprak, d.telefon, d.epost, d.kod, v.epost AS epost_val,
                                       0 AS epost_pa, coalesce(v.sms, 1) AS sms_pa,
                                       CASE WHEN coalesce(v.push, 0) = 1 AND EXISTS (SELECT 1 FROM push_prenumeration p
                                           WHERE p.anvandare_id = d.anvandare_id) THEN 1 ELSE 0 END AS push_pa,
                                       coalesce(v.detaljer, 0) AS detaljer,
                                       coalesce((SELECT s.stoppad FROM utskick_sms_stopp s WHERE s.deltagare_id = d.id),
                                                v.sms_stoppad) AS sms_stoppad, 'aldrig' AS sammanfattning
                                FROM deltagare d LEFT JOIN utskick_val v ON v.anvandare_id = d.anvandare_id
                                WHERE d.id IN (<ids>) AND d.gallrad IS NULL""")
                        .bindList("ids", del)
                        .map((rs, ctx) -> {
                            long id = rs.getLong("id");
                            int val = rs.getInt("epost_val");
                            if (!rs.wasNull()) {
                                epostVal.put(id, val);
                            }
                            deltagarna.put(id, mottagare(rs, true));
                            return id;
                        })
                        .list();
            }
            Map<Long, Mottagare> personalen = new HashMap<>();
            for (List<Long> del : delar(personal)) {
                h.createQuery("""
                                SELECT a.id AS anvandare_id, a.sprak, a.telefon, a.epost, NULL AS kod,
                                       coalesce(v.epost, 1) AS epost_pa, coalesce(v.sms, 0) AS sms_pa,
                                       CASE WHEN coalesce(v.push, 0) = 1 AND EXISTS (SELECT 1 FROM push_prenumeration p
                                           WHERE p.anvandare_id = a.id) THEN 1 ELSE 0 END AS push_pa, 0 AS detaljer,
                                       v.sms_stoppad,
                                       coalesce(v.sammanfattning, 'vecka') AS sammanfattning
                                FROM anvandare a LEFT JOIN utskick_val v ON v.anvandare_id = a.id
                                WHERE a.id IN (<ids>) AND a.aktiv = 1""")
                        .bindList("ids", del)
                        .map((rs, ctx) -> mottagare(rs, false))
                        .forEach(m -> personalen.put(m.anvandareId(), m));
            }
            Map<Long, String> koder = new HashMap<>();
            for (List<Long> del : delar(omDeltagare)) {
                h.createQuery("SELECT id, kod FROM deltagare WHERE id IN (<ids>)").bindList("ids", del)
                        .map((rs, ctx) -> koder.put(rs.getLong(1), rs.getString(2)))
                        .list();
            }
            for (Rad r : rader) {
                if (r.tillDeltagare()) {
                    Mottagare m = deltagarna.get(r.deltagareId());
                    if (m != null) {
                        // No choice of hers: a kallelse goes by e-mail too, her other messages do not.
                        Integer val = epostVal.get(r.deltagareId());
                        boolean epostPa = val == null ? KALLELSE.equals(r.typ()) : val == 1;
                        svar.put(r.id(), new Mottagare(true, m.anvandareId(), m.sprak(), m.telefon(), m.epost(),
                                epostPa, m.smsPa(), m.pushPa(), m.detaljer(), m.smsStoppad(), m.sammanfattning(),
                                m.kod()));
                    }
                } else {
                    Mottagare m = personalen.get(r.anvandareId());
                    if (m != null) {
                        String kod = r.deltagareId() == null ? null : koder.getOrDefault(r.deltagareId(), "–");
                        svar.put(r.id(), new Mottagare(false, m.anvandareId(), m.sprak(), m.telefon(), m.epost(),
                                m.epostPa(), m.smsPa(), m.pushPa(), m.detaljer(), m.smsStoppad(), m.sammanfattning(),
                                kod));
                    }
                }
            }
        });
        return svar;
    }

    private static List<List<Long>> delar(Collection<Long> ids) {
        List<Long> alla = List.copyOf(ids);
        List<List<Long>> delar = new java.util.ArrayList<>();
        for (int i = 0; i < alla.size(); i += PER_FRAGA) {
            delar.add(alla.subList(i, Math.min(alla.size(), i + PER_FRAGA)));
        }
        return delar;
    }

    private static Mottagare mottagare(java.sql.ResultSet rs, boolean deltagare) throws java.sql.SQLException {
        return new Mottagare(deltagare, lang(rs, "anvandare_id"), rs.getString("sprak"), rs.getString("telefon"),
                rs.getString("epost"), rs.getInt("epost_pa") == 1, rs.getInt("sms_pa") == 1,
                rs.getInt("push_pa") == 1, rs.getInt("detaljer") == 1, rs.getString("sms_stoppad") != null,
                rs.getString("sammanfattning"), rs.getString("kod"));
    }

    public String deltagarkod(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d").bind("d", deltagareId)
                .mapTo(String.class).findOne().orElse("–"));
    }

    /** The participant's booking a meeting message is about (its id is the row's sak_id). */
    public Optional<Bokning> bokning(long bokningId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT md.id, md.deltagare_id, md.tid, m.plats, m.status
                        FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id WHERE md.id = :b""")
                .bind("b", bokningId)
                .map((rs, ctx) -> new Bokning(rs.getLong(1), rs.getLong(2), LocalDateTime.parse(rs.getString(3)),
                        rs.getString(4), rs.getString(5)))
                .findOne());
    }

    /** Whom a row goes to, as the daily limit counts: "d" and the participant's id, or "a" and the account's. */
    public static String vem(Rad rad) {
        return rad.tillDeltagare() ? "d" + rad.deltagareId() : "a" + rad.anvandareId();
    }

    /** How many messages the recipient of {@code rad} was sent from {@code fran} on. */
    public int skickadeSedan(Rad rad, Instant fran) {
        return skickadeSedan(List.of(rad), fran).getOrDefault(vem(rad), 0);
    }

    /**
     * How many messages each recipient of {@code rader} was sent from {@code fran} on, by {@link #vem}: one query
     * for the participants and one for the staff, however many rows. A recipient sent none is left out.
     */
    public Map<String, Integer> skickadeSedan(Collection<Rad> rader, Instant fran) {
        Set<Long> deltagare = new HashSet<>();
        Set<Long> personal = new HashSet<>();
        for (Rad r : rader) {
            (r.tillDeltagare() ? deltagare : personal).add(r.tillDeltagare() ? r.deltagareId() : r.anvandareId());
        }
        Map<String, Integer> antal = new HashMap<>();
        jdbi.useHandle(h -> {
            for (List<Long> del : delar(deltagare)) {
                h.createQuery("""
                                SELECT deltagare_id, count(*) FROM utskick
                                WHERE anvandare_id IS NULL AND deltagare_id IN (<ids>)
                                  AND status IN ('skickat', 'levererat') AND skickat >= :fran
                                GROUP BY deltagare_id""")
                        .bindList("ids", del).bind("fran", fran)
                        .map((rs, ctx) -> Map.entry("d" + rs.getLong(1), rs.getInt(2)))
                        .forEach(e -> antal.put(e.getKey(), e.getValue()));
            }
            for (List<Long> del : delar(personal)) {
                // A row is settled (avgjord) when it is marked sent or later: the condition on avgjord adds
                // nothing to the one on skickat, but lets the index on avgjord find today's rows.
                h.createQuery("""
                                SELECT anvandare_id, count(*) FROM utskick
                                WHERE anvandare_id IN (<ids>) AND status IN ('skickat', 'levererat')
                                  AND skickat >= :fran AND avgjord >= :fran
                                GROUP BY anvandare_id""")
                        .bindList("ids", del).bind("fran", fran)
                        .map((rs, ctx) -> Map.entry("a" + rs.getLong(1), rs.getInt(2)))
                        .forEach(e -> antal.put(e.getKey(), e.getValue()));
            }
        });
        return antal;
    }

    /**
     * What the outbox itself adds to a koordinator's digest, since her previous digest (made before {@code fore};
     * none: the last week): participants who said they cannot come, and her teams' messages that could not be
     * delivered. Each a line as "I dag" has them.
     */
    public List<Dagsantal.Rad> koordinatorAntal(long anvandareId, Instant fore) {
        return jdbi.withHandle(h -> {
            Instant fran = h.createQuery("""
                            SELECT max(skapad) FROM utskick WHERE typ = 'dagssammanfattning' AND anvandare_id = :a
                              AND skapad < :fore""")
                    .bind("a", anvandareId).bind("fore", fore).mapTo(String.class).findOne()
                    .map(Instant::parse).orElse(fore.minus(java.time.Duration.ofDays(7)));
            int kanInte = h.createQuery("""
                            SELECT count(*) FROM utskick WHERE typ = 'kan_inte_komma' AND anvandare_id = :a
                              AND skapad >= :fran AND skapad < :fore""")
                    .bind("a", anvandareId).bind("fran", fran).bind("fore", fore).mapTo(Integer.class).one();
            int olevererade = h.createQuery("""
                            SELECT count(*) FROM utskick WHERE status = 'misslyckat' AND avgjord >= :fran AND avgjord < :fore
                              AND team_id IN (SELECT team_id FROM team_medlem WHERE anvandare_id = :a)""")
                    .bind("a", anvandareId).bind("fran", fran).bind("fore", fore).mapTo(Integer.class).one();
            return List.of(new Dagsantal.Rad("utskick.dag.kan_inte_komma", kanInte, "/utskick"),
                    new Dagsantal.Rad("utskick.dag.olevererade", olevererade, "/utskick"));
        });
    }

    /** Sent (accepted or delivered) and failed messages of one channel on one day (UTC): no content, no person. */
    public record Kanaldag(String dag, String kanal, int skickade, int misslyckade) {
    }

    public List<Kanaldag> kanaldagar(Instant fran) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT substr(avgjord, 1, 10) AS dag, kanal,
                               sum(CASE WHEN status IN ('skickat', 'levererat') THEN 1 ELSE 0 END) AS skickade,
                               sum(CASE WHEN status = 'misslyckat' THEN 1 ELSE 0 END) AS misslyckade
                        FROM utskick WHERE avgjord >= :fran AND kanal IS NOT NULL
                        GROUP BY dag, kanal ORDER BY dag DESC, kanal""")
                .bind("fran", fran)
                .map((rs, ctx) -> new Kanaldag(rs.getString("dag"), rs.getString("kanal"), rs.getInt("skickade"),
                        rs.getInt("misslyckade")))
                .list());
    }

    /** Marks the row sent: only after the channel accepted it. An activation code it carried is blanked with it. */
    public void skickat(long id, Kanal kanal, Instant nu, String referens) {
        skickat(id, kanal, nu, referens, null);
    }

    /**
     * The same, and {@code ocksa} (the audit line that it was sent) in the same transaction, if the row was still
     * waiting: both are written or neither.
     */
    public void skickat(long id, Kanal kanal, Instant nu, String referens, java.util.function.Consumer<Handle> ocksa) {
        jdbi.useTransaction(h -> {
            int andrade = h.createUpdate("""
                            UPDATE utskick SET status = 'skickat', kanal = :k, skickat = :nu, avgjord = :nu, referens = :r,
                                   forsok = forsok + 1, fel = NULL, aktiveringskod = NULL
                            WHERE id = :id AND status = 'vantar'""")
                    .bind("k", kanal.kod()).bind("nu", nu).bind("r", referens).bind("id", id).execute();
            if (andrade > 0 && ocksa != null) {
                ocksa.accept(h);
            }
        });
    }

    /** Holds the row until {@code tills} (quiet hours, the daily limit) without counting a try. */
    public void vanta(long id, Kanal kanal, Instant tills) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE utskick SET planerad = :t, kanal = :k WHERE id = :id")
                .bind("t", tills).bind("k", kanal == null ? null : kanal.kod()).bind("id", id).execute());
    }

    /** A failed try: counted, with its reason, and the row waits until {@code nasta}. */
    public void forsokIgen(long id, Kanal kanal, String fel, Instant nasta) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE utskick SET forsok = forsok + 1, fel = :f, planerad = :n, kanal = :k
                        WHERE id = :id AND status = 'vantar'""")
                .bind("f", fel).bind("n", nasta).bind("k", kanal.kod()).bind("id", id).execute());
    }

    /** The end of a row that will not be sent: misslyckat, ingen_kanal or avstangd. */
    public void avslutat(long id, String status, Kanal kanal, String fel) {
        avslutat(id, status, kanal, fel, Instant.now());
    }

    /** The same, at {@code nu} (the time the administrator's counts file it under). */
    public void avslutat(long id, String status, Kanal kanal, String fel, Instant nu) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE utskick SET status = :s, kanal = :k, fel = :f, forsok = forsok + :ett, avgjord = :nu,
                               aktiveringskod = NULL
                        WHERE id = :id AND status = 'vantar'""")
                .bind("s", status).bind("k", kanal == null ? null : kanal.kod()).bind("f", fel).bind("nu", nu)
                .bind("ett", status.equals("misslyckat") ? 1 : 0).bind("id", id).execute());
    }

    /**
     * The gateway's delivery report: delivered, or failed for good (then it is shown to the koordinator and, being
     * no longer {@code vantar}, never sent again). A report for a row already failed changes nothing.
     */
    public boolean leveransrapport(String referens, boolean levererat, String fel, Instant nu) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE utskick SET status = :s, fel = :f, avgjord = :nu WHERE referens = :r AND kanal = 'sms'
                          AND status IN ('skickat', 'levererat')""")
                .bind("s", levererat ? "levererat" : "misslyckat").bind("f", levererat ? null : fel)
                .bind("nu", nu).bind("r", referens).execute()) > 0;
    }

    /** Every message of the teams, newest first: to whom (role or participant code), channel, when, status. */
    public List<Listrad> lista(Collection<Long> teamIds, int max) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, u.typ, CASE WHEN u.anvandare_id IS NULL THEN 1 ELSE 0 END AS till_deltagare,
                               CASE WHEN u.anvandare_id IS NULL THEN d.kod ELSE a.roll END AS mottagare,
                               u.kanal, u.skapad, u.planerad, u.skickat, u.status, u.fel, u.forsok
                        FROM utskick u
                        LEFT JOIN deltagare d ON d.id = u.deltagare_id
                        LEFT JOIN anvandare a ON a.id = u.anvandare_id
                        WHERE u.team_id IN (<teams>)
                        ORDER BY coalesce(u.skickat, u.planerad, u.skapad) DESC, u.id DESC LIMIT :max""")
                .bindList("teams", List.copyOf(teamIds)).bind("max", max)
                .map((rs, ctx) -> new Listrad(rs.getLong("id"), rs.getString("typ"), rs.getString("mottagare"),
                        rs.getInt("till_deltagare") == 1, rs.getString("kanal"), tid(rs, "skapad"),
                        tid(rs, "planerad"), tid(rs, "skickat"), rs.getString("status"), rs.getString("fel"),
                        rs.getInt("forsok")))
                .list());
    }

    /** A participant whose SMS an answer STOPP turned off, with her account if she has one. */
    public record Stoppad(long deltagareId, Long anvandareId) {
    }

    /**
     * Turns SMS off for every participant whose number (as the team wrote it) is {@code nummer} in E.164: she
     * answered STOPP. Her other choices stay as they were. Returns the participants stopped now (none if the
     * number is nobody's, or she had stopped already).
     */
    public List<Stoppad> stoppaSms(String nummer, Instant nu) {
        String e164 = Telefonnummer.e164(nummer);
        if (e164 == null) {
            return List.of();
        }
        // The last six digits find the few candidates; the exact comparison is made on the number as E.164.
        String slut = e164.substring(e164.length() - 6);
        return jdbi.inTransaction(h -> {
            List<Stoppad> stoppade = new java.util.ArrayList<>();
            h.createQuery("""
                            SELECT d.id, d.telefon, d.anvandare_id FROM deltagare d WHERE d.gallrad IS NULL AND d.telefon IS NOT NULL
                              AND replace(replace(replace(replace(replace(d.telefon, ' ', ''), '-', ''), '(', ''), ')', ''),
                                          '.', '') LIKE '%' || :slut
                              AND NOT EXISTS (SELECT 1 FROM utskick_sms_stopp s WHERE s.deltagare_id = d.id)""")
                    .bind("slut", slut)
                    .map((rs, ctx) -> java.util.Map.entry(new Stoppad(rs.getLong(1), lang(rs, "anvandare_id")),
                            rs.getString(2)))
                    .list().stream()
                    .filter(e -> e164.equals(Telefonnummer.e164(e.getValue())))
                    .forEach(e -> stoppade.add(e.getKey()));
            for (Stoppad s : stoppade) {
                long d = s.deltagareId();
                h.createUpdate("INSERT INTO utskick_sms_stopp (deltagare_id, stoppad) VALUES (:d, :nu)")
                        .bind("d", d).bind("nu", nu).execute();
                h.createUpdate("""
                                INSERT INTO utskick_val (anvandare_id, epost, sms, sms_stoppad)
                                SELECT d.anvandare_id, 0, 0, :nu FROM deltagare d
                                WHERE d.id = :d AND d.anvandare_id IS NOT NULL
                                ON CONFLICT (anvandare_id) DO UPDATE SET sms = 0, sms_stoppad = :nu""")
                        .bind("d", d).bind("nu", nu).execute();
            }
            return stoppade;
        });
    }

    /**
     * After the demo data are written: the handovers and moves of its simulated past made messages as they were
     * inserted; those older than three days are dropped (they would have gone out long ago), the recent ones stay
     * due, and a few plan changes are told to their participants, so Utskick shows something at once.
     */
    public static void efterDemodata(org.jdbi.v3.core.Handle h, Instant nu) {
        h.createUpdate("DELETE FROM utskick WHERE skapad < :grans").bind("grans", nu.minus(java.time.Duration.ofDays(3)))
                .execute();
        // In each team, the three participants with an account whose plans changed last hear of it this morning.
        h.createUpdate("""
                        INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, skapad, planerad)
                        SELECT 'plan_andrad:' || x.id || ':demo', 'plan_andrad', x.team_id, x.id, :nu, NULL
                        FROM (SELECT d.id, d.team_id, row_number() OVER (PARTITION BY d.team_id
                                     ORDER BY p.andrad DESC, d.id) AS n
                              FROM deltagare d JOIN planering p ON p.deltagare_id = d.id
                              WHERE d.anvandare_id IS NOT NULL AND p.overlamnad IS NOT NULL
                                AND NOT EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)) x
                        WHERE x.n <= 3
                        ON CONFLICT DO NOTHING""").bind("nu", nu).execute();
    }

    /**
     * In the demo data: the participants given an activation code who have not used it and are booked into a coming
     * meeting had their kallelse printed with that code and sent with it too, when the letter was printed (or at
     * {@code tid}, and the letter printed then). The demo has no channel, so the row ended as the sender ends it
     * there: "ingen kanal inställd", its code blanked.
     */
    public static void kallelserIDemodata(org.jdbi.v3.core.Handle h, Instant tid) {
        String valda = """
                SELECT md.id FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                JOIN deltagare d ON d.id = md.deltagare_id
                JOIN aktiveringskod k ON k.anvandare_id = d.anvandare_id AND k.anvand IS NULL
                WHERE m.status = 'planerat' AND d.telefon IS NOT NULL AND d.gallrad IS NULL""";
        h.createUpdate("""
                        INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, sak_id, skapad, planerad,
                                             status, avgjord)
                        SELECT 'kallelse:' || md.id || ':demo', :typ, d.team_id, d.id, md.id,
                               coalesce(md.kallelse_utskriven, :t), NULL, 'ingen_kanal', coalesce(md.kallelse_utskriven, :t)
                        FROM mote_deltagare md JOIN deltagare d ON d.id = md.deltagare_id WHERE md.id IN (""" + valda + """
                        ) ON CONFLICT DO NOTHING""")
                .bind("typ", KALLELSE).bind("t", tid).execute();
        h.createUpdate("UPDATE mote_deltagare SET kallelse_utskriven = coalesce(kallelse_utskriven, :t) WHERE id IN ("
                + valda + ")").bind("t", tid).execute();
    }

    /** A participant's choices as her page shows them, with the number and address the team has for her. */
    public record Val(String telefon, String epost, boolean smsPa, boolean epostPa, boolean detaljer,
                      boolean smsStoppad) {
    }

    public Val val(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.telefon, d.epost, coalesce(v.sms, 1) AS sms, coalesce(v.epost, 0) AS epost_pa,
                               coalesce(v.detaljer, 0) AS detaljer,
                               coalesce((SELECT s.stoppad FROM utskick_sms_stopp s WHERE s.deltagare_id = d.id),
                                        v.sms_stoppad) AS sms_stoppad
                        FROM deltagare d LEFT JOIN utskick_val v ON v.anvandare_id = d.anvandare_id WHERE d.id = :d""")
                .bind("d", deltagareId)
                .map((rs, ctx) -> new Val(rs.getString("telefon"), rs.getString("epost"), rs.getInt("sms") == 1,
                        rs.getInt("epost_pa") == 1, rs.getInt("detaljer") == 1, rs.getString("sms_stoppad") != null))
                .one());
    }

    /**
     * A staff member's choices: her channel (epost, sms, push or ingen) and how often she gets her digest (dag,
     * vecka, aldrig), with the address and number her account has. No row: e-mail, and the koordinator's digest
     * daily, everyone else's weekly. Push counts as her channel while she has it on and a browser to take it; with
     * none left her messages go by e-mail, as the sender sends them.
     */
    public record PersonalVal(String kanal, String sammanfattning, String epost, String telefon) {
    }

    public PersonalVal personalVal(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.epost, a.telefon, a.roll, v.epost AS epost_pa, v.sms AS sms_pa, v.sammanfattning,
                               CASE WHEN coalesce(v.push, 0) = 1 AND EXISTS (SELECT 1 FROM push_prenumeration p
                                   WHERE p.anvandare_id = a.id) THEN 1 ELSE 0 END AS push_pa
                        FROM anvandare a LEFT JOIN utskick_val v ON v.anvandare_id = a.id WHERE a.id = :a""")
                .bind("a", anvandareId)
                .map((rs, ctx) -> {
                    String sammanfattning = rs.getString("sammanfattning");
                    String kanal;
                    if (sammanfattning == null) {
                        kanal = "epost";
                        sammanfattning = "koordinator".equals(rs.getString("roll")) ? "dag" : "vecka";
                    } else {
                        kanal = rs.getInt("push_pa") == 1 ? "push" : rs.getInt("sms_pa") == 1 ? "sms"
                                : rs.getInt("epost_pa") == 1 ? "epost" : "ingen";
                    }
                    return new PersonalVal(kanal, sammanfattning, rs.getString("epost"), rs.getString("telefon"));
                })
                .one());
    }

    /**
     * Saves a staff member's channel and digest frequency. Push keeps e-mail on behind it when her account has an
     * address: the sender prefers push, and takes e-mail when no browser of hers has notifications on any more.
     */
    public void sparaPersonalVal(long anvandareId, String kanal, String sammanfattning) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO utskick_val (anvandare_id, epost, sms, push, sammanfattning)
                        SELECT :a, CASE WHEN :e = 1 OR (:p = 1 AND coalesce(a.epost, '') <> '') THEN 1 ELSE 0 END,
                               :s, :p, :f FROM anvandare a WHERE a.id = :a
                        ON CONFLICT (anvandare_id) DO UPDATE SET epost = excluded.epost, sms = :s, push = :p,
                            sammanfattning = :f""")
                .bind("a", anvandareId).bind("e", kanal.equals("epost") ? 1 : 0).bind("s", kanal.equals("sms") ? 1 : 0)
                .bind("p", kanal.equals("push") ? 1 : 0).bind("f", sammanfattning).execute());
    }

    /** Saves her choices; turning SMS on again lifts an earlier STOPP. */
    public void sparaVal(long anvandareId, boolean sms, boolean epost, boolean detaljer) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO utskick_val (anvandare_id, epost, sms, detaljer) VALUES (:a, :e, :s, :d)
                            ON CONFLICT (anvandare_id) DO UPDATE SET epost = :e, sms = :s, detaljer = :d,
                                sms_stoppad = CASE WHEN :s = 1 THEN NULL ELSE utskick_val.sms_stoppad END""")
                    .bind("a", anvandareId).bind("e", epost ? 1 : 0).bind("s", sms ? 1 : 0)
                    .bind("d", detaljer ? 1 : 0).execute();
            if (sms) {
                h.createUpdate("""
                                DELETE FROM utskick_sms_stopp
                                WHERE deltagare_id IN (SELECT id FROM deltagare WHERE anvandare_id = :a)""")
                        .bind("a", anvandareId).execute();
            }
        });
    }

    /**
     * Where a kallelse to her can go: her mobile number (if it is a number) unless she turned SMS off or answered
     * STOPP, and her e-mail address unless she turned e-mail off. Both null: she has no channel.
     */
    public record Kallelsekanaler(String telefon, String epost) {
        public boolean nagon() {
            return telefon != null || epost != null;
        }
    }

    public Kallelsekanaler kallelsekanaler(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.telefon, d.epost, coalesce(v.sms, 1) AS sms, coalesce(v.epost, 1) AS epost_pa,
                               coalesce((SELECT s.stoppad FROM utskick_sms_stopp s WHERE s.deltagare_id = d.id),
                                        v.sms_stoppad) AS sms_stoppad
                        FROM deltagare d LEFT JOIN utskick_val v ON v.anvandare_id = d.anvandare_id
                        WHERE d.id = :d AND d.gallrad IS NULL""")
                .bind("d", deltagareId)
                .map((rs, ctx) -> {
                    String telefon = rs.getString("telefon");
                    String epost = rs.getString("epost");
                    boolean sms = rs.getInt("sms") == 1 && rs.getString("sms_stoppad") == null && telefon != null
                            && Telefonnummer.e164(telefon) != null;
                    boolean e = rs.getInt("epost_pa") == 1 && epost != null && !epost.isBlank();
                    return new Kallelsekanaler(sms ? telefon.strip() : null, e ? epost.strip() : null);
                })
                .findOne().orElse(new Kallelsekanaler(null, null)));
    }

    /**
     * Writes a kallelse to the participant of the booking, in the caller's transaction (the one that made the code),
     * due at once. {@code aktiveringskod}: the code printed on her letter, kept here only until the message is
     * sent; null: a kallelse with the link alone. Returns the row's id.
     */
    public static long kallelse(org.jdbi.v3.core.Handle h, long bokningId, String aktiveringskod, Instant nu) {
        return h.createUpdate("""
                        INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, sak_id, skapad, planerad, aktiveringskod)
                        SELECT :typ || ':' || md.id || ':' || :nu || ':' || (SELECT count(*) FROM utskick
                                   WHERE typ = :typ AND sak_id = md.id),
                               :typ, d.team_id, d.id, md.id, :nu, NULL, :kod
                        FROM mote_deltagare md JOIN deltagare d ON d.id = md.deltagare_id WHERE md.id = :b""")
                .bind("typ", KALLELSE).bind("nu", nu).bind("kod", aktiveringskod).bind("b", bokningId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /**
     * A new activation code for her makes the old one useless: a kallelse still waiting with the old code is ended
     * (its code blanked), in the caller's transaction. Returns how many.
     */
    public static int ersattKoder(org.jdbi.v3.core.Handle h, long deltagareId, Instant nu) {
        return h.createUpdate("""
                        UPDATE utskick SET status = 'avstangd', aktiveringskod = NULL, avgjord = :nu,
                               fel = 'ersatt av en nyare aktiveringskod'
                        WHERE deltagare_id = :d AND anvandare_id IS NULL AND status = 'vantar'
                          AND aktiveringskod IS NOT NULL""")
                .bind("d", deltagareId).bind("nu", nu).execute();
    }

    /** The activation code a waiting kallelse carries, to be put into its text: empty once it was sent or ended. */
    public Optional<String> aktiveringskod(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT aktiveringskod FROM utskick
                        WHERE id = :id AND status = 'vantar' AND aktiveringskod IS NOT NULL""")
                .bind("id", id).mapTo(String.class).findOne());
    }
}
