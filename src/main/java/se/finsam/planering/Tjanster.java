package se.finsam.planering;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.atkomst.AtkomstRepository;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.audit.Kedjeankare;
import se.finsam.planering.audit.Kedjekontroll;
import se.finsam.planering.auth.Inloggningsbroms;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.auth.Sessioner;
import se.finsam.planering.auth.AnvandarRepository;
import se.finsam.planering.db.Databas;
import se.finsam.planering.db.Datautgava;
import se.finsam.planering.web.Csrf;
import se.finsam.planering.web.Felsidor;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;
import se.finsam.planering.web.Webbskydd;

/**
 * The services every feature is built from, each made once: the configuration, the clock, the database, the
 * accounts and sessions, the audit log, the page mallar and the access checks.
 */
record Tjanster(Config config, Clock clock, Databas database, Jdbi jdbi, Losenordshash hasher,
                AnvandarRepository users, Sessioner sessions, Inloggningsbroms throttle, Handelselogg audit, Webbkontext web,
                Mallar mallar, DeltagarAtkomst access, Datautgava datautgava, Webbskydd security,
                Felsidor errors, Kedjeankare kedjeankare, Kedjekontroll kedjekontroll) {

    static Tjanster bygg(Config config, Clock clock, Databas database, Losenordshash hasher) {
        Jdbi jdbi = database.jdbi();
        se.finsam.planering.db.Dialekt.av(jdbi).ordnaTransaktioner(jdbi);
        AnvandarRepository users = new AnvandarRepository(jdbi);
        Sessioner sessions = new Sessioner(jdbi, clock, config.sessionTimeout());
        Handelselogg audit = new Handelselogg(jdbi, clock);
        Webbkontext web = new Webbkontext(new Csrf(hemlighet(jdbi, "csrf")), config.secureCookies(), clock);
        Mallar mallar = new Mallar(config.devTemplates(), web);
        DeltagarAtkomst access = new DeltagarAtkomst(new AtkomstRepository(jdbi), audit, web::messages);
        Datautgava datautgava = new Datautgava(database);
        Webbskydd security = new Webbskydd(web, sessions, users, audit, config.secureCookies(), access,
                datautgava, se.finsam.planering.utskick.SmsReturRoutes.SOKVAGAR);
        Felsidor errors = new Felsidor(mallar, web);
        Inloggningsbroms throttle = new Inloggningsbroms(jdbi, clock);
        Kedjeankare kedjeankare = new Kedjeankare(config.databas().ankarbas());
        return new Tjanster(config, clock, database, jdbi, hasher, users, sessions, throttle, audit, web, mallar,
                access, datautgava, security, errors, kedjeankare, new Kedjekontroll(jdbi, kedjeankare, clock));
    }

    boolean demo() {
        return config.demo() != Config.DemoMode.NONE;
    }

    /** A random secret made once and kept in the database, so tokens survive a restart. */
    static byte[] hemlighet(Jdbi jdbi, String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String value = jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO app_secret (namn, varde) VALUES (:n, :v) ON CONFLICT DO NOTHING")
                    .bind("n", name).bind("v", Base64.getEncoder().encodeToString(fresh)).execute();
            return h.createQuery("SELECT varde FROM app_secret WHERE namn = :n").bind("n", name)
                    .mapTo(String.class).one();
        });
        return Base64.getDecoder().decode(value);
    }
}
