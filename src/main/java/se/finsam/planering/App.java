package se.finsam.planering;

import se.finsam.planering.atkomst.AtkomstRepository;
import static se.finsam.planering.atkomst.Roll.ADMIN;
import static se.finsam.planering.atkomst.Roll.DELTAGARE;
import static se.finsam.planering.atkomst.Roll.INLOGGAD;
import static se.finsam.planering.atkomst.Roll.KOORDINATOR;
import static se.finsam.planering.atkomst.Roll.Oppen.ALLA;
import static se.finsam.planering.atkomst.Roll.PERSONAL;
import static se.finsam.planering.atkomst.Roll.STYRGRUPP;
import static se.finsam.planering.atkomst.Atkomst.bokning;
import static se.finsam.planering.atkomst.Atkomst.deltagare;
import static se.finsam.planering.atkomst.Atkomst.mote;
import static se.finsam.planering.atkomst.Atkomst.konto;
import static se.finsam.planering.atkomst.Atkomst.overlamning;
import static se.finsam.planering.atkomst.Atkomst.planpunkt;
import static se.finsam.planering.atkomst.Atkomst.uppfoljning;
import static se.finsam.planering.atkomst.Atkomst.utanPerson;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.finsam.planering.anmalan.AnmalanRepository;
import se.finsam.planering.anmalan.AnmalanRoutes;
import se.finsam.planering.audit.AuditKedja;
import se.finsam.planering.audit.AuditLog;
import se.finsam.planering.inloggning.AuthRoutes;
import se.finsam.planering.konto.KontoRepository;
import se.finsam.planering.konto.KontoRoutes;
import se.finsam.planering.auth.LoginThrottle;
import se.finsam.planering.auth.PasswordHasher;
import se.finsam.planering.auth.SessionStore;
import se.finsam.planering.auth.UserRepository;
import se.finsam.planering.db.Database;
import se.finsam.planering.atkomst.DeltagareAccess;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.planering.DeltagareRoutes;
import se.finsam.planering.minplanering.MinPlaneringRepository;
import se.finsam.planering.minplanering.MinPlaneringRoutes;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.hem.HemRepository;
import se.finsam.planering.hem.HemRoutes;
import se.finsam.planering.kontakt.KontaktRepository;
import se.finsam.planering.overlamning.KontaktRoutes;
import se.finsam.planering.mote.MoteRepository;
import se.finsam.planering.mote.MoteRoutes;
import se.finsam.planering.overlamning.OverlamningRepository;
import se.finsam.planering.overlamning.OverlamningRoutes;
import se.finsam.planering.personal.Inbjudningar;
import se.finsam.planering.personal.PersonalRepository;
import se.finsam.planering.personal.PersonalRoutes;
import se.finsam.planering.planering.MotelageRoutes;
import se.finsam.planering.planering.PlaneringEditorRepository;
import se.finsam.planering.planering.PlaneringRepository;
import se.finsam.planering.avslut.AvslutRepository;
import se.finsam.planering.avslut.AvslutRoutes;
import se.finsam.planering.uppfoljning.UppfoljningOversikt;
import se.finsam.planering.uppfoljning.UppfoljningRepository;
import se.finsam.planering.uppfoljning.UppfoljningRoutes;
import se.finsam.planering.web.Csrf;
import se.finsam.planering.web.ErrorPages;
import se.finsam.planering.web.Renderer;
import se.finsam.planering.web.RouteTable;
import se.finsam.planering.web.WebContext;
import se.finsam.planering.web.WebSecurity;

/** Builds the server: configuration, database, and the route table with each route's access rule. */
public final class App {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Javalin javalin;
    private final Database database;
    private final List<RouteTable.Route> routes;
    private final ScheduledExecutorService housekeeping;
    private final AuditLog audit;
    private final se.finsam.planering.db.Datautgava datautgava;

    private App(Javalin javalin, Database database, List<RouteTable.Route> routes,
                ScheduledExecutorService housekeeping, AuditLog audit, se.finsam.planering.db.Datautgava datautgava) {
        this.audit = audit;
        this.datautgava = datautgava;
        this.javalin = javalin;
        this.database = database;
        this.routes = routes;
        this.housekeeping = housekeeping;
    }

    public static void main(String[] args) {
        Config config = Config.fromEnvironment(System.getenv());
        if (args.length > 0 && args[0].equals(SKAPA_ADMIN)) {
            System.exit(createAdmin(config, args, System.in));
        }
        if (args.length > 0 && args[0].equals("kontrollera-logg")) {
            System.exit(kontrolleraLogg(config, args, System.out));
        }
        // A thread that dies of an Error ends the process, so that it is started again rather than left deaf.
        se.finsam.planering.util.Vakt.installera();
        App app = start(config, Clock.system(Config.TIDSZON));
        System.out.println();
        System.out.println("FINSAM Planering är igång: " + config.baseUrl() + "  (database " + config.databaseFile()
                + ")");
        if (config.demo() != Config.DemoMode.NONE) {
            DemoData.loginLines().forEach(line -> System.out.println("  " + line));
        }
        ingenAdministratorRader(app.jdbi()).forEach(System.out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        // Alive but deaf is not allowed either: /health unanswered for about three minutes ends the process.
        se.finsam.planering.util.Vakt.horHalsan(java.net.URI.create("http://127.0.0.1:" + app.port() + "/health"),
                java.time.Duration.ofSeconds(20), 9);
    }

    public static App start(Config config, Clock clock) {
        // Jetty pads its queues to a cache line and, unless told how many references fit in one, asks the
        // platform's management server, which loads and starts JMX and the flight recorder's bean: two
        // hundred classes on the way to the first answer. A line is 64 bytes and a reference 4 (compressed,
        // as on any heap under 32 GB); a wrong guess would only cost some padding, never correctness.
        if (System.getProperty(JETTY_REFERENSER_PER_RAD) == null) {
            System.setProperty(JETTY_REFERENSER_PER_RAD, "16");
        }
        // Most of a start-up is loading classes. What does not need the database is loaded on the second core
        // while this thread opens the database; the thread is waited for before the web server is built.
        Thread forvarmning = forvarm();

        Database database = Database.connect(config.databaseFile());

        Jdbi jdbi = database.jdbi();
        // Telephone hours written as free text before they had days and times of their own (V29): read once
        // where they can be; a text that cannot be read stays as written and is looked at again next start.
        se.finsam.planering.kontakt.Telefontid.tolkaFritext(jdbi);
        PasswordHasher hasher = new PasswordHasher();
        // Without demo data the demo classes are not even loaded: start-up does only what it needs.
        if (config.demo() != Config.DemoMode.NONE && DemoData.seedIfEmpty(jdbi, clock, config.demo(), hasher)) {
            LOG.info("Seeded demo data ({})", config.demo());
        }
        try {
            forvarmning.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }


        UserRepository users = new UserRepository(jdbi);
        SessionStore sessions = new SessionStore(jdbi, clock, config.sessionTimeout());
        AuditLog audit = new AuditLog(jdbi, clock);
        WebContext web = new WebContext(new Csrf(secret(jdbi, "csrf")), config.secureCookies(), clock);
        Renderer renderer = new Renderer(config.devTemplates(), web);
        DeltagareRepository deltagare = new DeltagareRepository(jdbi);
        PlaneringRepository planering = new PlaneringRepository(jdbi);
        DeltagareAccess access = new DeltagareAccess(new AtkomstRepository(jdbi), audit, web::messages);
        se.finsam.planering.db.Datautgava datautgava = new se.finsam.planering.db.Datautgava(database);
        WebSecurity security = new WebSecurity(web, sessions, users, audit, config.secureCookies(), access,
                datautgava);
        ErrorPages errors = new ErrorPages(renderer, web);

        LoginThrottle throttle = new LoginThrottle(jdbi, clock);
        AuthRoutes auth = new AuthRoutes(users, sessions, throttle, hasher, audit, renderer, web, clock,
                new se.finsam.planering.auth.Enhetskaka(secret(jdbi, "enhet")));
        se.finsam.planering.auth.Nycklar nycklar = new se.finsam.planering.auth.Nycklar(jdbi, clock, config.baseUrl());
        se.finsam.planering.auth.Totp totp = new se.finsam.planering.auth.Totp(jdbi, clock);
        KontoRoutes konto = new KontoRoutes(new KontoRepository(jdbi), sessions, users, nycklar, totp, audit, renderer,
                web, clock);
        se.finsam.planering.inloggning.NyckelRoutes nyckel = new se.finsam.planering.inloggning.NyckelRoutes(
                users, sessions, throttle, nycklar, totp, audit, renderer, web, auth,
                config.demo() != Config.DemoMode.NONE);
        PersonalRoutes personal = new PersonalRoutes(new PersonalRepository(jdbi), new Inbjudningar(jdbi, clock),
                sessions, throttle, hasher, audit, renderer, web, clock, config.baseUrl());
        // From anmälan to överlämning.
        KontaktRepository kontakter = new KontaktRepository(jdbi);
        MoteRepository moten = new MoteRepository(jdbi);
        OverlamningRepository overlamningar = new OverlamningRepository(jdbi, kontakter, clock);
        AnmalanRoutes anmalan = new AnmalanRoutes(new AnmalanRepository(jdbi), kontakter, access, audit, renderer, web, clock,
                deltagare);
        MoteRoutes moteRoutes = new MoteRoutes(moten, deltagare, kontakter, access, renderer, web, clock,
                config.baseUrl());
        MotelageRoutes motelage = new MotelageRoutes(new AnmalanRepository(jdbi), deltagare, new PlaneringEditorRepository(jdbi), kontakter,
                moten, overlamningar, access, renderer, web, clock);
        OverlamningRoutes overlamning = new OverlamningRoutes(overlamningar, access, web, clock);
        KontaktRoutes kontaktRoutes = new KontaktRoutes(kontakter, overlamningar, deltagare, access, renderer, web,
                clock);
        UppfoljningRepository uppfoljningar = new UppfoljningRepository(jdbi);
        UppfoljningOversikt uppfoljningOversikt = new UppfoljningOversikt(uppfoljningar);
        se.finsam.planering.statistik.StatistikRoutes statistik = new se.finsam.planering.statistik.StatistikRoutes(
                new se.finsam.planering.statistik.StatistikRepository(jdbi), renderer, web, clock, audit);
        se.finsam.planering.statistik.StatistikRepository statistikRepo = new se.finsam.planering.statistik.StatistikRepository(jdbi);
        se.finsam.planering.deltagarimport.DeltagarImportRoutes deltagarImport = new se.finsam.planering.deltagarimport.DeltagarImportRoutes(
                new se.finsam.planering.deltagarimport.DeltagarImportRepository(jdbi), audit, renderer, web, clock,
                team -> statistikRepo.team(team).stream()
                        .map(t -> new se.finsam.planering.deltagarimport.DeltagarImportRoutes.Team(t.id(), t.namn())).toList());
        se.finsam.planering.deltagare.SamtyckeRepository samtycke = new se.finsam.planering.deltagare.SamtyckeRepository(jdbi);
        se.finsam.planering.gallring.GallringRepository gallringRepo = new se.finsam.planering.gallring.GallringRepository(jdbi);
        se.finsam.planering.gallring.Gallring gallring = new se.finsam.planering.gallring.Gallring(gallringRepo, clock,
                GALLRING_TIMME);
        se.finsam.planering.gallring.GallringRoutes gallringRoutes = new se.finsam.planering.gallring.GallringRoutes(
                gallringRepo, gallring, renderer, web, clock);
        HemRoutes hem = new HemRoutes(new HemRepository(jdbi), deltagare, access, renderer, web, moten, overlamningar, uppfoljningOversikt,
                clock, samtycke);
        DeltagareRoutes deltagareRoutes = new DeltagareRoutes(deltagare, planering, access, renderer, samtycke,
                new se.finsam.planering.anmalan.AnmalanRepository(jdbi));
        se.finsam.planering.minauppgifter.MinaUppgifterRoutes minaUppgifter = new se.finsam.planering.minauppgifter.MinaUppgifterRoutes(
                new se.finsam.planering.minauppgifter.MinaUppgifterRepository(jdbi, samtycke, clock), samtycke, access,
                renderer, web, clock);
        UppfoljningRoutes uppfoljning = new UppfoljningRoutes(moten, uppfoljningar,
                uppfoljningOversikt, deltagare, access, renderer, web, clock,
                datautgava);
        AvslutRoutes avslut = new AvslutRoutes(new AvslutRepository(jdbi), deltagare, access, renderer, web, clock);
        se.finsam.planering.avslut.EfterkontrollRoutes efterkontroll = new se.finsam.planering.avslut.EfterkontrollRoutes(
                new se.finsam.planering.avslut.EfterkontrollRepository(jdbi), deltagare, renderer, web, clock);
        MinPlaneringRoutes minPlanering = new MinPlaneringRoutes(new MinPlaneringRepository(jdbi), deltagare, planering,
                access, renderer, web, clock, config.baseUrl(),
                datautgava);

        se.finsam.planering.admin.AdminRoutes admin = new se.finsam.planering.admin.AdminRoutes(
                new se.finsam.planering.admin.OrganisationRepository(jdbi), new se.finsam.planering.admin.TeamRepository(jdbi),
                new se.finsam.planering.admin.HandelseRepository(jdbi), audit, renderer, web);

        RouteTable[] table = new RouteTable[1];
        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = 1_000_000;
            // A few request threads per core, the rest of the requests in line (see Config.standardTradar).
            // A job of Jetty's (the acceptor, a selector, a request) that fails with an Error is caught by the pool
            // and the thread goes on, but an acceptor that is gone is not started again: hand such an Error to
            // the thread's handler, which ends the process in production (Vakt).
            org.eclipse.jetty.util.thread.QueuedThreadPool tradar = new org.eclipse.jetty.util.thread.QueuedThreadPool(
                    config.threads(), Math.min(8, config.threads()), 60_000) {
                @Override
                protected void runJob(Runnable job) {
                    try {
                        super.runJob(job);
                    } catch (VirtualMachineError | LinkageError e) {
                        se.finsam.planering.util.Vakt.dodligt(e);
                        throw e;
                    }
                }
            };
            tradar.setName("JettyServerThreadPool");
            cfg.jetty.threadPool = tradar;
            // A page (tens of kB) is copied out in 8 kB pieces; with a larger aggregation buffer they leave
            // in one write with the headers instead of one system call each.
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setOutputBufferSize(64 * 1024);
                http.setOutputAggregationSize(64 * 1024);
            });
            cfg.router.ignoreTrailingSlashes = true;
            // Errors (out of memory, a missing class) also get a plain page without internals.
            cfg.router.javaLangErrorHandler((response, error) -> {
                LOG.error("Fatal error while serving a request", error);
                ErrorPages.writeFatal(response);
            });
            if (config.trustProxy()) {
                // Behind the reverse proxy in deploy/: the client is the last address it appended.
                cfg.contextResolver.ip = ctx -> {
                    String forwarded = ctx.header("X-Forwarded-For");
                    if (forwarded == null || forwarded.isBlank()) {
                        return ctx.req().getRemoteAddr();
                    }
                    String[] parts = forwarded.split(",");
                    return parts[parts.length - 1].strip();
                };
            }
            cfg.resourceHandler(new se.finsam.planering.web.StatiskaFiler(
                    config.devTemplates() ? java.nio.file.Path.of("web") : null));
            cfg.routes.before(security::before);
            cfg.routes.beforeMatched(security::checkAccess);
            cfg.routes.exception(HttpResponseException.class, errors::httpError);
            cfg.routes.exception(Exception.class, errors::unexpected);
            cfg.routes.error(404, errors::status);
            cfg.routes.error(405, errors::status);

            RouteTable r = new RouteTable(cfg.routes);
            table[0] = r;
            r.get("/health", ctx -> health(jdbi, audit, ctx), ALLA);
            r.get("/", hem::start, ALLA);
            r.get("/utan-nat", errors::utanNat, ALLA);

            r.get("/logga-in", auth::inloggningssida, ALLA);
            r.post("/logga-in", auth::loggaInPersonal, ALLA);
            r.get("/logga-in/deltagare", auth::deltagarInloggningssida, ALLA);
            r.post("/logga-in/deltagare", auth::loggaInDeltagare, ALLA);
            r.get("/aktivera", auth::aktiveringssida, ALLA);
            r.post("/aktivera", auth::aktivera, ALLA);
            r.get("/aktivera/pin", auth::pinSida, DELTAGARE);
            r.post("/aktivera/pin", auth::valjPin, DELTAGARE);
            r.post("/logga-ut", auth::loggaUt, ALLA);
            r.get("/konto", konto::visa, INLOGGAD);
            r.post("/logga-ut/overallt", konto::loggaUtOverallt, INLOGGAD);
            r.post("/sprak", auth::valjSprak, ALLA);
            // Passkeys and the second factor of koordinator and admin.
            r.get("/tvafaktor", nyckel::tvaFaktorSida, KOORDINATOR, ADMIN);
            r.post("/tvafaktor", nyckel::tvaFaktorTotp, KOORDINATOR, ADMIN);
            r.get("/tvafaktor/registrera", nyckel::registreraSida, KOORDINATOR, ADMIN);
            r.post("/tvafaktor/registrera", nyckel::registreraTotp, KOORDINATOR, ADMIN);
            r.post("/api/tvafaktor/nyckel/start", nyckel::tvaFaktorNyckelStart, KOORDINATOR, ADMIN);
            r.post("/api/tvafaktor/nyckel/klar", nyckel::tvaFaktorNyckelKlar, KOORDINATOR, ADMIN);
            r.get("/nyckel/ny", nyckel::erbjudande, DELTAGARE);
            r.post("/api/nyckel/registrera/start", nyckel::registreraStart, INLOGGAD);
            r.post("/api/nyckel/registrera/klar", nyckel::registreraKlar, INLOGGAD);
            r.post("/api/nyckel/logga-in/start", nyckel::loggaInStart, ALLA);
            r.post("/api/nyckel/logga-in/klar", nyckel::loggaInKlar, ALLA);
            r.post("/konto/nyckel/ta-bort", konto::taBortNyckel, INLOGGAD);
            r.post("/konto/pin", konto::pin, DELTAGARE);

            r.get("/min-planering", minPlanering::plan, DELTAGARE);
            r.post("/min-planering/last", minPlanering::bekraftaLast, DELTAGARE);
            r.post("/min-planering/punkt/{punkt}/klar", minPlanering::egetStegKlart, planpunkt("punkt", "markerade eget steg som klart"), DELTAGARE);
            r.get("/min-planering/kontakter", minPlanering::kontakter, DELTAGARE);
            r.get("/min-planering/mote", minPlanering::mote, DELTAGARE);
            r.get("/min-planering/mote.ics", minPlanering::moteIcs, DELTAGARE);
            r.get("/min-planering/vem-har-tittat", minPlanering::vemHarTittat, DELTAGARE);
            r.get("/min-planering/mina-uppgifter", minaUppgifter::sida, DELTAGARE);
            r.get("/min-planering/mina-uppgifter/alla", minaUppgifter::alla, DELTAGARE);
            r.get("/min-planering/mina-uppgifter/alla.json", minaUppgifter::allaJson, DELTAGARE);
            r.post("/min-planering/mina-uppgifter/rattelse", minaUppgifter::rattelse, DELTAGARE);
            r.get("/min-planering/mina-uppgifter/samtycke/{organisation}", minaUppgifter::aterkallaSida, utanPerson("organisation", "organisation, one of her own samtycken"), DELTAGARE);
            r.post("/min-planering/mina-uppgifter/samtycke/{organisation}", minaUppgifter::aterkalla, utanPerson("organisation", "organisation, one of her own samtycken"), DELTAGARE);
            r.post("/deltagare/{id}/koordinatoruppgift/{uppgift}/hanterad", hem::uppgiftHanterad, deltagare("id", "hanterade koordinatoruppgift").och(utanPerson("uppgift", "koordinatoruppgift, checked to be the participant's")), KOORDINATOR);
            r.get("/oversikt", hem::personal, PERSONAL);
            r.get("/deltagare/{id}", deltagareRoutes::visa, deltagare("id", "deltagarens översikt"), PERSONAL);

            r.get("/uppfoljning", uppfoljning::oversikt, PERSONAL);
            r.get("/deltagare/{id}/uppfoljning", uppfoljning::formular, deltagare("id", "uppföljning"), PERSONAL);
            r.post("/deltagare/{id}/uppfoljning", uppfoljning::spara, deltagare("id", "registrerade uppföljning"), PERSONAL);
            r.post("/api/uppfoljning", uppfoljning::api, PERSONAL);
            r.get("/api/csrf", uppfoljning::csrf, PERSONAL);
            r.get("/offline", uppfoljning::offline, PERSONAL);
            r.post("/uppfoljning/eskalering/{id}/hanterad", uppfoljning::eskaleringHanterad, uppfoljning("id", "eskalering hanterad"), KOORDINATOR);
            r.get("/deltagare/{id}/avslut", avslut::formular, deltagare("id", "avslut"), KOORDINATOR);
            r.post("/deltagare/{id}/avslut", avslut::spara, deltagare("id", "avslutade deltagandet"), KOORDINATOR);
            r.get("/deltagare/{id}/fhir", new se.finsam.planering.fhir.FhirRoutes(new se.finsam.planering.fhir.FhirRepository(jdbi), web, clock)::bundle, deltagare("id", "planen som FHIR"), KOORDINATOR);
            r.get("/deltagare/{id}/efterkontroll", efterkontroll::formular, deltagare("id", "efterkontroll"), KOORDINATOR);
            r.post("/deltagare/{id}/efterkontroll", efterkontroll::spara, deltagare("id", "registrerade efterkontroll"), KOORDINATOR);
            // Anmälan, meetings and kallelse, meeting mode, överlämning with kvittens, kontaktpersoner.
            r.get("/anmalan", anmalan::ny, PERSONAL);
            r.post("/anmalan", anmalan::skicka, PERSONAL);
            r.get("/deltagare/{id}/inskrivning", anmalan::inskrivning, deltagare("id", "inskrivningsuppgifter"), PERSONAL);
            r.post("/deltagare/{id}/inskrivning", anmalan::sparaInskrivning, deltagare("id", "ändrade inskrivningsuppgifter"), PERSONAL);
            r.get("/moten", moteRoutes::kalender, KOORDINATOR);
            r.post("/moten", moteRoutes::skapa, KOORDINATOR);
            r.post("/moten/planera", moteRoutes::planera, KOORDINATOR);
            r.get("/moten/{id}", moteRoutes::visa, mote("id"), PERSONAL);
            r.post("/moten/{id}/boka", moteRoutes::boka, mote("id"), KOORDINATOR);
            r.post("/moten/{id}/avboka/{bokning}", moteRoutes::avboka, mote("id").och(bokning("bokning", "avbokad från möte")), KOORDINATOR);
            r.post("/moten/{id}/installa", moteRoutes::installa, mote("id"), KOORDINATOR);
            r.post("/moten/{id}/narvaro", moteRoutes::narvaro, mote("id"), PERSONAL);
            r.post("/moten/{id}/flytta", moteRoutes::flytta, mote("id"), KOORDINATOR);
            r.get("/moten/{id}/flytta/{bokning}", moteRoutes::flyttaBokningSida, mote("id").och(bokning("bokning", "bokning att flytta")), KOORDINATOR);
            r.post("/moten/{id}/flytta/{bokning}", moteRoutes::flyttaBokning, mote("id").och(bokning("bokning", "bokning att flytta")), KOORDINATOR);
            r.post("/deltagare/{id}/kodbrev", moteRoutes::kodbrev, deltagare("id", "nytt kodbrev"), KOORDINATOR);
            r.get("/kallelse/{id}/mote.ics", moteRoutes::kallelseIcs, bokning("id", "kallelse som kalenderfil"), PERSONAL);
            r.get("/kallelse/{id}", moteRoutes::kallelse, bokning("id", "kallelse"), PERSONAL);
            r.post("/kallelse/{id}/aktiveringskod", moteRoutes::aktiveringskod, bokning("id", "aktiveringskod skapad"), KOORDINATOR);
            r.get("/deltagare/{id}/motelage", motelage::visa, deltagare("id", "mötesläge"), PERSONAL);
            r.post("/deltagare/{id}/motelage", motelage::spara, deltagare("id", "planering sparad"), PERSONAL);
            r.post("/deltagare/{id}/overlamna", motelage::overlamna, deltagare("id", "planering överlämnad"), PERSONAL);
            r.post("/overlamning/{id}/kvittera", overlamning::kvittera, overlamning("id", "överlämning kvitterad"), PERSONAL);
            r.post("/overlamning/{id}/avvisa", overlamning::avvisa, overlamning("id", "överlämning avvisad"), PERSONAL);
            r.get("/deltagare/{id}/kontakter", kontaktRoutes::visa, deltagare("id", "kontaktpersoner"), PERSONAL);
            r.post("/deltagare/{id}/kontakter", kontaktRoutes::byt, deltagare("id", "kontaktperson ändrad"), PERSONAL);

            r.get("/admin", hem::admin, ADMIN);
            r.get("/admin/konton", konto::adminKonton, ADMIN);
            r.post("/admin/anvandare/{id}/logga-ut", konto::adminLoggaUt, konto("id"), ADMIN);
            r.post("/admin/anvandare/{id}/aterstall-tvafaktor", konto::adminAterstallAndraFaktor, konto("id"), ADMIN);
            // Staff accounts: create with an invitation, change, deactivate, import; the invitation itself.
            r.get("/admin/personal", personal::lista, ADMIN);
            r.get("/admin/personal/ny", personal::ny, ADMIN);
            r.post("/admin/personal/ny", personal::skapa, ADMIN);
            r.get("/admin/personal/import", personal::importSida, ADMIN);
            r.post("/admin/personal/import", personal::granska, ADMIN);
            r.post("/admin/personal/import/spara", personal::importera, ADMIN);
            r.post("/admin/personal/import/lankar.csv", personal::lankarCsv, ADMIN);
            r.get("/admin/personal/{id}", personal::visa, konto("id"), ADMIN);
            r.post("/admin/personal/{id}", personal::andra, konto("id"), ADMIN);
            r.post("/admin/personal/{id}/inaktivera", personal::inaktivera, konto("id"), ADMIN);
            r.post("/admin/personal/{id}/aktivera", personal::aktivera, konto("id"), ADMIN);
            r.post("/admin/personal/{id}/inbjudan", personal::nyInbjudan, konto("id"), ADMIN);
            r.post("/admin/personal/{id}/las-upp", personal::lasUpp, konto("id"), ADMIN);
            r.get("/inbjudan", personal::inbjudanSida, ALLA);
            r.post("/inbjudan", personal::inbjudanSpara, ALLA);
            // Administration of organisations and teams, and what administrators did.
            r.get("/admin/organisationer", admin::organisationer, ADMIN);
            r.get("/admin/organisationer/ny", admin::nyOrganisation, ADMIN);
            r.post("/admin/organisationer", admin::skapaOrganisation, ADMIN);
            r.get("/admin/organisationer/{id}", admin::organisation, utanPerson("id", "organisation"), ADMIN);
            r.post("/admin/organisationer/{id}", admin::andraOrganisation, utanPerson("id", "organisation"), ADMIN);
            r.post("/admin/organisationer/{id}/avaktivera", admin::avaktiveraOrganisation, utanPerson("id", "organisation"), ADMIN);
            r.post("/admin/organisationer/{id}/aktivera", admin::aktiveraOrganisation, utanPerson("id", "organisation"), ADMIN);
            r.get("/admin/team", admin::teamLista, ADMIN);
            r.get("/admin/team/nytt", admin::nyttTeam, ADMIN);
            r.post("/admin/team", admin::skapaTeam, ADMIN);
            r.get("/admin/team/{id}", admin::teamSida, utanPerson("id", "team"), ADMIN);
            r.post("/admin/team/{id}", admin::andraTeam, utanPerson("id", "team"), ADMIN);
            r.post("/admin/team/{id}/avaktivera", admin::avaktiveraTeam, utanPerson("id", "team"), ADMIN);
            r.post("/admin/team/{id}/aktivera", admin::aktiveraTeam, utanPerson("id", "team"), ADMIN);
            r.post("/admin/team/{id}/ta-bort", admin::taBortTeam, utanPerson("id", "team"), ADMIN);
            r.get("/admin/handelser", admin::handelser, ADMIN);
            r.get("/admin/gallring", gallringRoutes::sida, ADMIN);
            r.post("/admin/gallring/installning", gallringRoutes::spara, ADMIN);
            r.get("/admin/gallring/kor", gallringRoutes::korSida, ADMIN);
            r.post("/admin/gallring/kor", gallringRoutes::kor, ADMIN);
            r.get("/statistik", statistik::visa, STYRGRUPP, KOORDINATOR);
            r.get("/statistik/statistik.csv", statistik::csv, STYRGRUPP, KOORDINATOR);
            r.get("/statistik/statistik.xlsx", statistik::xlsx, STYRGRUPP, KOORDINATOR);
            r.get("/statistik/personfil.csv", statistik::personfil, KOORDINATOR);
            r.get("/statistik/import", deltagarImport::sida, KOORDINATOR);
            r.post("/statistik/import", deltagarImport::granska, KOORDINATOR);
            r.post("/statistik/import/spara", deltagarImport::spara, KOORDINATOR);
            r.get("/statistik/import/mall.xlsx", deltagarImport::mallXlsx, KOORDINATOR);
            r.get("/statistik/import/mall.csv", deltagarImport::mallCsv, KOORDINATOR);
            r.get("/statistik/import/koder.csv", deltagarImport::koderCsv, KOORDINATOR);
            r.get("/statistik/personfil.xlsx", statistik::personfil, KOORDINATOR);
        });

        javalin.start(config.port());


        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleAtFixedRate(() -> {
            try {
                sessions.deleteExpired();
                // The chain's end, noted outside the database: kontrollera-logg ID:HASH holds the log to it later.
                String slut = AuditLog.kedjansSlut(jdbi);
                if (slut != null) {
                    LOG.info("Audit log chain ends at {}", slut);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not remove expired sessions", e);
            } catch (Error e) {
                se.finsam.planering.util.Vakt.dodligt(e);
            }
        }, 1, 60, TimeUnit.MINUTES);
        // The audit log's hash chain is checked once after start-up; the administrator's events page checks it
        // again each time it is shown, and so does the command kontrollera-logg.
        housekeeping.schedule(() -> {
            try {
                AuditKedja.Resultat kedjan = AuditLog.kontrolleraKedjan(jdbi);
                if (kedjan.hel()) {
                    LOG.info("{}", kedjan.text());
                } else {
                    LOG.error("{}", kedjan.text());
                }
            } catch (RuntimeException e) {
                LOG.error("Could not check the audit log's hash chain", e);
            }
        }, 10, TimeUnit.SECONDS);
        gallring.schemalagg(housekeeping);
        // Not while the server is still starting: Flyway loads a great many classes.
        housekeeping.schedule(() -> {
            String problem = database.kontrollera();
            if (problem != null) {
                migreringsfel = problem;
                LOG.error("The database's migrations do not match this version's files; /health answers 503: {}",
                        problem);
            }
        }, 20, TimeUnit.SECONDS);
        return new App(javalin, database, table[0].all(), housekeeping, audit, datautgava);
    }

    /**
     * Loads, on a thread of its own, the classes start-up needs that do not depend on the database: Jdbi's
     * flight-recorder support (read at its first statement) and a web server built as this one's is (and
     * thrown away unstarted). Nothing it makes is kept; a failure only costs the time it saves. It touches
     * no class this thread initialises meanwhile (the database's), so neither can wait for the other.
     */
    private static Thread forvarm() {
        Thread thread = new Thread(() -> {
            // Jdbi asks once whether the flight recorder is there; the answer takes a tenth of a second.
            try {
                Class.forName("org.jdbi.v3.core.statement.internal.JfrSupport", true, App.class.getClassLoader());
                Javalin.create(cfg -> {
                    cfg.startup.showJavalinBanner = false;
                    cfg.startup.showOldJavalinVersionWarning = false;
                    cfg.routes.get("/", ctx -> { });
                });
            } catch (Exception | LinkageError e) {
                LOG.debug("Loading classes ahead of need failed; start-up goes on without it", e);
            }
        }, "forvarmning");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * {@code java -jar finsam-planering.jar skapa-admin ANVANDARNAMN "Namn"}: the first administrator of a
     * new installation. The password is read from the console (or one line on standard input).
     */
    static int createAdmin(Config config, String[] args, java.io.InputStream stdin) {
        if (args.length != 3 || !args[1].matches("[a-zA-Z0-9._-]{3,50}") || args[2].isBlank()) {
            System.err.println("Användning: java -jar finsam-planering.jar skapa-admin ANVÄNDARNAMN \"Förnamn Efternamn\"");
            return 2;
        }
        String password;
        if (System.console() != null) {
            char[] typed = System.console().readPassword("Lösenord (minst 12 tecken): ");
            password = typed == null ? "" : new String(typed);
        } else {
            try {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(stdin,
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
                password = line == null ? "" : line;
            } catch (java.io.IOException e) {
                password = "";
            }
        }
        if (password.length() < 12) {
            System.err.println("Lösenordet måste ha minst 12 tecken.");
            return 2;
        }
        try (Database database = Database.connect(config.databaseFile())) {
            UserRepository users = new UserRepository(database.jdbi());
            if (users.findByUsername(args[1]).isPresent()) {
                System.err.println("Användarnamnet finns redan: " + args[1]);
                return 1;
            }
            users.createStaff(args[1], args[2].strip(), se.finsam.planering.atkomst.Roll.ADMIN, null,
                    new PasswordHasher().hash(password), java.time.Instant.now());
            System.out.println("Administratören " + args[1] + " är skapad i " + config.databaseFile());
            return 0;
        }
    }

    /**
     * {@code java -jar finsam-planering.jar kontrollera-logg [ID:HASH ...]}: checks the audit log's hash chain in
     * the database file and prints the result. Each ID:HASH is a row and chain value noted down earlier (the
     * server log prints them), which must still hold. Exit status 0 when the chain is whole, 1 when it breaks,
     * 2 when there is no database or an argument is wrong.
     */
    static int kontrolleraLogg(Config config, String[] args, java.io.PrintStream ut) {
        java.util.Map<Long, byte[]> ankare = new java.util.LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,18}):([0-9a-fA-F]{64})").matcher(args[i]);
            if (!m.matches()) {
                ut.println("Användning: java -jar finsam-planering.jar kontrollera-logg [RAD:HASH ...]"
                        + " (RAD:HASH som serverloggen skrev dem, t.ex. 1234:" + "0".repeat(64) + ")");
                return 2;
            }
            ankare.put(Long.parseLong(m.group(1)), java.util.HexFormat.of().parseHex(m.group(2)));
        }
        if (!java.nio.file.Files.isRegularFile(config.databaseFile())) {
            ut.println("Databasen finns inte: " + config.databaseFile());
            return 2;
        }
        try (Database database = Database.connect(config.databaseFile())) {
            AuditKedja.Resultat kedjan = AuditLog.kontrolleraKedjan(database.jdbi(), ankare);
            ut.println(kedjan.text());
            return kedjan.hel() ? 0 : 1;
        }
    }

    /**
     * What the console says at start while no active administrator exists (a new installation without demo data):
     * how to create the first one. Empty once there is one.
     */
    public static List<String> ingenAdministratorRader(Jdbi jdbi) {
        if (new UserRepository(jdbi).finnsAdministrator()) {
            return List.of();
        }
        return List.of(
                "",
                "Det finns ingen administratör än. Skapa den första (lösenordet frågas efter, minst 12 tecken),",
                "med samma FINSAM_DB som servern:",
                "  java -jar finsam-planering.jar " + SKAPA_ADMIN + " ANVÄNDARNAMN \"Förnamn Efternamn\"",
                "Logga sedan in på /logga-in. Administratören bjuder in alla andra.");
    }

    /** The command that creates the first administrator. */
    public static final String SKAPA_ADMIN = "skapa-admin";

    /** Set when the applied migrations do not match this version's files (checked after start-up). */
    private static volatile String migreringsfel;

    private static void health(Jdbi jdbi, AuditLog audit, io.javalin.http.Context ctx) {
        if (!audit.skrivarenGar()) {
            halsa(ctx.status(503), "granskningsloggens skrivare går inte");
            return;
        }
        if (migreringsfel != null) {
            halsa(ctx.status(503), "databasens migreringar stämmer inte med versionen");
            return;
        }
        try {
            int one = jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            halsa(ctx, one == 1 ? "ok" : "fel");
        } catch (RuntimeException e) {
            LOG.error("Health check: the database does not answer", e);
            halsa(ctx.status(503), "databasen svarar inte");
        }
    }

    /** The health answer, {"status": "..."}: written by hand, so the first request loads no JSON library. */
    private static void halsa(io.javalin.http.Context ctx, String status) {
        ctx.contentType("application/json").result("{\"status\":\"" + status + "\"}");
    }

    /** A random secret made once and kept in the database, so tokens survive a restart. */
    private static byte[] secret(Jdbi jdbi, String name) {
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

    public int port() {
        return javalin.port();
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public List<RouteTable.Route> routes() {
        return routes;
    }

    private static final String JETTY_REFERENSER_PER_RAD = "org.eclipse.jetty.util.referencesPerCacheLine";

    /** The hour (in the clock's time zone) the daily gallring runs: at night, when nobody works. */
    static final int GALLRING_TIMME = 2;

    /** The audit log, whose writer /health watches. */
    public AuditLog audit() {
        return audit;
    }

    /** Writes the reads queued for the audit log now (tests read the log right after a request). */
    public void skrivLoggKlar() {
        audit.skrivKlart();
    }

    public void stop() {
        housekeeping.shutdownNow();
        javalin.stop();
        // The reads still queued for the audit log are written before the database closes.
        audit.close();
        datautgava.close();
        database.close();
    }
}
