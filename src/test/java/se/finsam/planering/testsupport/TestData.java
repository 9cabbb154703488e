package se.finsam.planering.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.finsam.planering.auth.Aktiveringskoder;
import se.finsam.planering.auth.Losenordshash;

/** Small additions to the demo data that a test needs, made the way the app would make them. */
public final class TestData {

    /** Argon2 is slow on purpose; tests give many participants the same PIN, so each PIN is hashed once. */
    private static final Map<String, String> PIN_HASHES = new java.util.concurrent.ConcurrentHashMap<>();

    private TestData() {
    }

    /**
     * Finds a participant of the demo data by what they are, for example
     * {@code TestData.deltagare(app).iFas("uppfoljning").utanKonto().medSamtyckeBaraTill("AF", "FK").hamta()}.
     * Each participant is handed out once per app, so tests in one class never share one by chance, whatever order
     * they run in.
     */
    public static Urval deltagare(TestApp app) {
        return new Urval(app);
    }

    /**
     * A participant of Jobbtorg Kista (the team of the demo logins) in the stage, with a name (not protected) and no
     * login yet, not handed out before.
     */
    public static long ledigDeltagareIFas(TestApp app, String fas) {
        return deltagare(app).iTeam("Jobbtorg Kista").iFas(fas).utanKonto().medNamn().hamta();
    }

    /**
     * A participant in the stage, of any team (Kista first), with a name and no login yet, not handed out before: for
     * a test that gives them a login and looks at their own pages.
     */
    /** A new team set up as Jobbtorg Kista is (meeting place, days, rules), with the demo koordinator in it. */
    public static long teamSomKista(TestApp app, String namn) {
        return app.jdbi().inTransaction(h -> {
            long t = h.createUpdate("""
                            INSERT INTO team (namn, motesplats, motesveckodag, motestid, motesintervall_veckor,
                                              uppfoljning_manader, kvittens_arbetsdagar, fastnat_veckor, forbund,
                                              moteslangd_minuter, aktiv)
                            SELECT :n, motesplats, motesveckodag, motestid, motesintervall_veckor, uppfoljning_manader,
                                   kvittens_arbetsdagar, fastnat_veckor, forbund, moteslangd_minuter, aktiv
                            FROM team WHERE namn = 'Jobbtorg Kista'""")
                    .bind("n", namn).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO team_medlem (team_id, anvandare_id)
                            SELECT :t, id FROM anvandare WHERE anvandarnamn = 'koordinator'""").bind("t", t).execute();
            return t;
        });
    }

    public static long deltagareAttLoggaInSom(TestApp app, String fas) {
        return deltagare(app).iFas(fas).utanKonto().medNamn().hamta();
    }

    /** The conditions of a search for a participant; {@link #hamta()} runs it. */
    public static final class Urval {

        private final TestApp app;
        private final List<String> villkor = new ArrayList<>();
        private final List<String> beskrivning = new ArrayList<>();
        private final Map<String, Object> varden = new LinkedHashMap<>();

        private Urval(TestApp app) {
            this.app = app;
        }

        private Urval villkor(String text, String sql, Object... namnOchVarden) {
            beskrivning.add(text);
            villkor.add(sql);
            for (int i = 0; i < namnOchVarden.length; i += 2) {
                varden.put((String) namnOchVarden[i], namnOchVarden[i + 1]);
            }
            return this;
        }

        /** In the stage of deltagare_fas: anmald, kallad, planerad, uppfoljning or avslutad. */
        public Urval iFas(String fas) {
            return villkor("in stage " + fas,
                    "(SELECT f.fas FROM deltagare_fas f WHERE f.deltagare_id = d.id) = :fas", "fas", fas);
        }

        public Urval iTeam(String team) {
            return villkor("in team " + team, "t.namn = :team", "team", team);
        }

        /** Has no login of their own yet. */
        public Urval utanKonto() {
            return villkor("without a login", "d.anvandare_id IS NULL");
        }

        /** Has a name, that is: not protected identity. */
        public Urval medNamn() {
            return villkor("with a name", "d.skyddad_identitet = 0");
        }

        /** Protected identity: only a code is stored. */
        public Urval skyddadIdentitet() {
            return villkor("with protected identity", "d.skyddad_identitet = 1");
        }

        /** Speaks the language (the code stored with the participant, e.g. "ar"). */
        public Urval talar(String sprak) {
            return villkor("speaking " + sprak, "d.sprak = :sprak", "sprak", sprak);
        }

        /** Has consent in force (given, not withdrawn) to exactly these organisations (codes such as "AF"). */
        public Urval medSamtyckeBaraTill(String... koder) {
            String lista = String.join(",", Arrays.stream(koder).sorted().toList());
            return villkor("consenting only to " + lista, """
                    (SELECT string_agg(k.kod, ',' ORDER BY k.kod) FROM (SELECT DISTINCT o.kod FROM samtycke s
                        JOIN organisation o ON o.id = s.organisation_id
                        WHERE s.deltagare_id = d.id AND s.aterkallat_datum IS NULL) k) = :samtycken""",
                    "samtycken", lista);
        }

        /** Has consent in force to the organisation (and maybe to others). */
        public Urval medSamtyckeTill(String kod) {
            String namn = "med_" + kod.toLowerCase(Locale.ROOT);
            return villkor("consenting to " + kod, """
                    EXISTS (SELECT 1 FROM samtycke s JOIN organisation o ON o.id = s.organisation_id
                            WHERE s.deltagare_id = d.id AND s.aterkallat_datum IS NULL AND o.kod = :""" + namn + ")",
                    namn, kod);
        }

        /** Has no consent in force to the organisation. */
        public Urval utanSamtyckeTill(String kod) {
            String namn = "utan_" + kod.toLowerCase(Locale.ROOT);
            return villkor("not consenting to " + kod, """
                    NOT EXISTS (SELECT 1 FROM samtycke s JOIN organisation o ON o.id = s.organisation_id
                                WHERE s.deltagare_id = d.id AND s.aterkallat_datum IS NULL AND o.kod = :""" + namn + ")",
                    namn, kod);
        }

        /** Has a step of their own in the plan that is not done yet. */
        public Urval medEgetStegKvar() {
            return villkor("with an own step left", """
                    EXISTS (SELECT 1 FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                            LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                            WHERE p.deltagare_id = d.id AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 1
                              AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen'))""");
        }

        /** Has never confirmed reading the plan ("Jag har läst"). */
        public Urval aldrigLastPlanen() {
            return villkor("never having confirmed reading the plan",
                    "NOT EXISTS (SELECT 1 FROM lasbekraftelse l WHERE l.deltagare_id = d.id)");
        }

        /** Has a current contact person with a phone number at the organisation. */
        public Urval medKontaktperson(String kod) {
            String namn = "kontakt_" + kod.toLowerCase(Locale.ROOT);
            return villkor("with a contact at " + kod,
                    "EXISTS (SELECT 1 FROM kontaktperson k JOIN organisation o ON o.id = k.organisation_id"
                            + " LEFT JOIN anvandare a ON a.id = k.anvandare_id"
                            + " WHERE k.deltagare_id = d.id AND k.till_datum IS NULL AND o.kod = :" + namn
                            + " AND coalesce(k.telefon, a.telefon) IS NOT NULL)", namn, kod);
        }

        /**
         * The first matching participant (Kista first, then by id), handed out or not: for a test that only reads
         * and so may share the participant with others.
         */
        public long forsta() {
            return ids().stream().findFirst().orElseThrow(() -> new IllegalStateException(
                    "the demo data has no participant " + String.join(", ", beskrivning)));
        }

        private List<Long> ids() {
            String where = villkor.isEmpty() ? "1 = 1" : String.join("\n  AND ", villkor);
            return app.jdbi().withHandle(h -> {
                var query = h.createQuery("SELECT d.id FROM deltagare d JOIN team t ON t.id = d.team_id WHERE "
                        + where + "\nORDER BY t.namn = 'Jobbtorg Kista' DESC, d.id");
                varden.forEach(query::bind);
                return query.mapTo(Long.class).list();
            });
        }

        /** The first matching participant not handed out before by this app (Kista first, then by id). */
        public long hamta() {
            synchronized (app.handedOut) {
                List<Long> ids = ids();
                long id = ids.stream().filter(i -> !app.handedOut.contains(i)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the demo data has no participant left "
                                + String.join(", ", beskrivning) + " (" + ids.size() + " match, all handed out)"));
                app.handedOut.add(id);
                return id;
            }
        }
    }

    /**
     * A participant in the given stage (deltagare_fas) who has no login yet and is not protected: the
     * {@code skip}-th of them at the time of the call. Prefer {@link #ledigDeltagareIFas} or {@link #deltagare}: an
     * index into data that tests change depends on the order the tests run in.
     */
    public static long deltagareIFas(TestApp app, String fas, int skip) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id FROM deltagare d JOIN deltagare_fas f ON f.deltagare_id = d.id
                        JOIN team t ON t.id = d.team_id
                        WHERE f.fas = :fas AND d.anvandare_id IS NULL AND d.skyddad_identitet = 0
                        ORDER BY t.namn = 'Jobbtorg Kista' DESC, d.id LIMIT 1 OFFSET :skip""")
                .bind("fas", fas).bind("skip", skip).mapTo(Long.class).one());
    }

    /** Gives the participant a login with a PIN; returns the user id they log in with. */
    public static String kontoMedPin(TestApp app, long deltagareId, String pin) {
        String hash = PIN_HASHES.computeIfAbsent(pin, new Losenordshash()::hash);
        return app.jdbi().inTransaction(h -> {
            String username = h.createQuery("SELECT lower(kod) FROM deltagare WHERE id = :d")
                    .bind("d", deltagareId).mapTo(String.class).one();
            long userId = h.createUpdate("""
                            INSERT INTO anvandare (anvandarnamn, namn, roll, pin_hash, skapad)
                            SELECT :u, fornamn || ' ' || efternamn, 'deltagare', :p, :s FROM deltagare WHERE id = :d""")
                    .bind("u", username).bind("p", hash).bind("s", app.clock().instant()).bind("d", deltagareId)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("UPDATE deltagare SET anvandare_id = :a WHERE id = :d")
                    .bind("a", userId).bind("d", deltagareId).execute();
            return username;
        });
    }

    /** Gives the participant an account without PIN and a fresh activation code; returns the code. */
    public static String kontoMedAktiveringskod(TestApp app, long deltagareId) {
        String code = Aktiveringskoder.generate();
        app.jdbi().useTransaction(h -> {
            long userId = h.createUpdate("""
                            INSERT INTO anvandare (namn, roll, skapad)
                            SELECT fornamn || ' ' || efternamn, 'deltagare', :s FROM deltagare WHERE id = :d""")
                    .bind("s", app.clock().instant()).bind("d", deltagareId)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("UPDATE deltagare SET anvandare_id = :a WHERE id = :d")
                    .bind("a", userId).bind("d", deltagareId).execute();
            h.createUpdate("""
                            INSERT INTO aktiveringskod (anvandare_id, kod_hash, skapad, giltig_till)
                            VALUES (:a, :h, :s, :g)""")
                    .bind("a", userId).bind("h", Aktiveringskoder.hash(code)).bind("s", app.clock().instant())
                    .bind("g", app.clock().instant().plus(Duration.ofDays(14))).execute();
        });
        return code;
    }

    public static String namn(TestApp app, long deltagareId) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT fornamn || ' ' || efternamn FROM deltagare WHERE id = :d")
                .bind("d", deltagareId).mapTo(String.class).one());
    }
}
