package se.finsam.planering.mote;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.auth.Aktiveringskoder;

/** The team's meeting calendar, bookings (from which the kallelse is made), attendance and activation codes. */
public final class MoteRepository {

    /**
     * The Swedish standard purpose. A booking stores null for it (and for the standard "ta med"): letters, pages and
     * the calendar file write the standard texts from the bundles, in the participant's language.
     */
    public static final String STANDARD_SYFTE =
            "Att tillsammans med dig göra en planering för vägen mot arbete, studier eller rätt ersättning.";
    /** The Swedish standard "ta med", stored as null like the standard purpose. */
    public static final String STANDARD_TA_MED =
            "Legitimation, och gärna papper om din ersättning och dina kontakter med vården.";

    public static boolean standardSyfte(String syfte) {
        return syfte == null || syfte.isBlank() || STANDARD_SYFTE.equals(syfte.strip());
    }

    public static boolean standardTaMed(String taMed) {
        return taMed == null || taMed.isBlank() || STANDARD_TA_MED.equals(taMed.strip());
    }


    /** How long each participant's slot is. */
    public static final Duration SLOT = Duration.ofMinutes(45);
    public record Team(long id, String namn, String motesplats, @ColumnName("motesveckodag") int veckodag,
                       String motestid, @ColumnName("motesintervall_veckor") int intervallVeckor,
                       int kvittensArbetsdagar, String uppfoljningManader, int moteslangdMinuter) {
        /** How long the team's meetings last (team.moteslangd_minuter). */
        public Duration moteslangd() {
            return Duration.ofMinutes(moteslangdMinuter);
        }
    }

    /**
     * A meeting; {@code version} is raised by every move (optimistic locking), {@code flyttadFranStart} and
     * {@code flyttadFranPlats} say where it was before its latest move (null if never moved).
     */
    public record Mote(long id, long teamId, String team, LocalDateTime start, LocalDateTime slut, String plats,
                       String status, int bokade, int version, LocalDateTime flyttadFranStart,
                       String flyttadFranPlats) {

        public boolean flyttat() {
            return flyttadFranStart != null;
        }

        public boolean planerat() {
            return "planerat".equals(status);
        }

        public List<LocalDateTime> tider() {
            List<LocalDateTime> tider = new ArrayList<>();
            for (LocalDateTime t = start; !t.plus(SLOT).isAfter(slut); t = t.plus(SLOT)) {
                tider.add(t);
            }
            return tider;
        }

        /** More bookings than the meeting has slots. */
        public boolean overbokat() {
            return bokade > tider().size();
        }
    }

    /** Whether two bookings' times overlap: each lasts one {@link #SLOT}. */
    public static boolean overlappar(LocalDateTime a, LocalDateTime b) {
        return Duration.between(a, b).abs().compareTo(SLOT) < 0;
    }

    /**
     * A booked participant. {@code sekvens} is the calendar file's SEQUENCE (raised by every move);
     * {@code flyttadFranTid} and {@code flyttadFranPlats} are her time and place before the latest move.
     */
    public record Bokning(long id, long moteId, long deltagareId, String kod, String namn, LocalDateTime tid,
                          String syfte, String taMed, Instant kallelseSkapad, int sekvens, LocalDateTime flyttadFranTid,
                          String flyttadFranPlats, boolean tolkbehov, String tolksprak, String sprak,
                          Instant tolkBokad, Instant kallelseUtskriven, Instant kallelseSkickad, boolean overbokad) {

        public boolean flyttad() {
            return flyttadFranTid != null;
        }

        /** What the kallelse has come to: {@code skickad}, {@code utskriven} or {@code ej}. */
        public String kallelsestatus() {
            return kallelseSkickad != null ? "skickad" : kallelseUtskriven != null ? "utskriven" : "ej";
        }

        public String visningsnamn() {
            return namn != null ? namn : kod;
        }
    }

    /**
     * A referred participant waiting for a meeting, as the booking list shows her: the language of her letters and
     * her interpreter need.
     */
    public record Vantande(long id, String kod, String namn, LocalDate anmald, String sprak, boolean tolkbehov,
                           String tolksprak) {

        public String visningsnamn() {
            return namn != null ? namn : kod;
        }
    }

    /** One booking of a meeting by id and time, whoever is booked. */
    public record BokadTid(long id, LocalDateTime tid) {
    }

    /** A coming meeting of the team with its free times, where a booking can be moved. */
    public record LedigaTider(Mote mote, List<LocalDateTime> tider) {
    }

    public record Anmald(long id, String kod, String namn, LocalDate anmald) {
    }

    public record Narvaro(long anvandareId, String namn, long organisationId, String organisation, boolean ersattare) {
    }

    private final Jdbi jdbi;

    public MoteRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Team.class, Mote.class, Bokning.class, Anmald.class, Narvaro.class,
                Vantande.class, BokadTid.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    public Optional<Team> team(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, namn, motesplats, motesveckodag, motestid, motesintervall_veckor,
                               kvittens_arbetsdagar, uppfoljning_manader, moteslangd_minuter FROM team WHERE id = :id""")
                .bind("id", id)
                .mapTo(Team.class)
                .findOne());
    }

    private static final String MOTE_SQL = """
            SELECT m.id, m.team_id, t.namn AS team, m.start, m.slut, m.plats, m.status,
                   (SELECT count(*) FROM mote_deltagare md WHERE md.mote_id = m.id) AS bokade,
                   m.version, m.flyttad_fran_start, m.flyttad_fran_plats
            FROM mote m JOIN team t ON t.id = m.team_id""";

    /** Planned meetings of the teams from the given time on, soonest first. */
    public List<Mote> kommande(Collection<Long> teamIds, LocalDateTime fran, int max) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery(MOTE_SQL + """
                         WHERE m.team_id IN (<teams>) AND m.start >= :fran AND m.status = 'planerat'
                        ORDER BY m.start LIMIT :max""")
                .bindList("teams", List.copyOf(teamIds)).bind("fran", fran).bind("max", max)
                .mapTo(Mote.class).list());
    }

    public Optional<Mote> mote(long id) {
        return jdbi.withHandle(h -> h.createQuery(MOTE_SQL + " WHERE m.id = :id").bind("id", id)
                .mapTo(Mote.class).findOne());
    }

    /**
     * Adds the team's usual meetings (its weekday and time, every N weeks) for the coming weeks, continuing after
     * the last planned one. Returns how many were added.
     */
    public int planeraStandardmoten(Team team, LocalDate idag, int veckor) {
        return jdbi.inTransaction(h -> {
            LocalTime tid = LocalTime.parse(team.motestid());
            Optional<String> sista = h.createQuery("""
                            SELECT max(start) FROM mote WHERE team_id = :t AND status <> 'installt'""")
                    .bind("t", team.id()).mapTo(String.class).findOne().filter(s -> s != null);
            LocalDate forsta = idag.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(team.veckodag())));
            if (sista.isPresent()) {
                LocalDate efter = LocalDateTime.parse(sista.get()).toLocalDate().plusWeeks(team.intervallVeckor());
                if (efter.isAfter(forsta)) {
                    forsta = efter.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(team.veckodag())));
                }
            }
            int antal = 0;
            for (LocalDate d = forsta; !d.isAfter(idag.plusWeeks(veckor)); d = d.plusWeeks(team.intervallVeckor())) {
                LocalDateTime start = d.atTime(tid);
                antal += h.createUpdate("""
                                INSERT INTO mote (team_id, start, slut, plats)
                                SELECT :t, :start, :slut, :plats
                                WHERE NOT EXISTS (SELECT 1 FROM mote WHERE team_id = :t AND start = :start)""")
                        .bind("t", team.id()).bind("start", start).bind("slut", start.plus(team.moteslangd()))
                        .bind("plats", team.motesplats()).execute();
            }
            return antal;
        });
    }

    public long skapa(long teamId, LocalDateTime start, LocalDateTime slut, String plats) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO mote (team_id, start, slut, plats) VALUES (:t, :start, :slut, :plats)""")
                .bind("t", teamId).bind("start", start).bind("slut", slut).bind("plats", plats)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private static final String BOKNING_SQL = """
            SELECT md.id, md.mote_id, md.deltagare_id, d.kod,
                   CASE WHEN d.skyddad_identitet = 1 THEN NULL ELSE d.fornamn || ' ' || d.efternamn END AS namn,
                   md.tid, md.syfte, md.ta_med, md.kallelse_skapad, md.sekvens, md.flyttad_fran_tid,
                   md.flyttad_fran_plats, d.tolkbehov, d.tolksprak,
                   CASE WHEN coalesce(konto.sprak, d.sprak) IN ('sv', 'en', 'ar') THEN coalesce(konto.sprak, d.sprak)
                        ELSE 'sv' END AS sprak,
                   md.tolk_bokad, md.kallelse_utskriven, md.kallelse_skickad, md.overbokad
            FROM mote_deltagare md JOIN deltagare d ON d.id = md.deltagare_id
            LEFT JOIN anvandare konto ON konto.id = d.anvandare_id""";

    /** The meeting's bookings of participants the user may see. */
    public List<Bokning> bokningar(long moteId, DeltagarAtkomst.Synliga synliga) {
        return jdbi.withHandle(h -> h.createQuery(BOKNING_SQL + """
                         JOIN (<synliga>) sy ON sy.deltagare_id = md.deltagare_id
                        WHERE md.mote_id = :m ORDER BY md.tid, md.id""")
                .define("synliga", synliga.sql()).bind("m", moteId).mapTo(Bokning.class).list());
    }

    /** Every booked time of the meeting, whoever is booked: what is no longer free. */
    public List<LocalDateTime> bokadeTider(long moteId) {
        return jdbi.withHandle(h -> bokadeTider(h, moteId));
    }

    private static List<LocalDateTime> bokadeTider(org.jdbi.v3.core.Handle h, long moteId) {
        return h.createQuery("SELECT tid FROM mote_deltagare WHERE mote_id = :m ORDER BY tid, id")
                .bind("m", moteId).mapTo(LocalDateTime.class).list();
    }

    /** Every booking of the meeting by id and time, whoever is booked: for telling which ones overlap. */
    public List<BokadTid> bokadeTiderMedId(long moteId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, tid FROM mote_deltagare WHERE mote_id = :m ORDER BY tid, id")
                .bind("m", moteId).mapTo(BokadTid.class).list());
    }

    /** The slots of the meeting that no booking overlaps, in order. */
    public static List<LocalDateTime> lediga(Mote mote, List<LocalDateTime> bokade) {
        return mote.tider().stream().filter(t -> bokade.stream().noneMatch(b -> overlappar(t, b))).toList();
    }

    public Optional<Bokning> bokning(long id) {
        return jdbi.withHandle(h -> h.createQuery(BOKNING_SQL + " WHERE md.id = :id").bind("id", id)
                .mapTo(Bokning.class).findOne());
    }

    /** The participant's latest booking, which meeting mode and the plan belong to. */
    public Optional<Bokning> senasteBokning(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery(BOKNING_SQL + """
                         JOIN mote m ON m.id = md.mote_id
                        WHERE md.deltagare_id = :d AND m.status <> 'installt' ORDER BY md.tid DESC LIMIT 1""")
                .bind("d", deltagareId).mapTo(Bokning.class).findOne());
    }

    /** The participants the user may see in one stage of their journey, by id. */
    public List<Anmald> iFas(DeltagarAtkomst.Synliga synliga, String fas) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id, d.kod, sy.namn, a.datum AS anmald
                        FROM (<synliga>) sy JOIN deltagare d ON d.id = sy.deltagare_id
                        JOIN deltagare_fas f ON f.deltagare_id = d.id
                        LEFT JOIN anmalan a ON a.deltagare_id = d.id
                        WHERE f.fas = :fas ORDER BY d.id""")
                .define("synliga", synliga.sql()).bind("fas", fas)
                .mapTo(Anmald.class)
                .list());
    }

    /** Referred participants not yet booked into a meeting, oldest referral first. */
    public List<Anmald> anmaldaUtanMote(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id, d.kod, sy.namn, a.datum AS anmald
                        FROM (<synliga>) sy JOIN deltagare d ON d.id = sy.deltagare_id
                        JOIN deltagare_fas f ON f.deltagare_id = d.id
                        LEFT JOIN anmalan a ON a.deltagare_id = d.id
                        WHERE d.team_id IN (<teams>) AND f.fas = 'anmald'
                        ORDER BY a.datum, d.id""")
                .define("synliga", synliga.sql()).bindList("teams", List.copyOf(teamIds))
                .mapTo(Anmald.class)
                .list());
    }

    /**
     * The participants of the team the user may see who wait for a meeting (referred, never booked), oldest
     * referral first, with their interpreter need.
     */
    public List<Vantande> vantande(DeltagarAtkomst.Synliga synliga, long teamId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id, d.kod, sy.namn, a.datum AS anmald,
                               CASE WHEN coalesce(konto.sprak, d.sprak) IN ('sv', 'en', 'ar')
                                    THEN coalesce(konto.sprak, d.sprak) ELSE 'sv' END AS sprak,
                               d.tolkbehov, d.tolksprak
                        FROM (<synliga>) sy JOIN deltagare d ON d.id = sy.deltagare_id
                        LEFT JOIN anvandare konto ON konto.id = d.anvandare_id
                        JOIN deltagare_fas f ON f.deltagare_id = d.id
                        LEFT JOIN anmalan a ON a.deltagare_id = d.id
                        WHERE d.team_id = :t AND f.fas = 'anmald'
                        ORDER BY a.datum, d.id""")
                .define("synliga", synliga.sql()).bind("t", teamId)
                .mapTo(Vantande.class)
                .list());
    }

    /** The participant's name as staff lists show it (her code if her identity is protected). */
    public String vantandeNamn(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT CASE WHEN skyddad_identitet = 1 THEN kod ELSE fornamn || ' ' || efternamn END
                        FROM deltagare WHERE id = :d""").bind("d", deltagareId).mapTo(String.class).one());
    }

    /** What booking several participants came to. */
    public sealed interface Bokningsutfall {
        /** Booked, in the order asked for: the bookings' ids and whether any went beyond the free slots. */
        record Bokade(List<Long> bokningar, boolean overbokat) implements Bokningsutfall {
        }

        /** The meeting is no longer planned. */
        record Installt() implements Bokningsutfall {
        }

        /** The first time asked for is not one of the meeting's slots. */
        record OgiltigTid() implements Bokningsutfall {
        }

        /** The first time asked for overlaps a booking. */
        record Krock(LocalDateTime tid) implements Bokningsutfall {
        }

        /** Fewer free slots (from the first time asked for) than participants. */
        record Fullt(int lediga, int valda, LocalDateTime fran) implements Bokningsutfall {
        }

        /** The participant has been booked (into this or another meeting) meanwhile. */
        record RedanBokad(long deltagareId) implements Bokningsutfall {
        }
    }

    /**
     * Books the participants into the meeting, all or none, in one write transaction, so that two koordinators
     * booking the last slot at once cannot both get it: the second sees the first's booking.
     *
     * <p>Each participant gets a free slot (one no booking overlaps), from {@code forsta} on if given (which must
     * then be free) or from the first. Without {@code overboka}, too few free slots is a refusal. With it, the
     * participants get the free slots first, then the slots in turn from {@code forsta} (or the first), booked or
     * not; those bookings are marked as overbookings. A chosen time that is taken goes to the first participant
     * when overbooking.
     */
    public Bokningsutfall bokaFlera(long moteId, List<Long> deltagare, LocalDateTime forsta, String syfte,
                                    String taMed, boolean overboka, Instant nu) {
        return jdbi.inTransaction(h -> {
            Mote mote = h.createQuery(MOTE_SQL + " WHERE m.id = :id").bind("id", moteId).mapTo(Mote.class).one();
            if (!mote.planerat()) {
                return new Bokningsutfall.Installt();
            }
            List<LocalDateTime> tider = mote.tider();
            if (forsta != null && !tider.contains(forsta)) {
                return new Bokningsutfall.OgiltigTid();
            }
            for (long d : deltagare) {
                boolean bokad = h.createQuery("SELECT EXISTS (SELECT 1 FROM mote_deltagare WHERE deltagare_id = :d)")
                        .bind("d", d).mapTo(Boolean.class).one();
                if (bokad) {
                    return new Bokningsutfall.RedanBokad(d);
                }
            }
            List<LocalDateTime> bokade = bokadeTider(h, moteId);
            List<LocalDateTime> fria = lediga(mote, bokade).stream()
                    .filter(t -> forsta == null || !t.isBefore(forsta)).toList();
            boolean forstaUpptagen = forsta != null && (fria.isEmpty() || !fria.get(0).equals(forsta));
            List<LocalDateTime> valdaTider = new ArrayList<>();
            List<Boolean> over = new ArrayList<>();
            if (!overboka) {
                if (forstaUpptagen) {
                    return new Bokningsutfall.Krock(forsta);
                }
                int plats = tider.size() - bokade.size();
                if (fria.size() < deltagare.size() || plats < deltagare.size()) {
                    return new Bokningsutfall.Fullt(Math.max(0, Math.min(fria.size(), plats)), deltagare.size(),
                            forsta);
                }
                for (int i = 0; i < deltagare.size(); i++) {
                    valdaTider.add(fria.get(i));
                    over.add(false);
                }
            } else {
                // The chosen time first, even if taken; then the free slots; then the slots in turn.
                List<LocalDateTime> kvar = new ArrayList<>(fria);
                int start = forsta == null ? 0 : tider.indexOf(forsta);
                int varv = forstaUpptagen ? 1 : 0;
                int ledigaPlatser = Math.max(0, tider.size() - bokade.size());
                for (int i = 0; i < deltagare.size(); i++) {
                    LocalDateTime t;
                    if (i == 0 && forstaUpptagen) {
                        t = forsta;
                    } else if (!kvar.isEmpty() && ledigaPlatser > 0) {
                        t = kvar.remove(0);
                        ledigaPlatser--;
                    } else {
                        t = tider.get((start + varv++) % tider.size());
                    }
                    LocalDateTime tid = t;
                    boolean krockar = bokade.stream().anyMatch(b -> overlappar(b, tid))
                            || valdaTider.stream().anyMatch(b -> overlappar(b, tid))
                            || bokade.size() + valdaTider.size() >= tider.size();
                    valdaTider.add(t);
                    over.add(krockar);
                }
            }
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < deltagare.size(); i++) {
                ids.add(h.createUpdate("""
                                INSERT INTO mote_deltagare (mote_id, deltagare_id, tid, syfte, ta_med, kallelse_skapad,
                                                            overbokad)
                                VALUES (:m, :d, :tid, :syfte, :taMed, :nu, :over)""")
                        .bind("m", moteId).bind("d", deltagare.get(i)).bind("tid", valdaTider.get(i))
                        .bind("syfte", standardSyfte(syfte) ? null : syfte.strip())
                        .bind("taMed", standardTaMed(taMed) ? null : taMed.strip()).bind("nu", nu)
                        .bind("over", over.get(i) ? 1 : 0)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            }
            return new Bokningsutfall.Bokade(ids, over.contains(true));
        });
    }

    /** Marks the booking's interpreter as booked (now) or not booked. */
    public boolean tolkBokad(long bokningId, boolean bokad, Instant nu) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE mote_deltagare SET tolk_bokad = :t WHERE id = :b")
                .bind("t", bokad ? nu : null).bind("b", bokningId).execute()) == 1;
    }

    /**
     * Sets what the kallelse has come to: {@code utskriven} (printed now), {@code skickad} (sent now; printed too,
     * if it was not marked so) or {@code ej} (neither).
     */
    public boolean kallelsestatus(long bokningId, String status, Instant nu) {
        String sql = switch (status) {
            case "utskriven" -> "UPDATE mote_deltagare SET kallelse_utskriven = :nu, kallelse_skickad = NULL WHERE id = :b";
            case "skickad" -> """
                    UPDATE mote_deltagare SET kallelse_utskriven = coalesce(kallelse_utskriven, :nu),
                           kallelse_skickad = :nu WHERE id = :b""";
            case "ej" -> "UPDATE mote_deltagare SET kallelse_utskriven = NULL, kallelse_skickad = NULL WHERE id = :b";
            default -> throw new IllegalArgumentException(status);
        };
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("nu", nu).bind("b", bokningId).execute()) == 1;
    }

    /** Marks the kallelser of the given bookings of the meeting as printed, where not marked printed already. */
    public int kallelserUtskrivna(long moteId, Collection<Long> bokningar, Instant nu) {
        if (bokningar.isEmpty()) {
            return 0;
        }
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE mote_deltagare SET kallelse_utskriven = :nu
                        WHERE mote_id = :m AND id IN (<b>) AND kallelse_utskriven IS NULL""")
                .bind("nu", nu).bind("m", moteId).bindList("b", List.copyOf(bokningar)).execute());
    }

    /** Outcome of moving a meeting or a booking. */
    public enum Flytt { FLYTTAD, ANDRAD_AV_ANNAN, INSTALLT, KROCK, UPPTAGEN }

    /** Another planned meeting of the team that overlaps the given time, if any. */
    public Optional<Mote> krock(long teamId, long utomMoteId, LocalDateTime start, LocalDateTime slut) {
        return jdbi.withHandle(h -> h.createQuery(MOTE_SQL + " " + """
                         WHERE m.team_id = :t AND m.id <> :m AND m.status = 'planerat'
                          AND m.start < :slut AND m.slut > :start ORDER BY m.start LIMIT 1""")
                .bind("t", teamId).bind("m", utomMoteId).bind("start", start).bind("slut", slut)
                .mapTo(Mote.class).findOne());
    }

    /**
     * Moves a planned meeting to a new start (keeping its length) and place, if it still has the version the
     * koordinator saw. Every booking keeps its place in the order of slots, gets its old time and place recorded
     * and its calendar SEQUENCE raised. Returns the participants booked, for the audit log.
     */
    public Flytt flytta(long moteId, int version, LocalDateTime nyStart, String nyPlats, Instant nu,
                        List<Long> flyttade) {
        return jdbi.inTransaction(h -> {
            Mote mote = h.createQuery(MOTE_SQL + " WHERE m.id = :id").bind("id", moteId).mapTo(Mote.class)
                    .one();
            if (!mote.planerat()) {
                return Flytt.INSTALLT;
            }
            if (mote.version() != version) {
                return Flytt.ANDRAD_AV_ANNAN;
            }
            Duration skillnad = Duration.between(mote.start(), nyStart);
            LocalDateTime nySlut = mote.slut().plus(skillnad);
            boolean krock = h.createQuery("""
                            SELECT EXISTS (SELECT 1 FROM mote WHERE team_id = :t AND id <> :m AND status = 'planerat'
                                             AND start < :slut AND slut > :start)""")
                    .bind("t", mote.teamId()).bind("m", moteId).bind("start", nyStart).bind("slut", nySlut)
                    .mapTo(Boolean.class).one();
            if (krock) {
                return Flytt.KROCK;
            }
            int andrade = h.createUpdate("""
                            UPDATE mote SET start = :start, slut = :slut, plats = :plats, version = version + 1,
                                   flyttad_fran_start = start, flyttad_fran_plats = plats
                            WHERE id = :m AND version = :v AND status = 'planerat'""")
                    .bind("start", nyStart).bind("slut", nySlut).bind("plats", nyPlats).bind("m", moteId)
                    .bind("v", version).execute();
            if (andrade != 1) {
                return Flytt.ANDRAD_AV_ANNAN;
            }
            List<Bokning> bokningar = h.createQuery(BOKNING_SQL + " WHERE md.mote_id = :m ORDER BY md.tid")
                    .bind("m", moteId).mapTo(Bokning.class).list();
            // UNIQUE (mote_id, tid) is checked row by row: park the times first, then set the new ones.
            h.createUpdate("UPDATE mote_deltagare SET tid = 'flyttas:' || id WHERE mote_id = :m").bind("m", moteId)
                    .execute();
            for (Bokning b : bokningar) {
                h.createUpdate("""
                                UPDATE mote_deltagare SET tid = :tid, sekvens = sekvens + 1, flyttad_fran_tid = :fran,
                                       flyttad_fran_plats = :franPlats, kallelse_skapad = :nu, tolk_bokad = NULL,
                                       kallelse_utskriven = NULL, kallelse_skickad = NULL WHERE id = :b""")
                        .bind("tid", b.tid().plus(skillnad)).bind("fran", b.tid()).bind("franPlats", mote.plats())
                        .bind("nu", nu).bind("b", b.id()).execute();
                flyttade.add(b.deltagareId());
            }
            return Flytt.FLYTTAD;
        });
    }

    /** The team's planned meetings from {@code fran} on (other than {@code utom}) with their free times. */
    public List<LedigaTider> ledigaTider(long teamId, long utom, LocalDateTime fran) {
        return kommande(List.of(teamId), fran, 20).stream().filter(m -> m.id() != utom).map(m -> {
            List<LocalDateTime> bokade = bokadeTider(m.id());
            List<LocalDateTime> fria = bokade.size() >= m.tider().size() ? List.of() : lediga(m, bokade);
            return new LedigaTider(m, fria);
        }).filter(l -> !l.tider().isEmpty()).toList();
    }

    /**
     * Moves a booking to a free time of another planned meeting; the same rules as booking: the time must be one
     * of the meeting's slots, free, and the participant not already booked there.
     */
    public Flytt flyttaBokning(long bokningId, long nyttMoteId, LocalDateTime tid, Instant nu) {
        return jdbi.inTransaction(h -> {
            Bokning b = h.createQuery(BOKNING_SQL + " WHERE md.id = :b").bind("b", bokningId)
                    .mapTo(Bokning.class).one();
            Mote fran = h.createQuery(MOTE_SQL + " WHERE m.id = :id").bind("id", b.moteId())
                    .mapTo(Mote.class).one();
            Mote till = h.createQuery(MOTE_SQL + " WHERE m.id = :id").bind("id", nyttMoteId)
                    .mapTo(Mote.class).one();
            if (!till.planerat()) {
                return Flytt.INSTALLT;
            }
            List<LocalDateTime> bokade = bokadeTider(h, nyttMoteId);
            boolean upptagen = !lediga(till, bokade).contains(tid) || bokade.size() >= till.tider().size()
                    || h.createQuery("""
                            SELECT EXISTS (SELECT 1 FROM mote_deltagare WHERE mote_id = :m AND deltagare_id = :d)""")
                    .bind("m", nyttMoteId).bind("d", b.deltagareId()).mapTo(Boolean.class).one();
            if (upptagen) {
                return Flytt.UPPTAGEN;
            }
            h.createUpdate("""
                            UPDATE mote_deltagare SET mote_id = :m, tid = :tid, sekvens = sekvens + 1,
                                   flyttad_fran_tid = tid, flyttad_fran_plats = :franPlats, kallelse_skapad = :nu,
                                   tolk_bokad = NULL, kallelse_utskriven = NULL, kallelse_skickad = NULL,
                                   overbokad = 0
                            WHERE id = :b""")
                    .bind("m", nyttMoteId).bind("tid", tid).bind("franPlats", fran.plats()).bind("nu", nu)
                    .bind("b", bokningId).execute();
            return Flytt.FLYTTAD;
        });
    }

    /** Cancels a booking: the participant is anmäld again and can be booked into another meeting. */
    public boolean avboka(long moteId, long bokningId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM mote_deltagare WHERE id = :b AND mote_id = :m")
                .bind("b", bokningId).bind("m", moteId).execute()) == 1;
    }

    /** Cancels a meeting that nobody is booked into. */
    public boolean installa(long moteId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE mote SET status = 'installt' WHERE id = :m AND status = 'planerat'
                          AND NOT EXISTS (SELECT 1 FROM mote_deltagare WHERE mote_id = :m)""")
                .bind("m", moteId).execute()) == 1;
    }

    public List<Narvaro> narvaro(long moteId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT n.anvandare_id, a.namn, n.organisation_id, o.namn AS organisation, n.ersattare
                        FROM mote_narvaro n JOIN anvandare a ON a.id = n.anvandare_id
                        JOIN organisation o ON o.id = n.organisation_id
                        WHERE n.mote_id = :m ORDER BY n.organisation_id, a.namn""")
                .bind("m", moteId)
                .mapTo(Narvaro.class)
                .list());
    }

    /** Replaces the attendance list of the meeting. */
    public void sparaNarvaro(long moteId, List<Narvaro> narvaro) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM mote_narvaro WHERE mote_id = :m").bind("m", moteId).execute();
            for (Narvaro n : narvaro) {
                h.createUpdate("""
                                INSERT INTO mote_narvaro (mote_id, anvandare_id, organisation_id, ersattare)
                                VALUES (:m, :a, :o, :e)
                                ON CONFLICT (mote_id, anvandare_id) DO UPDATE SET
                                    organisation_id = excluded.organisation_id, ersattare = excluded.ersattare""")
                        .bind("m", moteId).bind("a", n.anvandareId()).bind("o", n.organisationId())
                        .bind("e", n.ersattare() ? 1 : 0).execute();
            }
        });
    }

    /**
     * The authorities whose representatives (or koordinator) sit in the team and whom the participant's samtycke
     * covers: who she is told will be at her meeting (kallelse, her meeting page, the calendar file). An
     * organisation she did not consent to is never named to her as taking part.
     */
    public List<String> myndigheterITeam(long teamId, long deltagareId) {
        return jdbi.withHandle(h -> myndigheterITeam(h, teamId, deltagareId));
    }

    public static List<String> myndigheterITeam(org.jdbi.v3.core.Handle h, long teamId, long deltagareId) {
        return h.createQuery("""
                        SELECT o.namn FROM team_medlem m JOIN anvandare a ON a.id = m.anvandare_id
                        JOIN organisation o ON o.id = a.organisation_id
                        WHERE m.team_id = :t AND a.roll IN ('teamrepresentant', 'koordinator') AND a.aktiv = 1
                          AND <samtycke>
                        GROUP BY o.id, o.namn ORDER BY o.id""")
                .define("samtycke", DeltagarAtkomst.samtyckeTacker(":d", "o.id"))
                .bind("t", teamId).bind("d", deltagareId).mapTo(String.class).list();
    }

    /**
     * A new one-time activation code for the participant's first login, valid for {@code giltig}. Creates the
     * participant's login row if missing and retires codes given earlier. Only the hash is stored: the code is
     * returned once, for the printout.
     */
    /** Whether the participant has an account with a PIN, i.e. uses the app already. */
    public boolean harPin(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM deltagare d JOIN anvandare a ON a.id = d.anvandare_id
                        WHERE d.id = :d AND a.pin_hash IS NOT NULL""")
                .bind("d", deltagareId).mapTo(Integer.class).one() > 0);
    }

    public String nyAktiveringskod(long deltagareId, long skapadAv, Instant nu, Duration giltig) {
        String kod = Aktiveringskoder.generate();
        jdbi.useTransaction(h -> {
            Long anvandareId = h.createQuery("SELECT anvandare_id FROM deltagare WHERE id = :d").bind("d", deltagareId)
                    .mapTo(Long.class).findOne().orElse(null);
            if (anvandareId == null) {
                anvandareId = h.createUpdate("""
                                INSERT INTO anvandare (namn, roll, telefon, epost, sprak, skapad)
                                SELECT coalesce(fornamn || ' ' || efternamn, kod), 'deltagare', telefon, epost,
                                       CASE WHEN sprak IN ('sv', 'en', 'ar') THEN sprak ELSE 'sv' END, :nu
                                FROM deltagare WHERE id = :d""")
                        .bind("nu", nu).bind("d", deltagareId)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                h.createUpdate("UPDATE deltagare SET anvandare_id = :a WHERE id = :d")
                        .bind("a", anvandareId).bind("d", deltagareId).execute();
            }
            // A new code resets the account: whoever holds the old PIN, or is logged in now, is out, and the
            // participant gets a new user id when she chooses her new PIN.
            h.createUpdate("""
                            UPDATE anvandare SET pin_hash = NULL, anvandarnamn = NULL
                            WHERE id = :a AND roll = 'deltagare' AND pin_hash IS NOT NULL""")
                    .bind("a", anvandareId).execute();
            h.createUpdate("DELETE FROM session WHERE anvandare_id = :a").bind("a", anvandareId).execute();
            h.createUpdate("""
                            UPDATE aktiveringskod SET giltig_till = :nu
                            WHERE anvandare_id = :a AND anvand IS NULL AND giltig_till > :nu""")
                    .bind("a", anvandareId).bind("nu", nu).execute();
            h.createUpdate("""
                            INSERT INTO aktiveringskod (anvandare_id, kod_hash, skapad, giltig_till, skapad_av)
                            VALUES (:a, :h, :nu, :till, :av)""")
                    .bind("a", anvandareId).bind("h", Aktiveringskoder.hash(kod)).bind("nu", nu)
                    .bind("till", nu.plus(giltig)).bind("av", skapadAv).execute();
        });
        return kod;
    }
}
