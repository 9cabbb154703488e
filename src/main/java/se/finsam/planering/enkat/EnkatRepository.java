package se.finsam.planering.enkat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Question sets, invitations and answers. An answer is written without the participant: only team, year, kön and
 * age band, under a random id, and her single-use token is deleted in the same transaction.
 */
public final class EnkatRepository {

    public record Enkat(long id, String namn, String tillfalle, boolean aktiv, Instant skapad, int fragor,
                        int svar) {
    }

    public record Steg(int varde, Fragefil.Text3 text) {
    }

    public record Fraga(long id, int ordning, Fragefil.Text3 text, List<Steg> skala) {
    }

    public record Fragor(Enkat enkat, List<Fraga> fragor) {
    }

    /**
     * One answer: where it came from, and the step chosen on each question (null where left blank). The age group
     * ({@link #ALDERSGRUPPER}) is null for an answer stored before it was kept; the cell key is the answer's own.
     */
    public record Svar(long teamId, String team, int ar, String kon, String aldersband, String aldersgrupp,
                       int cellnyckel, Map<Long, Integer> varden) {
        /** The same answer with its background as given (for coarsening it before it leaves the app). */
        public Svar med(String team, String kon, String aldersband) {
            return new Svar(teamId, team, ar, kon, aldersband, aldersgrupp, cellnyckel, varden);
        }
    }

    public record Team(long id, String namn) {
    }

    private static final SecureRandom SLUMP = new SecureRandom();

    private final Jdbi jdbi;

    public EnkatRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The occasions she has been asked about and not answered, for which a set is active. */
    public List<String> vantande(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT i.tillfalle FROM enkat_inbjudan i
                        WHERE i.deltagare_id = :d
                          AND EXISTS (SELECT 1 FROM enkat e WHERE e.tillfalle = i.tillfalle AND e.aktiv = 1)
                        ORDER BY CASE i.tillfalle WHEN 'forsta_uppfoljning' THEN 1 ELSE 2 END""")
                .bind("d", deltagareId).mapTo(String.class).list());
    }

    /** Her token for the occasion, if she has been asked and has not answered. */
    public Optional<String> token(long deltagareId, String tillfalle) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT token FROM enkat_inbjudan WHERE deltagare_id = :d AND tillfalle = :t")
                .bind("d", deltagareId).bind("t", tillfalle).mapTo(String.class).findOne());
    }

    public boolean besvarad(long deltagareId, String tillfalle) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM enkat_besvarad WHERE deltagare_id = :d AND tillfalle = :t)")
                .bind("d", deltagareId).bind("t", tillfalle).mapTo(Boolean.class).one());
    }

    /** The active set of the occasion with its questions. */
    public Optional<Fragor> aktiv(String tillfalle) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM enkat WHERE tillfalle = :t AND aktiv = 1")
                .bind("t", tillfalle).mapTo(Long.class).findOne().flatMap(id -> fragor(h, id)));
    }

    public Optional<Fragor> fragor(long enkatId) {
        return jdbi.withHandle(h -> fragor(h, enkatId));
    }

    private static Optional<Fragor> fragor(Handle h, long enkatId) {
        Optional<Enkat> enkat = lista(h, "WHERE e.id = :id", Map.of("id", enkatId)).stream().findFirst();
        if (enkat.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<Steg>> skalor = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT a.fraga_id, a.varde, a.text_sv, a.text_en, a.text_ar
                        FROM enkat_alternativ a JOIN enkat_fraga f ON f.id = a.fraga_id
                        WHERE f.enkat_id = :e ORDER BY a.fraga_id, a.varde""")
                .bind("e", enkatId)
                .map((rs, ctx) -> {
                    skalor.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Steg(rs.getInt(2),
                            new Fragefil.Text3(rs.getString(3), rs.getString(4), rs.getString(5))));
                    return 0;
                }).list();
        List<Fraga> fragor = h.createQuery("""
                        SELECT id, ordning, text_sv, text_en, text_ar FROM enkat_fraga
                        WHERE enkat_id = :e ORDER BY ordning""")
                .bind("e", enkatId)
                .map((rs, ctx) -> new Fraga(rs.getLong(1), rs.getInt(2),
                        new Fragefil.Text3(rs.getString(3), rs.getString(4), rs.getString(5)),
                        List.copyOf(skalor.getOrDefault(rs.getLong(1), List.of()))))
                .list();
        return Optional.of(new Fragor(enkat.get(), fragor));
    }

    public List<Enkat> lista() {
        return jdbi.withHandle(h -> lista(h, "", Map.of()));
    }

    private static List<Enkat> lista(Handle h, String villkor, Map<String, Object> varden) {
        var q = h.createQuery("""
                SELECT e.id, e.namn, e.tillfalle, e.aktiv, e.skapad,
                       (SELECT count(*) FROM enkat_fraga f WHERE f.enkat_id = e.id) AS fragor,
                       (SELECT count(*) FROM enkat_svar s WHERE s.enkat_id = e.id) AS svar
                FROM enkat e %s
                ORDER BY CASE e.tillfalle WHEN 'forsta_uppfoljning' THEN 1 ELSE 2 END, e.aktiv DESC, e.id DESC""".formatted(villkor));
        varden.forEach(q::bind);
        return q.map((rs, ctx) -> new Enkat(rs.getLong("id"), rs.getString("namn"), rs.getString("tillfalle"),
                rs.getInt("aktiv") == 1, Instant.parse(rs.getString("skapad")), rs.getInt("fragor"),
                rs.getInt("svar"))).list();
    }

    /** Saves a new set (not active yet) and returns its id. */
    public long skapa(Fragefil.NyEnkat ny, Instant nu) {
        return jdbi.inTransaction(h -> skapa(h, ny, nu, false));
    }

    static long skapa(Handle h, Fragefil.NyEnkat ny, Instant nu, boolean aktiv) {
        if (aktiv) {
            h.createUpdate("UPDATE enkat SET aktiv = 0 WHERE tillfalle = :t AND aktiv = 1")
                    .bind("t", ny.tillfalle()).execute();
        }
        long id = h.createUpdate("INSERT INTO enkat (namn, tillfalle, aktiv, skapad) VALUES (:n, :t, :a, :s)")
                .bind("n", ny.namn()).bind("t", ny.tillfalle()).bind("a", aktiv ? 1 : 0).bind("s", nu.toString())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        int ordning = 0;
        for (Fragefil.NyFraga f : ny.fragor()) {
            long fraga = h.createUpdate("""
                            INSERT INTO enkat_fraga (enkat_id, ordning, text_sv, text_en, text_ar)
                            VALUES (:e, :o, :sv, :en, :ar)""")
                    .bind("e", id).bind("o", ++ordning).bind("sv", f.text().sv()).bind("en", f.text().en())
                    .bind("ar", f.text().ar()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            int varde = 0;
            for (Fragefil.Text3 steg : f.skala()) {
                h.createUpdate("""
                                INSERT INTO enkat_alternativ (fraga_id, varde, text_sv, text_en, text_ar)
                                VALUES (:f, :v, :sv, :en, :ar)""")
                        .bind("f", fraga).bind("v", ++varde).bind("sv", steg.sv()).bind("en", steg.en())
                        .bind("ar", steg.ar()).execute();
            }
        }
        return id;
    }

    /** Makes the set the one asked at its occasion (the occasion's earlier set stops), or stops it. */
    public boolean satt(long enkatId, boolean aktiv) {
        return jdbi.inTransaction(h -> {
            Optional<String> tillfalle = h.createQuery("SELECT tillfalle FROM enkat WHERE id = :id")
                    .bind("id", enkatId).mapTo(String.class).findOne();
            if (tillfalle.isEmpty()) {
                return false;
            }
            if (aktiv) {
                h.createUpdate("UPDATE enkat SET aktiv = 0 WHERE tillfalle = :t AND aktiv = 1 AND id <> :id")
                        .bind("t", tillfalle.get()).bind("id", enkatId).execute();
            }
            h.createUpdate("UPDATE enkat SET aktiv = :a WHERE id = :id").bind("a", aktiv ? 1 : 0)
                    .bind("id", enkatId).execute();
            return true;
        });
    }

    /** What happened to an answer handed in. */
    public enum Utfall { SPARAT, REDAN_BESVARAD, INGEN_INBJUDAN }

    /**
     * Stores her answer under a random id with only team, year, kön and age band, deletes the token that let her
     * answer and notes that the occasion is done, all in one transaction. The token must be hers and the
     * occasion's; a second try finds it gone.
     */
    public Utfall svara(long deltagareId, String tillfalle, String token, long enkatId, Map<Long, Integer> varden,
                        int ar) {
        return jdbi.inTransaction(h -> {
            int borttagna = h.createUpdate("""
                            DELETE FROM enkat_inbjudan WHERE token = :t AND deltagare_id = :d AND tillfalle = :f""")
                    .bind("t", token == null ? "" : token).bind("d", deltagareId).bind("f", tillfalle).execute();
            if (borttagna == 0) {
                boolean gjord = h.createQuery("""
                                SELECT EXISTS (SELECT 1 FROM enkat_besvarad WHERE deltagare_id = :d AND tillfalle = :f)""")
                        .bind("d", deltagareId).bind("f", tillfalle).mapTo(Boolean.class).one();
                return gjord ? Utfall.REDAN_BESVARAD : Utfall.INGEN_INBJUDAN;
            }
            h.createUpdate("INSERT INTO enkat_besvarad (deltagare_id, tillfalle) VALUES (:d, :f)")
                    .bind("d", deltagareId).bind("f", tillfalle).execute();
            var person = h.createQuery("SELECT team_id, kon, fodelsear FROM deltagare WHERE id = :d")
                    .bind("d", deltagareId).mapToMap().one();
            String id = slumpId();
            int fodelsear = ((Number) person.get("fodelsear")).intValue();
            // The answer's own cell key, drawn here: nothing of hers goes into it.
            h.createUpdate("""
                            INSERT INTO enkat_svar (id, enkat_id, team_id, ar, kon, aldersband, aldersgrupp, cellnyckel)
                            VALUES (:id, :e, :team, :ar, :kon, :band, :grupp, :nyckel)""")
                    .bind("id", id).bind("e", enkatId).bind("team", ((Number) person.get("team_id")).longValue())
                    .bind("ar", ar).bind("kon", person.get("kon")).bind("band", aldersband(fodelsear, ar))
                    .bind("grupp", aldersgrupp(fodelsear, ar)).bind("nyckel", SLUMP.nextInt(NYCKLAR)).execute();
            rader(h, id, varden);
            return Utfall.SPARAT;
        });
    }

    private static void rader(Handle h, String svarId, Map<Long, Integer> varden) {
        for (var e : varden.entrySet()) {
            if (e.getValue() != null) {
                h.createUpdate("INSERT INTO enkat_svarsrad (svar_id, fraga_id, varde) VALUES (:s, :f, :v)")
                        .bind("s", svarId).bind("f", e.getKey()).bind("v", e.getValue()).execute();
            }
        }
    }

    /** 128 random bits: an id that says nothing about when or in what order it was made. */
    static String slumpId() {
        byte[] b = new byte[16];
        SLUMP.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The national age bands of follow-up (16–29, 30–44, 45–59, 60–64), by age reached in the year. */
    public static String aldersband(int fodelsear, int ar) {
        int alder = ar - fodelsear;
        return alder < 16 || alder > 64 ? "utanfor"
                : alder < 30 ? "16_29" : alder < 45 ? "30_44" : alder < 60 ? "45_59" : "60_64";
    }

    public static final List<String> ALDERSBAND = List.of("16_29", "30_44", "45_59", "60_64", "utanfor");

    /**
     * The age groups an answer keeps: the boundaries of every band set the statistics offer together (16, 30, 40,
     * 45, 50, 60 and 65), and no finer, so that each set's bands are unions of them.
     */
    public static final List<String> ALDERSGRUPPER = List.of("under16", "16_29", "30_39", "40_44", "45_49", "50_59",
            "60_64", "65plus");

    /** The age group of {@link #ALDERSGRUPPER}, by age reached in the year. */
    public static String aldersgrupp(int fodelsear, int ar) {
        int alder = ar - fodelsear;
        return alder < 16 ? "under16" : alder < 30 ? "16_29" : alder < 40 ? "30_39" : alder < 45 ? "40_44"
                : alder < 50 ? "45_49" : alder < 60 ? "50_59" : alder < 65 ? "60_64" : "65plus";
    }

    /** An answer whose age group is not known in the chosen band set (stored before the group was kept). */
    public static final String OKAND_ALDER = "okand";

    /**
     * The band of a band set an answer falls in: the national bands from its national band, the others from its
     * age group, or where an earlier answer has none, from its national band when that settles it.
     */
    public static String band(se.finsam.planering.statistik.Statistik.Bandset bandset, String aldersband,
                              String aldersgrupp) {
        return switch (bandset) {
            case NATIONELL -> aldersband;
            case NATIONELL_ALDRE -> aldersgrupp != null
                    ? switch (aldersgrupp) {
                        case "under16", "16_29" -> "under30";
                        case "60_64", "65plus" -> "60plus";
                        default -> "30_59";
                    }
                    : switch (aldersband) {
                        case "16_29" -> "under30";
                        case "30_44", "45_59" -> "30_59";
                        case "60_64" -> "60plus";
                        default -> OKAND_ALDER;
                    };
            case TIOAR -> aldersgrupp != null
                    ? switch (aldersgrupp) {
                        case "under16", "16_29" -> "under30";
                        case "30_39" -> "30_39";
                        case "40_44", "45_49" -> "40_49";
                        default -> "50plus";
                    }
                    : switch (aldersband) {
                        case "16_29" -> "under30";
                        case "60_64" -> "50plus";
                        default -> OKAND_ALDER;
                    };
        };
    }

    /** Cell keys run from 0 to 255, as the participants' do. */
    private static final int NYCKLAR = se.finsam.planering.statistik.Cellnyckel.NYCKLAR;

    /** The answers to a set in a year (all years when null), from the teams given (all when null). */
    public List<Svar> svar(long enkatId, Integer ar, Collection<Long> team) {
        return jdbi.withHandle(h -> {
            StringBuilder villkor = new StringBuilder("WHERE s.enkat_id = :e");
            if (ar != null) {
                villkor.append(" AND s.ar = :ar");
            }
            if (team != null) {
                villkor.append(team.isEmpty() ? " AND 1 = 0" : " AND s.team_id IN (<team>)");
            }
            Map<String, Map<Long, Integer>> varden = new LinkedHashMap<>();
            var rq = h.createQuery("""
                    SELECT r.svar_id, r.fraga_id, r.varde FROM enkat_svarsrad r JOIN enkat_svar s ON s.id = r.svar_id
                    %s""".formatted(villkor)).bind("e", enkatId);
            if (ar != null) {
                rq.bind("ar", ar);
            }
            if (team != null && !team.isEmpty()) {
                rq.bindList("team", List.copyOf(team));
            }
            rq.map((rs, ctx) -> {
                varden.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getLong(2), rs.getInt(3));
                return 0;
            }).list();
            // Ordered by what they say (team, year, kön, band), never by when they came.
            var q = h.createQuery("""
                    SELECT s.id, s.team_id, t.namn AS team, s.ar, s.kon, s.aldersband, s.aldersgrupp, s.cellnyckel
                    FROM enkat_svar s JOIN team t ON t.id = s.team_id %s
                    ORDER BY t.namn, s.ar, s.kon, s.aldersband, s.id""".formatted(villkor)).bind("e", enkatId);
            if (ar != null) {
                q.bind("ar", ar);
            }
            if (team != null && !team.isEmpty()) {
                q.bindList("team", List.copyOf(team));
            }
            return q.map((rs, ctx) -> new Svar(rs.getLong("team_id"), rs.getString("team"), rs.getInt("ar"),
                    rs.getString("kon"), rs.getString("aldersband"), rs.getString("aldersgrupp"),
                    rs.getInt("cellnyckel"), varden.getOrDefault(rs.getString("id"), Map.of()))).list();
        });
    }

    /** The years that have answers, newest first. */
    public List<Integer> ar() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT ar FROM enkat_svar ORDER BY ar DESC")
                .mapTo(Integer.class).list());
    }

    public List<Team> team(Set<Long> tillatna) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, namn FROM team ORDER BY namn")
                .map((rs, ctx) -> new Team(rs.getLong(1), rs.getString(2))).list()).stream()
                .filter(t -> tillatna == null || tillatna.contains(t.id())).toList();
    }

    /**
     * The demo's question sets (the project's own example questions), its invitations for those who have had a
     * follow-up, and some answers from earlier participants so that the results have something to show.
     */
    public static void efterDemodata(Handle h, Instant nu, int ar) {
        for (String fil : List.of("/enkat/exempel-uppfoljning.json", "/enkat/exempel-avslut.json")) {
            byte[] innehall;
            try (var in = EnkatRepository.class.getResourceAsStream(fil)) {
                innehall = in.readAllBytes();
            } catch (java.io.IOException | NullPointerException e) {
                throw new IllegalStateException("missing " + fil, e);
            }
            Fragefil.Lasning l = Fragefil.las(fil, innehall);
            if (!l.ok()) {
                throw new IllegalStateException(fil + ": " + l.fel());
            }
            skapa(h, l.enkat(), nu, true);
        }
        List<Long> inbjudna = h.createQuery("""
                SELECT d.id FROM deltagare d
                WHERE EXISTS (SELECT 1 FROM uppfoljning u WHERE u.deltagare_id = d.id AND u.typ = 'uppfoljning')
                  AND EXISTS (SELECT 1 FROM planering p WHERE p.deltagare_id = d.id)
                  AND NOT EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)
                ORDER BY d.id""").mapTo(Long.class).list();
        var inbjudan = h.prepareBatch("""
                INSERT INTO enkat_inbjudan (token, deltagare_id, tillfalle) VALUES (:t, :d, 'forsta_uppfoljning')
                ON CONFLICT DO NOTHING""");
        for (long d : inbjudna) {
            inbjudan.bind("t", slumpId()).bind("d", d).add();
        }
        if (!inbjudna.isEmpty()) {
            inbjudan.execute();
        }
        // The outbox's reminders for these would all fall due at once: the demo starts with them sent.
        h.execute("DELETE FROM utskick WHERE typ = 'enkat'");
        // Answers from participants closed earlier, drawn with a fixed seed.
        java.util.Random slump = new java.util.Random(27);
        List<Map<String, Object>> personer = h.createQuery("""
                SELECT d.team_id, d.kon, d.fodelsear FROM deltagare d JOIN avslut a ON a.deltagare_id = d.id
                WHERE a.orsak <> 'felregistrering' ORDER BY d.id""").mapToMap().list();
        // Written in batches (the answers first, then their rows): the regional data set has over a hundred thousand.
        String svarSql = """
                INSERT INTO enkat_svar (id, enkat_id, team_id, ar, kon, aldersband, aldersgrupp, cellnyckel)
                VALUES (:id, :e, :team, :ar, :kon, :band, :grupp, :nyckel)""";
        String radSql = "INSERT INTO enkat_svarsrad (svar_id, fraga_id, varde) VALUES (:s, :f, :v)";
        var svar = h.prepareBatch(svarSql);
        var svarsrader = h.prepareBatch(radSql);
        int ivantan = 0;
        for (String tillfalle : List.of("forsta_uppfoljning", "avslut")) {
            Fragor f = h.createQuery("SELECT id FROM enkat WHERE tillfalle = :t AND aktiv = 1").bind("t", tillfalle)
                    .mapTo(Long.class).findOne().flatMap(id -> fragor(h, id)).orElseThrow();
            for (Map<String, Object> p : personer) {
                if (slump.nextInt(10) < 3) {
                    continue;
                }
                String id = slumpId();
                int fodelsear = ((Number) p.get("fodelsear")).intValue();
                svar.bind("id", id).bind("e", f.enkat().id()).bind("team", ((Number) p.get("team_id")).longValue())
                        .bind("ar", ar).bind("kon", p.get("kon")).bind("band", aldersband(fodelsear, ar))
                        .bind("grupp", aldersgrupp(fodelsear, ar)).bind("nyckel", SLUMP.nextInt(NYCKLAR)).add();
                Map<Long, Integer> varden = new LinkedHashMap<>();
                for (Fraga fraga : f.fragor()) {
                    int n = fraga.skala().size();
                    int steg = n <= 3
                            // Yes, no, don't know: mostly yes.
                            ? (slump.nextInt(10) < 7 ? 1 : slump.nextInt(n - 1) + 2)
                            // Mostly towards the upper end of the scale, as such surveys tend to be.
                            : Math.max(1, n - Math.abs((int) Math.round(slump.nextGaussian() * 1.2)));
                    varden.put(fraga.id(), slump.nextInt(8) == 0 ? null : steg);
                }
                for (var e : varden.entrySet()) {
                    if (e.getValue() != null) {
                        svarsrader.bind("s", id).bind("f", e.getKey()).bind("v", e.getValue()).add();
                    }
                }
                if (++ivantan == 2_000) {
                    skriv(svar, svarsrader);
                    svar = h.prepareBatch(svarSql);
                    svarsrader = h.prepareBatch(radSql);
                    ivantan = 0;
                }
            }
        }
        skriv(svar, svarsrader);
    }

    private static void skriv(org.jdbi.v3.core.statement.PreparedBatch svar,
                              org.jdbi.v3.core.statement.PreparedBatch svarsrader) {
        try (svar; svarsrader) {
            if (svar.size() > 0) {
                svar.execute();
            }
            if (svarsrader.size() > 0) {
                svarsrader.execute();
            }
        }
    }
}
