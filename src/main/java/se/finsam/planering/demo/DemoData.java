package se.finsam.planering.demo;

import static se.finsam.planering.demo.Referensdata.STAFF;
import static se.finsam.planering.demo.Referensdata.TEAMS;
import static se.finsam.planering.demo.Referensdata.orgDef;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.Config;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.demo.Referensdata.StaffDef;

/**
 * Demo data: five Jobbtorg teams, their staff and deltagare in every stage of the journey, with
 * dates relative to the clock so that the demo always looks current.
 *
 * <p>SMALL is for showing the app (about 60 deltagare, the demo logins see plenty); LARGE is the
 * benchmark data set (10 000 deltagare); REGION is a region's worth (twenty teams, 100 000 deltagare over five
 * years). All are generated from a seeded {@link java.util.Random}, so the same clock gives the same data. SMALL and
 * LARGE are written in one transaction, REGION in one transaction per few thousand rows; all with batch inserts,
 * and only two password hashes are computed, however many users there are.
 *
 * <p>The parts: {@link Referensdata} (organisations, teams, staff), {@link Ursprung} and
 * {@link Exempeltexter} (names and texts), {@link Urval} (who takes part), {@link Simulering},
 * {@link Deltagarbana}, {@link Planforlopp} and {@link Uppfoljningar} (the simulation), and
 * {@link Rader} with {@link Radskrivare} (the rows and how they are written).
 */
public final class DemoData {

    public static final String STAFF_PASSWORD = "finsam-demo";
    /**
     * The TOTP secret (base32) of every demo koordinator and admin, printed at start so that anyone trying the demo
     * can add it to an authenticator app. It exists only in seeded demo data: with FINSAM_DEMO=none no account has it.
     */
    public static final String DEMO_TOTP_SECRET = "FINSAMDEMOTOTPHEMLIGHETFINSAM234";
    /** The demo secret's otpauth address, printed at start as text and as a QR code. */
    public static final String DEMO_OTPAUTH = "otpauth://totp/FINSAM%20Planering:demo?secret=" + DEMO_TOTP_SECRET
            + "&issuer=FINSAM%20Planering&algorithm=SHA1&digits=6&period=30";
    public static final String DEMO_ACTIVATION_CODE = "DEMO-AKTI-VERA-2026";
    public static final String DEMO_PARTICIPANT_USERNAME = "deltagare";
    public static final String DEMO_PARTICIPANT_PIN = "246810";

    static final int LARGE_COUNT = 10_000;
    /** The regional set's participants: twenty teams, five years. */
    public static final int REGION_COUNT = 100_000;

    static final String DEMO_PARTICIPANT_NAME = "Amina Hassan";
    static final String ACTIVATION_PARTICIPANT_NAME = "Johan Lindqvist";

    private DemoData() {
    }

    /** Seeds only when the database has no organisation rows; returns true if it seeded. */
    public static boolean seedIfEmpty(Jdbi jdbi, Clock clock, Config.DemoMode mode, Losenordshash hasher) {
        Objects.requireNonNull(jdbi, "jdbi");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(hasher, "hasher");
        if (mode == null || mode == Config.DemoMode.NONE) {
            return false;
        }
        if (jdbi.withHandle(DemoData::hasOrganisations)) {
            return false;
        }
        // Hash before the transaction: Argon2 is slow on purpose and should not hold the write lock.
        String staffHash = hasher.hash(STAFF_PASSWORD);
        String pinHash = hasher.hash(DEMO_PARTICIPANT_PIN);
        if (mode == Config.DemoMode.REGION) {
            return seedRegion(jdbi, clock, staffHash, pinHash, REGION_COUNT);
        }
        boolean small = mode == Config.DemoMode.SMALL;
        return jdbi.inTransaction(handle -> {
            if (hasOrganisations(handle)) {
                return false;
            }
            new Simulering(handle, clock, staffHash, pinHash, small, Omfang.stockholm(small ? 0 : LARGE_COUNT)).run();
            efterSimuleringen(handle, clock, small);
            return true;
        });
    }

    /**
     * The regional set with a chosen number of deltagare ({@link #REGION_COUNT} for FINSAM_DEMO=region; a test seeds a
     * hundredth of it the same way).
     *
     * @throws IllegalStateException if the database already has organisations (it would be mixed data)
     */
    public static void seedRegion(Jdbi jdbi, Clock clock, Losenordshash hasher, int deltagareCount) {
        if (deltagareCount < 0) {
            throw new IllegalArgumentException("deltagareCount must not be negative: " + deltagareCount);
        }
        if (!seedRegion(jdbi, clock, hasher.hash(STAFF_PASSWORD), hasher.hash(DEMO_PARTICIPANT_PIN), deltagareCount)) {
            throw new IllegalStateException("The database already has data; seed a new, empty database.");
        }
    }

    /**
     * Millions of rows: written a few thousand at a time, each lot in a transaction of its own (the write-ahead log
     * stays small and a PostgreSQL transaction short), then what is derived from them in one last transaction. A
     * seeding stopped half-way leaves a half-seeded database, which the next start does not seed again: start over
     * with an empty one.
     */
    private static boolean seedRegion(Jdbi jdbi, Clock clock, String staffHash, String pinHash, int deltagare) {
        return jdbi.withHandle(handle -> {
            if (hasOrganisations(handle)) {
                return false;
            }
            boolean postgresql = se.finsam.planering.db.Motor.av(handle) == se.finsam.planering.db.Motor.POSTGRESQL;
            List<Trigger> utgavor = postgresql ? utgavetriggrar(handle) : List.of();
            vaxla(handle, utgavor, "DISABLE");
            try {
                new Simulering(handle, clock, staffHash, pinHash, false, Omfang.region(deltagare)).run();
                if (postgresql) {
                    // The derived rows are found by joins over millions of new rows: plan them from their real sizes.
                    handle.execute("ANALYZE");
                }
                handle.useTransaction(h -> efterSimuleringen(h, clock, false));
            } finally {
                vaxla(handle, utgavor, "ENABLE");
            }
            if (postgresql) {
                handle.execute("UPDATE datautgava SET nr = nr + 1");
                handle.execute("UPDATE sessionsutgava SET nr = nr + 1");
            }
            return true;
        });
    }

    /**
     * On PostgreSQL, the triggers that count the data and session versions: each written row adds one to a single
     * row, and a transaction that updates one row thousands of times gets slower with every update (each new
     * version of the row is found through all the earlier ones of the same transaction). The regional set switches
     * them off while it writes, and adds one to each version when it is done.
     */
    private static List<Trigger> utgavetriggrar(Handle handle) {
        return handle.createQuery("""
                        SELECT quote_ident(c.relname), quote_ident(t.tgname)
                        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
                        WHERE NOT t.tgisinternal AND p.proname IN ('finsam_datautgava', 'finsam_sessionsutgava')
                          AND c.relnamespace = current_schema()::regnamespace
                        ORDER BY c.relname, t.tgname""")
                .map((rs, ctx) -> new Trigger(rs.getString(1), rs.getString(2))).list();
    }

    /** A trigger and its table, both named as the catalogue names them (quoted), never from input. */
    private record Trigger(String tabell, String namn) {
    }

    /** hur: ENABLE or DISABLE. */
    private static void vaxla(Handle handle, List<Trigger> triggrar, String hur) {
        for (Trigger t : triggrar) {
            handle.execute("ALTER TABLE " + t.tabell() + " " + hur + " TRIGGER " + t.namn());
        }
    }

    /** What follows from the simulated rows, in the transaction that ends the seeding. */
    private static void efterSimuleringen(Handle handle, Clock clock, boolean small) {
        // The simulation gives ids itself; rows added without one go on after them.
        se.finsam.planering.db.Databas.fortsattIdentiteter(handle);
        seedSecondFactor(handle, clock);
        teamensOrganisationer(handle);
        avslutadesMedBeslut(handle);
        anmaldaIgen(handle, clock, small ? 5 : 50);
        if (!small) {
            eskaleringarHanterade(handle, clock);
        }
        se.finsam.planering.kontakt.Telefontid.tolkaFritext(handle);
        se.finsam.planering.utskick.UtskickRepository.efterDemodata(handle, clock.instant());
        // A kallelse sent with its code beside the printed letter.
        se.finsam.planering.utskick.UtskickRepository.kallelserIDemodata(handle, java.time.LocalDate.now(clock)
                .minusDays(1).atTime(10, 0).atZone(clock.getZone()).toInstant());
        // The example questions ("Vad tycker du?"), and answers from last year's participants.
        se.finsam.planering.enkat.EnkatRepository.efterDemodata(handle, clock.instant(),
                java.time.LocalDate.now(clock).getYear() - 1);
    }

    /**
     * Closed participants were closed as the avslut page closes them: every item still open or waiting for a
     * kvittens got a decision (an authority's item with a named person carries on with that person; any other is
     * closed as not done), and no handover of theirs waits for an answer.
     */
    private static void avslutadesMedBeslut(org.jdbi.v3.core.Handle handle) {
        handle.execute("""
                INSERT INTO avslut_punkt (deltagare_id, planpunkt_id, beslut, till_anvandare_id, orsak, vantade_pa_id,
                                          vantade_sedan, registrerad, registrerad_av)
                SELECT p.deltagare_id, pp.id,
                       CASE WHEN pp.ansvarig_anvandare_id IS NOT NULL THEN 'overlamnad' ELSE 'stangd' END,
                       pp.ansvarig_anvandare_id,
                       CASE WHEN pp.ansvarig_anvandare_id IS NOT NULL THEN NULL ELSE 'Deltagaren avslutad' END,
                       (SELECT o.till_id FROM overlamning o WHERE o.planpunkt_id = pp.id
                          AND o.kvitterad IS NULL AND o.avvisad IS NULL ORDER BY o.id DESC LIMIT 1),
                       (SELECT o.skapad FROM overlamning o WHERE o.planpunkt_id = pp.id
                          AND o.kvitterad IS NULL AND o.avvisad IS NULL ORDER BY o.id DESC LIMIT 1),
                       a.registrerad, a.registrerad_av
                FROM avslut a JOIN planering p ON p.deltagare_id = a.deltagare_id
                JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                WHERE coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                   OR EXISTS (SELECT 1 FROM overlamning o WHERE o.planpunkt_id = pp.id
                              AND o.kvitterad IS NULL AND o.avvisad IS NULL)""");
        handle.execute("""
                DELETE FROM overlamning WHERE kvitterad IS NULL AND avvisad IS NULL
                  AND planpunkt_id IN (SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                                       JOIN avslut a ON a.deltagare_id = p.deltagare_id)""");
    }

    /** The earlier participations of the people referred again: avslutsorsak, försörjning and sysselsättning at
     * avslut, step towards work, in turn. */
    private static final String[][] TIDIGARE_AVSLUT = {
        {"arbete", "lon", "arbete", "arbete_studier"},
        {"fortsatt_rehabilitering", "sjukpenning", "ingen", "annan_insats_rehabilitering"},
        {"avbrutit", "forsorjningsstod", "ingen", "inget"},
        {"studier", "studiemedel", "studier", "arbete_studier"},
        {"arbetssokande", "aktivitetsstod", "arbetssokande", "annan_insats_rehabilitering"},
    };

    /**
     * A few people who come back: referred this year after an earlier participation in the same team that closed
     * about a year before (before the rest of the demo's history starts). The earlier participation is the same
     * person's closed row, as the referral form links them: her name, birth year and kön, no personnummer (that is
     * kept on the newest row only), referred twenty months before the new referral, a first meeting three weeks
     * later and an avslut thirteen months before the new referral, for a reason that differs from person to person.
     * The new row names it. At most {@code hogst} people, spread over the teams.
     */
    static void anmaldaIgen(Handle handle, Clock clock, int hogst) {
        record Ny(long id, long team, String kod, java.time.LocalDate anmald, long remitterande,
                  long organisation, long koordinator) {
        }
        java.time.LocalDate idag = java.time.LocalDate.now(clock);
        List<Ny> nya = handle.createQuery("""
                        SELECT d.id, d.team_id, d.kod, a.datum, a.remitterande_id, a.remitterande_organisation_id,
                               (SELECT m.anvandare_id FROM team_medlem m JOIN anvandare u ON u.id = m.anvandare_id
                                WHERE m.team_id = d.team_id AND u.roll = 'koordinator' ORDER BY u.id LIMIT 1)
                        FROM deltagare d JOIN anmalan a ON a.deltagare_id = d.id
                        WHERE d.skyddad_identitet = 0 AND d.tidigare_deltagare_id IS NULL AND a.datum >= :fran
                          AND d.fornamn || ' ' || d.efternamn NOT IN (:demo, :aktivering)
                        ORDER BY d.id""")
                .bind("fran", idag.withDayOfYear(1).toString())
                .bind("demo", DEMO_PARTICIPANT_NAME).bind("aktivering", ACTIVATION_PARTICIPANT_NAME)
                .map((rs, ctx) -> new Ny(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        java.time.LocalDate.parse(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list();
        if (nya.isEmpty() || hogst <= 0) {
            return;
        }
        int steg = Math.max(1, nya.size() / hogst);
        for (int n = 0; n < hogst && n * steg < nya.size(); n++) {
            Ny ny = nya.get(n * steg);
            String[] avslut = TIDIGARE_AVSLUT[n % TIDIGARE_AVSLUT.length];
            java.time.LocalDate anmald = ny.anmald().minusMonths(20);
            java.time.LocalDate start = anmald.plusWeeks(3);
            java.time.LocalDate avslutad = ny.anmald().minusMonths(13);
            String kod = ny.kod().substring(0, ny.kod().lastIndexOf('-')) + String.format(Locale.ROOT, "-T%03d", n + 1);
            long fore = handle.createUpdate("""
                            INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, sprak,
                                                   skyddad_identitet, skapad)
                            SELECT :kod, team_id, fornamn, efternamn, fodelsear, kon, sprak, 0, :skapad
                            FROM deltagare WHERE id = :ny""")
                    .bind("kod", kod).bind("skapad", anmald.atTime(9, 0).atZone(clock.getZone()).toInstant().toString())
                    .bind("ny", ny.id()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            handle.createUpdate("""
                            INSERT INTO anmalan (deltagare_id, remitterande_id, remitterande_organisation_id, datum,
                                                 sammanfattning, forsorjning, informerad_om_mote, skapad, utbildning,
                                                 tid_forsorjning, sysselsattning, anstallning_vid_start)
                            SELECT :d, remitterande_id, remitterande_organisation_id, :datum,
                                   'Behöver stöd att hitta vägen till arbete efter lång tid utan sysselsättning.',
                                   forsorjning, 1, :skapad, utbildning, tid_forsorjning, sysselsattning,
                                   anstallning_vid_start
                            FROM anmalan WHERE deltagare_id = :ny""")
                    .bind("d", fore).bind("datum", anmald.toString())
                    .bind("skapad", anmald.atTime(9, 0).atZone(clock.getZone()).toInstant().toString())
                    .bind("ny", ny.id()).execute();
            long mote = handle.createUpdate("""
                            INSERT INTO mote (team_id, start, slut, plats, status)
                            SELECT :t, :start, :slut, motesplats, 'genomfort' FROM team WHERE id = :t""")
                    .bind("t", ny.team()).bind("start", start + "T09:00").bind("slut", start + "T12:00")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            handle.createUpdate("INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (:m, :d, :tid)")
                    .bind("m", mote).bind("d", fore).bind("tid", start + "T09:00").execute();
            handle.createUpdate("""
                            INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning, registrerad,
                                                registrerad_av, sysselsattning, steg_mot_arbete)
                            VALUES (:d, :datum, :orsak, :f, 1, :registrerad, :k, :s, :steg)""")
                    .bind("d", fore).bind("datum", avslutad.toString()).bind("orsak", avslut[0])
                    .bind("f", avslut[1]).bind("s", avslut[2]).bind("steg", avslut[3])
                    .bind("registrerad", avslutad.atTime(15, 0).atZone(clock.getZone()).toInstant().toString())
                    .bind("k", ny.koordinator()).execute();
            handle.createUpdate("UPDATE deltagare SET tidigare_deltagare_id = :fore WHERE id = :ny")
                    .bind("fore", fore).bind("ny", ny.id()).execute();
        }
    }

    /**
     * In the large set, as in a real team, the koordinator answers an escalation within a few days: only those of
     * the last two weeks still wait for her. (The small demo keeps its escalations, to show them.)
     */
    private static void eskaleringarHanterade(Handle handle, Clock clock) {
        record Eskalering(long id, String registrerad, Long koordinator) {
        }
        List<Eskalering> eskaleringar = handle.createQuery("""
                        SELECT u.id, u.registrerad,
                               (SELECT m.anvandare_id FROM team_medlem m JOIN anvandare a ON a.id = m.anvandare_id
                                WHERE m.team_id = d.team_id AND a.roll = 'koordinator' ORDER BY a.id LIMIT 1)
                        FROM uppfoljning u JOIN deltagare d ON d.id = u.deltagare_id
                        WHERE u.eskalera = 1 AND u.datum < :grans ORDER BY u.id""")
                .bind("grans", java.time.LocalDate.now(clock).minusDays(14).toString())
                .map((rs, ctx) -> new Eskalering(rs.getLong(1), rs.getString(2),
                        rs.getObject(3) == null ? null : rs.getLong(3)))
                .list();
        var batch = handle.prepareBatch("""
                INSERT INTO eskalering_hanterad (uppfoljning_id, hanterad, hanterad_av, notering)
                VALUES (:u, :h, :a, 'Har pratat med den ansvariga enheten. Punkten följs upp vid nästa teammöte.')""");
        for (Eskalering e : eskaleringar) {
            // Handled one to four days after it was raised.
            java.time.Instant hanterad = java.time.Instant.parse(e.registrerad()).plus(java.time.Duration.ofDays(1 + e.id() % 4));
            batch.bind("u", e.id()).bind("h", hanterad).bind("a", e.koordinator()).add();
        }
        if (!eskaleringar.isEmpty()) {
            batch.execute();
        }
    }

    /** Each demo team takes part with the organisations of its members. */
    private static void teamensOrganisationer(org.jdbi.v3.core.Handle handle) {
        handle.execute("""
                INSERT INTO team_organisation (team_id, organisation_id)
                SELECT DISTINCT m.team_id, a.organisation_id
                FROM team_medlem m JOIN anvandare a ON a.id = m.anvandare_id
                WHERE a.organisation_id IS NOT NULL
                ON CONFLICT DO NOTHING""");
    }

    /**
     * For the benchmark data set: same as LARGE but with a chosen number of deltagare (LARGE = 10_000).
     *
     * @throws IllegalStateException if the database already has organisations (it would be mixed data)
     */
    public static void seedLarge(Jdbi jdbi, Clock clock, Losenordshash hasher, int deltagareCount) {
        if (deltagareCount < 0) {
            throw new IllegalArgumentException("deltagareCount must not be negative: " + deltagareCount);
        }
        String staffHash = hasher.hash(STAFF_PASSWORD);
        String pinHash = hasher.hash(DEMO_PARTICIPANT_PIN);
        jdbi.useTransaction(handle -> {
            if (hasOrganisations(handle)) {
                throw new IllegalStateException("The database already has data; seed a new, empty database file.");
            }
            new Simulering(handle, clock, staffHash, pinHash, false, Omfang.stockholm(deltagareCount)).run();
            se.finsam.planering.db.Databas.fortsattIdentiteter(handle);
            seedSecondFactor(handle, clock);
            teamensOrganisationer(handle);
            avslutadesMedBeslut(handle);
            eskaleringarHanterade(handle, clock);
        });
    }

    /** Koordinator and admin accounts pass a second factor; in the demo they share one known TOTP secret. */
    private static void seedSecondFactor(Handle handle, Clock clock) {
        handle.createUpdate("""
                        INSERT INTO totp (anvandare_id, hemlighet, skapad, bekraftad)
                        SELECT id, :h, :n, :n FROM anvandare WHERE roll IN ('koordinator', 'admin')""")
                .bind("h", DEMO_TOTP_SECRET).bind("n", clock.instant()).execute();
    }

    /**
     * Lines the app prints at start: each demo login (username, role, team) and the shared password,
     * the activation code and the participant login.
     */
    public static List<String> loginLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Demoinloggningar för personal, alla med lösenordet: " + STAFF_PASSWORD);
        lines.add(String.format(Locale.ROOT, "  %-30s %-17s %-19s %s", "Användarnamn", "Roll", "Organisation", "Team"));
        String kistaTeam = TEAMS.get(0).namn();
        for (StaffDef s : STAFF) {
            if (s.team() != null && !s.team().equals(kistaTeam)) {
                continue;
            }
            String org = s.org() == null ? "–" : orgDef(s.org()).kortNamn();
            lines.add(String.format(Locale.ROOT, "  %-30s %-17s %-19s %s",
                    s.anvandarnamn(), rollText(s.roll()), org, s.team() == null ? "–" : s.team()));
        }
        lines.add("  (de andra fyra teamen har samma roller, t.ex. koordinator.farsta och teamrep.af.farsta)");
        lines.add("Koordinator och admin bekräftar inloggningen med en andra faktor. Lägg in demohemligheten "
                + DEMO_TOTP_SECRET + " i valfri autentiseringsapp (TOTP, 6 siffror, 30 s), eller öppna:");
        lines.add("  " + DEMO_OTPAUTH);
        lines.add("  eller skanna QR-koden med appen (på demosidan för andra faktorn står också den aktuella koden):");
        se.finsam.planering.web.QrCode.text(DEMO_OTPAUTH).forEach(qr -> lines.add("  " + qr));
        String kista = kistaTeam;
        lines.add("Deltagare: användarnamn " + DEMO_PARTICIPANT_USERNAME + ", PIN " + DEMO_PARTICIPANT_PIN
                + " (" + DEMO_PARTICIPANT_NAME + ", " + kista + ")");
        lines.add("Aktiveringskod för en deltagare som inte har loggat in än: " + DEMO_ACTIVATION_CODE
                + " (" + ACTIVATION_PARTICIPANT_NAME + ", " + kista + ")");
        return List.copyOf(lines);
    }

    private static boolean hasOrganisations(Handle handle) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM organisation)").mapTo(Boolean.class).one();
    }

    private static String rollText(String roll) {
        return switch (roll) {
            case "handlaggare" -> "handläggare";
            default -> roll;
        };
    }
}
