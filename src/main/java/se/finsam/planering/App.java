package se.finsam.planering;

import static se.finsam.planering.atkomst.Atkomst.bokning;
import static se.finsam.planering.atkomst.Atkomst.deltagare;
import static se.finsam.planering.atkomst.Atkomst.konto;
import static se.finsam.planering.atkomst.Atkomst.mote;
import static se.finsam.planering.atkomst.Atkomst.overlamning;
import static se.finsam.planering.atkomst.Atkomst.planpunkt;
import static se.finsam.planering.atkomst.Atkomst.uppfoljning;
import static se.finsam.planering.atkomst.Atkomst.utanPerson;
import static se.finsam.planering.atkomst.Roll.ADMIN;
import static se.finsam.planering.atkomst.Roll.DELTAGARE;
import static se.finsam.planering.atkomst.Roll.INLOGGAD;
import static se.finsam.planering.atkomst.Roll.KOORDINATOR;
import static se.finsam.planering.atkomst.Roll.Oppen.ALLA;
import static se.finsam.planering.atkomst.Roll.PERSONAL;
import static se.finsam.planering.atkomst.Roll.STYRGRUPP;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.finsam.planering.audit.Loggkedja;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.audit.Kedjeankare;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.db.Databas;
import se.finsam.planering.db.Datautgava;
import se.finsam.planering.db.Ensamjobb;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.gallring.Gallring;
import se.finsam.planering.kontakt.Telefontid;
import se.finsam.planering.util.Vakt;
import se.finsam.planering.utskick.Kanalinstallning;
import se.finsam.planering.utskick.SmsReturRoutes;
import se.finsam.planering.utskick.Utskicket;
import se.finsam.planering.web.Felsidor;
import se.finsam.planering.web.Ruttabell;
import se.finsam.planering.web.StatiskaFiler;

/**
 * Builds the server: configuration, database, the shared services ({@link Tjanster}), the features
 * ({@link Funktioner}), and the route table with each route's roles and access rule; then starts it.
 */
public final class App {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Javalin javalin;
    private final Databas database;
    private final List<Ruttabell.Route> routes;
    private final ScheduledExecutorService housekeeping;
    private final Handelselogg audit;
    private final Datautgava datautgava;
    private final Kedjeankare kedjeankare;
    private final Utskicket utskick;

    private App(Javalin javalin, Databas database, List<Ruttabell.Route> routes,
                ScheduledExecutorService housekeeping, Handelselogg audit, Datautgava datautgava,
                Kedjeankare kedjeankare, Utskicket utskick) {
        this.kedjeankare = kedjeankare;
        this.utskick = utskick;
        this.audit = audit;
        this.datautgava = datautgava;
        this.javalin = javalin;
        this.database = database;
        this.routes = routes;
        this.housekeeping = housekeeping;
    }

    public static void main(String[] args) {
        Config config = Config.fromEnvironment(System.getenv());
        if (args.length > 0 && args[0].equals(Kommandon.SKAPA_ADMIN)) {
            System.exit(Kommandon.createAdmin(config, args, System.in));
        }
        if (args.length > 0 && args[0].equals(Kommandon.FLYTTA_TILL_POSTGRESQL)) {
            System.exit(Kommandon.flyttaTillPostgresql(args, System.out));
        }
        if (args.length > 0 && args[0].equals(Kommandon.KONTROLLERA_LOGG)) {
            System.exit(Kommandon.kontrolleraLogg(config, args, System.out));
        }
        // A thread that dies of an Error ends the process, so that it is started again rather than left deaf.
        Vakt.installera();
        Kanalinstallning kanaler = Kanalinstallning.fromEnvironment(System.getenv());
        App app = start(config, Clock.system(Config.TIDSZON), kanaler);
        System.out.println();
        System.out.println("FINSAM Planering är igång: " + config.baseUrl() + "  (database " + config.databas()
                + ")");
        System.out.println(kanaler.beskrivning());
        if (config.demo() != Config.DemoMode.NONE) {
            DemoData.loginLines().forEach(line -> System.out.println("  " + line));
        }
        Kommandon.ingenAdministratorRader(app.jdbi()).forEach(System.out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        // Alive but deaf is not allowed either: /health unanswered for about three minutes ends the process.
        Vakt.horHalsan(URI.create("http://127.0.0.1:" + app.port() + "/health"), Duration.ofSeconds(20), 9);
    }

    public static App start(Config config, Clock clock) {
        return start(config, clock, Kanalinstallning.ingen());
    }

    /** Starts the server with the channels messages go out on (none: they are made and kept, not sent). */
    public static App start(Config config, Clock clock, Kanalinstallning kanaler) {
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

        Databas database = Databas.connect(config.databas());
        // Telephone hours written as free text before they had days and times of their own (V29): read once
        // where they can be; a text that cannot be read stays as written and is looked at again next start.
        Telefontid.tolkaFritext(database.jdbi());
        Losenordshash hasher = new Losenordshash();
        // Without demo data the demo classes are not even loaded: start-up does only what it needs.
        if (config.demo() != Config.DemoMode.NONE
                && DemoData.seedIfEmpty(database.jdbi(), clock, config.demo(), hasher)) {
            LOG.info("Seeded demo data ({})", config.demo());
        }
        try {
            forvarmning.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        Tjanster t = Tjanster.bygg(config, clock, database, hasher);
        Funktioner f = Funktioner.bygg(t, kanaler);
        Ruttabell[] table = new Ruttabell[1];
        QueuedThreadPool tradar = tradar(config);
        Javalin javalin = webbserver(t, tradar, r -> {
            table[0] = r;
            rutter(r, t, f);
        });
        javalin.start(config.port());
        // Of several servers on one database, one at a time sends messages and runs the nightly gallring.
        Ensamjobb ensam = new Ensamjobb(t.jdbi(), clock);
        ScheduledExecutorService housekeeping = stadning(t, f.gallringen(), ensam);
        // Messages give way while requests are served or wait for a thread. Waiting alone was too late a sign once
        // pages took a millisecond: under full load the queue was mostly empty and the sender went unpaced.
        f.utskick().avsandare().vikFor(() -> tradar.getQueueSize() + tradar.getUtilizedThreads());
        f.utskick().avsandare().starta(ensam);
        return new App(javalin, database, table[0].all(), housekeeping, t.audit(), t.datautgava(), t.kedjeankare(),
                f.utskick());
    }

    /** Every route: its path, its handler, and who may reach it (roles, and the access rule of its parameters). */
    private static void rutter(Ruttabell r, Tjanster t, Funktioner f) {
        r.get("/health", ctx -> health(t.jdbi(), t.audit(), ctx), ALLA);
        r.get("/", f.hem()::start, ALLA);
        r.get("/utan-nat", t.errors()::utanNat, ALLA);

        r.get("/logga-in", f.auth()::inloggningssida, ALLA);
        r.post("/logga-in", f.auth()::loggaInPersonal, ALLA);
        r.get("/logga-in/deltagare", f.auth()::deltagarInloggningssida, ALLA);
        r.post("/logga-in/deltagare", f.auth()::loggaInDeltagare, ALLA);
        r.get("/aktivera", f.auth()::aktiveringssida, ALLA);
        r.post("/aktivera", f.auth()::aktivera, ALLA);
        r.get("/aktivera/pin", f.auth()::pinSida, DELTAGARE);
        r.post("/aktivera/pin", f.auth()::valjPin, DELTAGARE);
        r.post("/logga-ut", f.auth()::loggaUt, ALLA);
        r.get("/konto", f.konto()::visa, INLOGGAD);
        r.post("/logga-ut/overallt", f.konto()::loggaUtOverallt, INLOGGAD);
        r.post("/sprak", f.auth()::valjSprak, ALLA);
        // Passkeys and the second factor of koordinator and admin.
        r.get("/tvafaktor", f.nyckel()::tvaFaktorSida, KOORDINATOR, ADMIN);
        r.post("/tvafaktor", f.nyckel()::tvaFaktorTotp, KOORDINATOR, ADMIN);
        r.get("/tvafaktor/registrera", f.nyckel()::registreraSida, KOORDINATOR, ADMIN);
        r.post("/tvafaktor/registrera", f.nyckel()::registreraTotp, KOORDINATOR, ADMIN);
        r.post("/api/tvafaktor/nyckel/start", f.nyckel()::tvaFaktorNyckelStart, KOORDINATOR, ADMIN);
        r.post("/api/tvafaktor/nyckel/klar", f.nyckel()::tvaFaktorNyckelKlar, KOORDINATOR, ADMIN);
        r.get("/nyckel/ny", f.nyckel()::erbjudande, DELTAGARE);
        r.post("/api/nyckel/registrera/start", f.nyckel()::registreraStart, INLOGGAD);
        r.post("/api/nyckel/registrera/klar", f.nyckel()::registreraKlar, INLOGGAD);
        r.post("/api/nyckel/logga-in/start", f.nyckel()::loggaInStart, ALLA);
        r.post("/api/nyckel/logga-in/klar", f.nyckel()::loggaInKlar, ALLA);
        r.post("/konto/nyckel/ta-bort", f.konto()::taBortNyckel, INLOGGAD);
        r.post("/konto/pin", f.konto()::pin, DELTAGARE);
        r.get("/konto/meddelanden", f.utskick().personalVal()::sida, PERSONAL);
        r.post("/konto/meddelanden", f.utskick().personalVal()::spara, PERSONAL);
        r.post("/konto/meddelanden/push", f.utskick().push()::pa, PERSONAL);
        r.post("/konto/meddelanden/push/av", f.utskick().push()::av, PERSONAL);

        r.get("/min-planering", f.minPlanering()::plan, DELTAGARE);
        r.post("/min-planering/last", f.minPlanering()::bekraftaLast, DELTAGARE);
        r.post("/min-planering/punkt/{punkt}/klar", f.minPlanering()::egetStegKlart, planpunkt("punkt", "markerade eget steg som klart"), DELTAGARE);
        r.get("/min-planering/kontakter", f.minPlanering()::kontakter, DELTAGARE);
        r.get("/min-planering/mote", f.minPlanering()::mote, DELTAGARE);
        r.get("/min-planering/mote.ics", f.minPlanering()::moteIcs, DELTAGARE);
        r.post("/min-planering/mote/kan-inte-komma", f.minPlanering()::kanInteKomma, DELTAGARE);
        r.get("/min-planering/vem-har-tittat", f.minPlanering()::vemHarTittat, DELTAGARE);
        r.get("/min-planering/enkat/{tillfalle}", f.enkatSvar()::sida, utanPerson("tillfalle", "occasion of a survey, her own invitation"), DELTAGARE);
        r.post("/min-planering/enkat/{tillfalle}", f.enkatSvar()::svara, utanPerson("tillfalle", "occasion of a survey, her own invitation"), DELTAGARE);
        r.get("/min-planering/mina-uppgifter", f.minaUppgifter()::sida, DELTAGARE);
        r.get("/min-planering/mina-uppgifter/alla", f.minaUppgifter()::alla, DELTAGARE);
        r.get("/min-planering/mina-uppgifter/alla.json", f.minaUppgifter()::allaJson, DELTAGARE);
        r.post("/min-planering/mina-uppgifter/rattelse", f.minaUppgifter()::rattelse, DELTAGARE);
        r.get("/min-planering/mina-uppgifter/meddelanden", f.utskick().val()::sida, DELTAGARE);
        r.post("/min-planering/mina-uppgifter/meddelanden", f.utskick().val()::spara, DELTAGARE);
        r.post("/min-planering/mina-uppgifter/meddelanden/push", f.utskick().push()::pa, DELTAGARE);
        r.post("/min-planering/mina-uppgifter/meddelanden/push/av", f.utskick().push()::av, DELTAGARE);
        r.get("/min-planering/mina-uppgifter/samtycke/{organisation}", f.minaUppgifter()::aterkallaSida, utanPerson("organisation", "organisation, one of her own samtycken"), DELTAGARE);
        r.post("/min-planering/mina-uppgifter/samtycke/{organisation}", f.minaUppgifter()::aterkalla, utanPerson("organisation", "organisation, one of her own samtycken"), DELTAGARE);
        r.post("/deltagare/{id}/koordinatoruppgift/{uppgift}/hanterad", f.hem()::uppgiftHanterad, deltagare("id", "hanterade koordinatoruppgift").och(utanPerson("uppgift", "koordinatoruppgift, checked to be the participant's")), KOORDINATOR);
        r.get("/oversikt", f.hem()::personal, PERSONAL);
        r.get("/arbetslista", f.hem()::arbetslista, PERSONAL);
        r.post("/deltagare/{id}/paminnelse", f.hem()::paminnelse, deltagare("id", "skickade påminnelse"), KOORDINATOR);
        r.get("/deltagare/{id}", f.deltagare()::visa, deltagare("id", "deltagarens översikt"), PERSONAL);

        r.get("/uppfoljning", f.uppfoljning()::oversikt, PERSONAL);
        r.get("/deltagare/{id}/uppfoljning", f.uppfoljning()::formular, deltagare("id", "uppföljning"), PERSONAL);
        r.post("/deltagare/{id}/uppfoljning", f.uppfoljning()::spara, deltagare("id", "registrerade uppföljning"), PERSONAL);
        r.post("/api/uppfoljning", f.uppfoljning()::api, PERSONAL);
        r.get("/api/csrf", f.uppfoljning()::csrf, PERSONAL);
        r.get("/offline", f.uppfoljning()::offline, PERSONAL);
        r.post("/uppfoljning/eskalering/{id}/hanterad", f.uppfoljning()::eskaleringHanterad, uppfoljning("id", "eskalering hanterad"), KOORDINATOR);
        r.get("/deltagare/{id}/avslut", f.avslut()::formular, deltagare("id", "avslut"), KOORDINATOR);
        r.post("/deltagare/{id}/avslut", f.avslut()::spara, deltagare("id", "avslutade deltagandet"), KOORDINATOR);
        r.get("/deltagare/{id}/fhir", f.fhir()::bundle, deltagare("id", "planen som FHIR"), KOORDINATOR);
        r.get("/deltagare/{id}/efterkontroll", f.efterkontroll()::formular, deltagare("id", "efterkontroll"), KOORDINATOR);
        r.post("/deltagare/{id}/efterkontroll", f.efterkontroll()::spara, deltagare("id", "registrerade efterkontroll"), KOORDINATOR);
        // Anmälan, meetings and kallelse, meeting mode, överlämning with kvittens, kontaktpersoner.
        r.get("/anmalan", f.anmalan()::ny, PERSONAL);
        r.post("/anmalan", f.anmalan()::skicka, PERSONAL);
        r.get("/deltagare/{id}/inskrivning", f.anmalan()::inskrivning, deltagare("id", "inskrivningsuppgifter"), PERSONAL);
        r.post("/deltagare/{id}/inskrivning", f.anmalan()::sparaInskrivning, deltagare("id", "ändrade inskrivningsuppgifter"), PERSONAL);
        r.get("/moten", f.moten()::kalender, KOORDINATOR);
        r.post("/moten", f.moten()::skapa, KOORDINATOR);
        r.post("/moten/planera", f.moten()::planera, KOORDINATOR);
        r.get("/moten/{id}", f.moten()::visa, mote("id"), PERSONAL);
        r.post("/moten/{id}/boka", f.moten()::boka, mote("id"), KOORDINATOR);
        r.post("/moten/{id}/avboka/{bokning}", f.moten()::avboka, mote("id").och(bokning("bokning", "avbokad från möte")), KOORDINATOR);
        r.post("/moten/{id}/installa", f.moten()::installa, mote("id"), KOORDINATOR);
        r.post("/moten/{id}/narvaro", f.moten()::narvaro, mote("id"), PERSONAL);
        r.post("/moten/{id}/flytta", f.moten()::flytta, mote("id"), KOORDINATOR);
        r.post("/moten/{id}/tolk/{bokning}", f.moten()::tolk, mote("id").och(bokning("bokning", "tolk till mötet")), KOORDINATOR);
        r.post("/moten/{id}/kallelsestatus/{bokning}", f.moten()::kallelsestatus, mote("id").och(bokning("bokning", "kallelsens status")), KOORDINATOR);
        r.get("/moten/{id}/kallelser", f.moten()::kallelser, mote("id"), KOORDINATOR);
        r.post("/moten/{id}/kallelser/utskrivna", f.moten()::kallelserUtskrivna, mote("id"), KOORDINATOR);
        r.get("/moten/{id}/flytta/{bokning}", f.moten()::flyttaBokningSida, mote("id").och(bokning("bokning", "bokning att flytta")), KOORDINATOR);
        r.post("/moten/{id}/flytta/{bokning}", f.moten()::flyttaBokning, mote("id").och(bokning("bokning", "bokning att flytta")), KOORDINATOR);
        r.post("/deltagare/{id}/kodbrev", f.moten()::kodbrev, deltagare("id", "nytt kodbrev"), KOORDINATOR);
        r.get("/kallelse/{id}/mote.ics", f.moten()::kallelseIcs, bokning("id", "kallelse som kalenderfil"), PERSONAL);
        r.get("/kallelse/{id}", f.moten()::kallelse, bokning("id", "kallelse"), PERSONAL);
        r.post("/kallelse/{id}/aktiveringskod", f.moten()::aktiveringskod, bokning("id", "aktiveringskod skapad"), KOORDINATOR);
        r.get("/deltagare/{id}/motelage", f.motelage()::visa, deltagare("id", "mötesläge"), PERSONAL);
        r.post("/deltagare/{id}/motelage", f.motelage()::spara, deltagare("id", "planering sparad"), PERSONAL);
        r.post("/deltagare/{id}/overlamna", f.motelage()::overlamna, deltagare("id", "planering överlämnad"), PERSONAL);
        r.post("/overlamning/{id}/kvittera", f.overlamning()::kvittera, overlamning("id", "överlämning kvitterad"), PERSONAL);
        r.post("/overlamning/{id}/avvisa", f.overlamning()::avvisa, overlamning("id", "överlämning avvisad"), PERSONAL);
        r.get("/deltagare/{id}/kontakter", f.kontakter()::visa, deltagare("id", "kontaktpersoner"), PERSONAL);
        r.post("/deltagare/{id}/kontakter", f.kontakter()::byt, deltagare("id", "kontaktperson ändrad"), PERSONAL);

        r.get("/admin", f.hem()::admin, ADMIN);
        r.get("/admin/konton", f.konto()::adminKonton, ADMIN);
        r.post("/admin/anvandare/{id}/logga-ut", f.konto()::adminLoggaUt, konto("id"), ADMIN);
        r.post("/admin/anvandare/{id}/aterstall-tvafaktor", f.konto()::adminAterstallAndraFaktor, konto("id"), ADMIN);
        // Staff accounts: create with an invitation, change, deactivate, import; the invitation itself.
        r.get("/admin/personal", f.personal()::lista, ADMIN);
        r.get("/admin/personal/ny", f.personal()::ny, ADMIN);
        r.post("/admin/personal/ny", f.personal()::skapa, ADMIN);
        r.get("/admin/personal/import", f.personal()::importSida, ADMIN);
        r.post("/admin/personal/import", f.personal()::granska, ADMIN);
        r.post("/admin/personal/import/spara", f.personal()::importera, ADMIN);
        r.post("/admin/personal/import/lankar.csv", f.personal()::lankarCsv, ADMIN);
        r.get("/admin/personal/{id}", f.personal()::visa, konto("id"), ADMIN);
        r.post("/admin/personal/{id}", f.personal()::andra, konto("id"), ADMIN);
        r.post("/admin/personal/{id}/inaktivera", f.personal()::inaktivera, konto("id"), ADMIN);
        r.post("/admin/personal/{id}/aktivera", f.personal()::aktivera, konto("id"), ADMIN);
        r.post("/admin/personal/{id}/inbjudan", f.personal()::nyInbjudan, konto("id"), ADMIN);
        r.post("/admin/personal/{id}/las-upp", f.personal()::lasUpp, konto("id"), ADMIN);
        r.get("/inbjudan", f.personal()::inbjudanSida, ALLA);
        r.post("/inbjudan", f.personal()::inbjudanSpara, ALLA);
        // Administration of organisations and teams, and what administrators did.
        r.get("/admin/organisationer", f.admin()::organisationer, ADMIN);
        r.get("/admin/organisationer/ny", f.admin()::nyOrganisation, ADMIN);
        r.post("/admin/organisationer", f.admin()::skapaOrganisation, ADMIN);
        r.get("/admin/organisationer/{id}", f.admin()::organisation, utanPerson("id", "organisation"), ADMIN);
        r.post("/admin/organisationer/{id}", f.admin()::andraOrganisation, utanPerson("id", "organisation"), ADMIN);
        r.post("/admin/organisationer/{id}/avaktivera", f.admin()::avaktiveraOrganisation, utanPerson("id", "organisation"), ADMIN);
        r.post("/admin/organisationer/{id}/aktivera", f.admin()::aktiveraOrganisation, utanPerson("id", "organisation"), ADMIN);
        r.get("/admin/team", f.admin()::teamLista, ADMIN);
        r.get("/admin/team/nytt", f.admin()::nyttTeam, ADMIN);
        r.post("/admin/team", f.admin()::skapaTeam, ADMIN);
        r.get("/admin/team/{id}", f.admin()::teamSida, utanPerson("id", "team"), ADMIN);
        r.post("/admin/team/{id}", f.admin()::andraTeam, utanPerson("id", "team"), ADMIN);
        r.post("/admin/team/{id}/avaktivera", f.admin()::avaktiveraTeam, utanPerson("id", "team"), ADMIN);
        r.post("/admin/team/{id}/aktivera", f.admin()::aktiveraTeam, utanPerson("id", "team"), ADMIN);
        r.post("/admin/team/{id}/ta-bort", f.admin()::taBortTeam, utanPerson("id", "team"), ADMIN);
        r.get("/admin/handelser", f.admin()::handelser, ADMIN);
        r.post("/admin/handelser/kontrollera", f.admin()::kontrolleraKedjan, ADMIN);
        r.get("/admin/gallring", f.gallring()::sida, ADMIN);
        r.post("/admin/gallring/installning", f.gallring()::spara, ADMIN);
        r.get("/admin/gallring/kor", f.gallring()::korSida, ADMIN);
        r.post("/admin/gallring/kor", f.gallring()::kor, ADMIN);
        // Participant surveys: the administrator's question sets; results and answers without identity.
        r.get("/admin/enkater", f.enkat()::lista, ADMIN);
        r.post("/admin/enkater/fil", f.enkat()::laddaUpp, ADMIN);
        r.get("/admin/enkater/ny", f.enkat()::ny, ADMIN);
        r.post("/admin/enkater/ny", f.enkat()::skapa, ADMIN);
        r.get("/admin/enkater/{id}", f.enkat()::visa, utanPerson("id", "question set"), ADMIN);
        r.post("/admin/enkater/{id}/aktivera", f.enkat()::aktivera, utanPerson("id", "question set"), ADMIN);
        r.post("/admin/enkater/{id}/stoppa", f.enkat()::stoppa, utanPerson("id", "question set"), ADMIN);
        r.get("/enkater", f.enkat()::resultat, STYRGRUPP, KOORDINATOR);
        r.get("/enkater/svar.csv", f.enkat()::svarCsv, STYRGRUPP, KOORDINATOR);
        r.get("/enkater/svar.xlsx", f.enkat()::svarXlsx, STYRGRUPP, KOORDINATOR);
        r.get("/enkater/resultat.csv", f.enkat()::resultatCsv, STYRGRUPP, KOORDINATOR);
        r.get("/enkater/resultat.xlsx", f.enkat()::resultatXlsx, STYRGRUPP, KOORDINATOR);
        r.get("/admin/kanaler", f.utskick().kanalAdmin()::sida, ADMIN);
        r.post("/admin/kanaler/prov", f.utskick().kanalAdmin()::prov, ADMIN);
        r.get("/statistik", f.statistik()::visa, STYRGRUPP, KOORDINATOR);
        r.get("/statistik/statistik.csv", f.statistik()::csv, STYRGRUPP, KOORDINATOR);
        r.get("/statistik/statistik.xlsx", f.statistik()::xlsx, STYRGRUPP, KOORDINATOR);
        r.get("/statistik/personfil.csv", f.statistik()::personfil, KOORDINATOR);
        r.get("/statistik/import", f.deltagarImport()::sida, KOORDINATOR);
        r.post("/statistik/import", f.deltagarImport()::granska, KOORDINATOR);
        r.post("/statistik/import/spara", f.deltagarImport()::spara, KOORDINATOR);
        r.get("/statistik/import/mall.xlsx", f.deltagarImport()::mallXlsx, KOORDINATOR);
        r.get("/statistik/import/mall.csv", f.deltagarImport()::mallCsv, KOORDINATOR);
        r.get("/statistik/import/koder.csv", f.deltagarImport()::koderCsv, KOORDINATOR);
        r.get("/statistik/personfil.xlsx", f.statistik()::personfil, KOORDINATOR);
        r.get("/statistik/ar/{ar}", f.statistik()::arsida, utanPerson("ar", "a year, or a year with .csv or .xlsx"), STYRGRUPP, KOORDINATOR);
        r.get("/admin/statistikmal", f.statistik()::malSida, ADMIN);
        r.post("/admin/statistikmal", f.statistik()::sparaMal, ADMIN);
        r.get("/utskick", f.utskick().routes()::sida, KOORDINATOR);
        // The SMS gateway's callbacks: their own authentication (basic, FINSAM_SMS_RETUR_LOSENORD), no session.
        r.post(SmsReturRoutes.LEVERANSRAPPORT, f.utskick().retur()::leveransrapport, ALLA);
        r.post(SmsReturRoutes.INKOMMANDE, f.utskick().retur()::inkommande, ALLA);
    }

    /**
     * A few request threads per core, the rest of the requests in line (see Config.standardTradar). A job of
     * Jetty's (the acceptor, a selector, a request) that fails with an Error is caught by the pool and the thread
     * goes on, but an acceptor that is gone is not started again: hand such an Error to the thread's handler,
     * which ends the process in production (Vakt).
     */
    private static QueuedThreadPool tradar(Config config) {
        QueuedThreadPool tradar = new QueuedThreadPool(config.threads(), Math.min(8, config.threads()), 60_000) {
            @Override
            protected void runJob(Runnable job) {
                try {
                    super.runJob(job);
                } catch (VirtualMachineError | LinkageError e) {
                    Vakt.dodligt(e);
                    throw e;
                }
            }
        };
        tradar.setName("JettyServerThreadPool");
        return tradar;
    }

    /** The web server, its threads, its error pages and the checks before every handler; routes from {@code rutter}. */
    private static Javalin webbserver(Tjanster t, QueuedThreadPool tradar, Consumer<Ruttabell> rutter) {
        Config config = t.config();
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = 1_000_000;
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
                Felsidor.writeFatal(response);
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
            cfg.resourceHandler(new StatiskaFiler(config.devTemplates() ? Path.of("web") : null));
            cfg.routes.before(t.security()::before);
            cfg.routes.beforeMatched(t.security()::checkAccess);
            cfg.routes.exception(HttpResponseException.class, t.errors()::httpError);
            cfg.routes.exception(Exception.class, t.errors()::unexpected);
            cfg.routes.error(404, t.errors()::status);
            cfg.routes.error(405, t.errors()::status);

            rutter.accept(new Ruttabell(cfg.routes));
        });
    }

    /** Removes expired sessions, checks the audit chain and the migrations, and runs the nightly gallring. */
    private static ScheduledExecutorService stadning(Tjanster t, Gallring gallring, Ensamjobb ensam) {
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleAtFixedRate(() -> {
            try {
                t.sessions().deleteExpired();
            } catch (RuntimeException e) {
                LOG.warn("Could not remove expired sessions", e);
            } catch (Error e) {
                Vakt.dodligt(e);
            }
        }, 1, 60, TimeUnit.MINUTES);
        // The audit log's hash chain is checked after start-up and then every hour, held to the end noted when
        // it was last whole; the end of a whole chain is noted again outside the database (kontrollera-logg
        // ID:HASH holds the log to it later) and printed in the server log for a copy kept elsewhere.
        housekeeping.scheduleAtFixedRate(() -> {
            try {
                Loggkedja.Resultat kedjan = t.kedjekontroll().kontrollera().resultat();
                if (kedjan.hel()) {
                    LOG.info("{}", kedjan.text());
                } else {
                    LOG.error("{}", kedjan.text());
                }
            } catch (RuntimeException e) {
                LOG.error("Could not check the audit log's hash chain", e);
            } catch (Error e) {
                Vakt.dodligt(e);
            }
        }, 10, 3600, TimeUnit.SECONDS);
        gallring.schemalagg(housekeeping, ensam);
        // Not while the server is still starting: Flyway loads a great many classes.
        housekeeping.schedule(() -> {
            String problem = t.database().kontrollera();
            if (problem != null) {
                migreringsfel = problem;
                LOG.error("The database's migrations do not match this version's files; /health answers 503: {}",
                        problem);
            }
        }, 20, TimeUnit.SECONDS);
        return housekeeping;
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

    /** Set when the applied migrations do not match this version's files (checked after start-up). */
    private static volatile String migreringsfel;

    private static void health(Jdbi jdbi, Handelselogg audit, Context ctx) {
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
    private static void halsa(Context ctx, String status) {
        ctx.contentType("application/json").result("{\"status\":\"" + status + "\"}");
    }

    public int port() {
        return javalin.port();
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public List<Ruttabell.Route> routes() {
        return routes;
    }

    private static final String JETTY_REFERENSER_PER_RAD = "org.eclipse.jetty.util.referencesPerCacheLine";

    /** The audit log, whose writer /health watches. */
    public Handelselogg audit() {
        return audit;
    }

    /** Writes the reads queued for the audit log now (tests read the log right after a request). */
    public void skrivLoggKlar() {
        audit.skrivKlart();
    }

    /** Messages: the outbox and its sender. */
    public Utskicket utskick() {
        return utskick;
    }

    public void stop() {
        // The message in flight is finished (or left to be sent again) before the database closes.
        utskick.avsandare().close();
        housekeeping.shutdownNow();
        javalin.stop();
        // The reads still queued for the audit log are written before the database closes.
        audit.close();
        try {
            kedjeankare.skriv(Handelselogg.kedjansSlut(database.jdbi()));
        } catch (RuntimeException e) {
            LOG.warn("Could not note the audit log's chain end at stop", e);
        }
        datautgava.close();
        database.close();
    }
}
