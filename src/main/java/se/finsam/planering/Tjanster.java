package se.finsam.planering;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.atkomst.AtkomstRepository;
import se.finsam.planering.atkomst.DeltagareAccess;
import se.finsam.planering.audit.AuditLog;
import se.finsam.planering.audit.Kedjeankare;
import se.finsam.planering.auth.LoginThrottle;
import se.finsam.planering.auth.PasswordHasher;
import se.finsam.planering.auth.SessionStore;
import se.finsam.planering.auth.UserRepository;
import se.finsam.planering.db.Database;
import se.finsam.planering.db.Datautgava;
import se.finsam.planering.web.Csrf;
import se.finsam.planering.web.ErrorPages;
import se.finsam.planering.web.Renderer;
import se.finsam.planering.web.WebContext;
import se.finsam.planering.web.WebSecurity;

/**
 * The services every feature is built from, each made once: the configuration, the clock, the database, the
 * accounts and sessions, the audit log, the page renderer and the access checks.
 */
record Tjanster(Config config, Clock clock, Database database, Jdbi jdbi, PasswordHasher hasher,
                UserRepository users, SessionStore sessions, LoginThrottle throttle, AuditLog audit, WebContext web,
                Renderer renderer, DeltagareAccess access, Datautgava datautgava, WebSecurity security,
                ErrorPages errors, Kedjeankare kedjeankare) {

    static Tjanster bygg(Config config, Clock clock, Database database, PasswordHasher hasher) {
        Jdbi jdbi = database.jdbi();
        UserRepository users = new UserRepository(jdbi);
        SessionStore sessions = new SessionStore(jdbi, clock, config.sessionTimeout());
        AuditLog audit = new AuditLog(jdbi, clock);
        WebContext web = new WebContext(new Csrf(hemlighet(jdbi, "csrf")), config.secureCookies(), clock);
        Renderer renderer = new Renderer(config.devTemplates(), web);
        DeltagareAccess access = new DeltagareAccess(new AtkomstRepository(jdbi), audit, web::messages);
        Datautgava datautgava = new Datautgava(database);
        WebSecurity security = new WebSecurity(web, sessions, users, audit, config.secureCookies(), access,
                datautgava);
        ErrorPages errors = new ErrorPages(renderer, web);
        LoginThrottle throttle = new LoginThrottle(jdbi, clock);
        return new Tjanster(config, clock, database, jdbi, hasher, users, sessions, throttle, audit, web, renderer,
                access, datautgava, security, errors, new Kedjeankare(config.databaseFile()));
    }

    boolean demo() {
        return config.demo() != Config.DemoMode.NONE;
    }

    /** A random secret made once and kept in the database, so tokens survive a restart. */
    static byte[] hemlighet(Jdbi jdbi, String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String value = jdbi.inTransaction(h -> {
            h.createUpdate("INSERT OR IGNORE INTO app_secret (namn, varde) VALUES (:n, :v)")
                    .bind("n", name).bind("v", Base64.getEncoder().encodeToString(fresh)).execute();
            return h.createQuery("SELECT varde FROM app_secret WHERE namn = :n").bind("n", name)
                    .mapTo(String.class).one();
        });
        return Base64.getDecoder().decode(value);
    }
}
