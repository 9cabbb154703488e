package se.finsam.planering.demo;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import se.finsam.planering.Config;
import se.finsam.planering.auth.ActivationCodes;
import se.finsam.planering.auth.PasswordHasher;

/**
 * Demo data: five Jobbtorg teams, their staff and deltagare in every stage of the journey, with
 * dates relative to the clock so that the demo always looks current.
 *
 * <p>SMALL is for showing the app (about 60 deltagare, the demo logins see plenty); LARGE is the
 * benchmark data set (10 000 deltagare). Both are generated from a seeded {@link Random}, so the
 * same clock gives the same data. Everything is written in one transaction with batch inserts and
 * only two password hashes are computed, however many users there are.
 */
public final class DemoData {

    public static final String STAFF_PASSWORD = "finsam-demo";
    public static final String DEMO_ACTIVATION_CODE = "DEMO-AKTI-VERA-2026";
    public static final String DEMO_PARTICIPANT_USERNAME = "deltagare";
    public static final String DEMO_PARTICIPANT_PIN = "246810";

    static final int LARGE_COUNT = 10_000;

    /** Lag (2003:1210) om finansiell samordning. */
    private static final long SEED = 20031210L;
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private static final String DEMO_PARTICIPANT_NAME = "Amina Hassan";
    private static final String ACTIVATION_PARTICIPANT_NAME = "Johan Lindqvist";

    private DemoData() {
    }

    /** Seeds only when the database has no organisation rows; returns true if it seeded. */
    public static boolean seedIfEmpty(Jdbi jdbi, Clock clock, Config.DemoMode mode, PasswordHasher hasher) {
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
        boolean small = mode == Config.DemoMode.SMALL;
        return jdbi.inTransaction(handle -> {
            if (hasOrganisations(handle)) {
                return false;
            }
            new Seeder(handle, clock, staffHash, pinHash, small, small ? 0 : LARGE_COUNT).run();
            teamensOrganisationer(handle);
            return true;
        });
    }

    /** Each demo team takes part with the organisations of its members. */
    private static void teamensOrganisationer(org.jdbi.v3.core.Handle handle) {
        handle.execute("""
                INSERT OR IGNORE INTO team_organisation (team_id, organisation_id)
                SELECT DISTINCT m.team_id, a.organisation_id
                FROM team_medlem m JOIN anvandare a ON a.id = m.anvandare_id
                WHERE a.organisation_id IS NOT NULL""");
    }

    /**
     * For the benchmark data set: same as LARGE but with a chosen number of deltagare (LARGE = 10_000).
     *
     * @throws IllegalStateException if the database already has organisations (it would be mixed data)
     */
    public static void seedLarge(Jdbi jdbi, Clock clock, PasswordHasher hasher, int deltagareCount) {
        if (deltagareCount < 0) {
            throw new IllegalArgumentException("deltagareCount must not be negative: " + deltagareCount);
        }
        String staffHash = hasher.hash(STAFF_PASSWORD);
        String pinHash = hasher.hash(DEMO_PARTICIPANT_PIN);
        jdbi.useTransaction(handle -> {
            if (hasOrganisations(handle)) {
                throw new IllegalStateException("The database already has data; seed a new, empty database file.");
            }
            new Seeder(handle, clock, staffHash, pinHash, false, deltagareCount).run();
            teamensOrganisationer(handle);
        });
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

    // ------------------------------------------------------------------------------------------
    // Fixed reference data: organisations, teams and staff
    // ------------------------------------------------------------------------------------------

    private record OrgDef(String kod, String typ, String namn, String kortNamn, String kanHjalpaMed,
                          String telefon, String telefontider, String webbplats, String epostdoman) {
    }

    private static final String AF = "AF";
    private static final String FK = "FK";
    private static final String REGION = "REGION";
    private static final String SOC = "SOC";
    private static final String JOBBTORG = "JOBBTORG";
    /** The authorities that send a representative and hold the ordinary handläggare. */
    private static final List<String> MYNDIGHETER = List.of(AF, FK, REGION, SOC);

    private static final List<OrgDef> ORGS = List.of(
            new OrgDef(AF, "af", "Arbetsförmedlingen", "Arbetsförmedlingen",
                    "Hjälper dig att hitta jobb, praktik eller utbildning och kan ge aktivitetsstöd.",
                    "0771-416 416", "Vardagar 8–16", "https://arbetsformedlingen.se", "arbetsformedlingen.se"),
            new OrgDef(FK, "fk", "Försäkringskassan", "Försäkringskassan",
                    "Betalar ersättning när du är sjuk och hjälper dig tillbaka till arbete efter sjukdom.",
                    "0771-524 524", "Vardagar 8–16", "https://www.forsakringskassan.se", "forsakringskassan.se"),
            new OrgDef(REGION, "region", "Region Stockholm (hälso- och sjukvård)", "Region Stockholm",
                    "Vårdcentralen och psykiatrin hjälper dig med din hälsa och skriver läkarintyg när du behöver.",
                    "1177", "Dygnet runt", "https://www.1177.se", "regionstockholm.se"),
            new OrgDef(SOC, "socialtjanst", "Socialtjänsten (ekonomiskt bistånd)", "Socialtjänsten",
                    "Kan ge dig pengar till det du behöver för att leva när du inte har någon annan inkomst, och hjälp med din ekonomi.",
                    "08-508 000 00", "Mån–fre 9–11", "https://start.stockholm/ekonomiskt-bistand", "stockholm.se"),
            new OrgDef(JOBBTORG, "jobbtorg", "Jobbtorg Stockholm", "Jobbtorg",
                    "Ger dig en jobbcoach, arbetsträning och hjälp med CV och ansökningar på vägen till jobb eller studier.",
                    "08-508 359 00", "Mån–fre 9–16", "https://start.stockholm/jobbtorg", "stockholm.se"));

    private static OrgDef orgDef(String kod) {
        for (OrgDef o : ORGS) {
            if (o.kod().equals(kod)) {
                return o;
            }
        }
        throw new IllegalArgumentException(kod);
    }

    private record TeamDef(String namn, String prefix, String slug, String motesplats, int veckodag,
                           String motestid, String vardcentral) {
    }

    private static final List<TeamDef> TEAMS = List.of(
            new TeamDef("Jobbtorg Kista", "KIS", null, "Kistagången 20 B, plan 4, 164 40 Kista", 2, "09:00",
                    "Kista vårdcentral"),
            new TeamDef("Jobbtorg Farsta", "FAR", "farsta", "Farsta torg 7, 123 47 Farsta", 3, "09:00",
                    "Farsta vårdcentral"),
            new TeamDef("Jobbtorg Skärholmen", "SKH", "skarholmen", "Storholmsgatan 4, 127 48 Skärholmen", 4,
                    "09:00", "Skärholmens vårdcentral"),
            new TeamDef("Jobbtorg Vällingby", "VAL", "vallingby", "Kirunagatan 8, 162 68 Vällingby", 1, "13:00",
                    "Vällingby vårdcentral"),
            new TeamDef("Jobbtorg City", "CIT", "city", "Fleminggatan 20, 112 26 Stockholm", 2, "13:00",
                    "Vårdcentralen Kungsholmen"));

    private record StaffDef(String anvandarnamn, String namn, String roll, String org, String team, String titel,
                            String telefon, String epost, String telefontider) {
    }

    private static final String[] TELEFONTIDER = {
        "Mån–tors 9–11", "Tis och tors 13–15", "Mån–fre 9–10", "Mån och ons 10–12", "Tis–tors 8.30–10"};

    private static final List<StaffDef> STAFF = buildStaff();

    private static List<StaffDef> buildStaff() {
        List<StaffDef> staff = new ArrayList<>();
        TeamDef kista = TEAMS.get(0);
        String k = kista.namn();
        addStaff(staff, "koordinator", "Eva Lindström", "koordinator", JOBBTORG, k, "FINSAM-koordinator");
        addStaff(staff, "handlaggare", "Mikael Öberg", "handlaggare", AF, k, "Arbetsförmedlare");
        addStaff(staff, "fk.handlaggare", "Lena Forsberg", "handlaggare", FK, k,
                "Handläggare, sjukpenning och rehabilitering");
        addStaff(staff, "region.handlaggare", "Nadia Karimi", "handlaggare", REGION, k,
                "Rehabkoordinator, " + kista.vardcentral());
        addStaff(staff, "soc.handlaggare", "Jonas Bergqvist", "handlaggare", SOC, k,
                "Socialsekreterare, ekonomiskt bistånd");
        addStaff(staff, "teamrep.af", "Anders Nyström", "teamrepresentant", AF, k,
                "Arbetsförmedlare, FINSAM-representant");
        addStaff(staff, "teamrep.fk", "Helena Sjöberg", "teamrepresentant", FK, k,
                "Samordnare, FINSAM-representant");
        addStaff(staff, "teamrep.region", "Farah Ahmadi", "teamrepresentant", REGION, k,
                "Kurator, psykiatriska mottagningen Rinkeby-Kista");
        addStaff(staff, "teamrep.soc", "Petra Wikström", "teamrepresentant", SOC, k,
                "Socialsekreterare, FINSAM-representant");
        addStaff(staff, "teamrep.jobbtorg", "Goran Marković", "teamrepresentant", JOBBTORG, k, "Jobbcoach");

        // Per other team: koordinator, one representative per organisation, ordinary handläggare.
        String[][] names = {
            {"Ulrika Sandberg", "Tobias Lund", "Maria Ekholm", "Sanna Virtanen", "Khalid Osman", "Linda Hedlund",
                "Patrik Sundqvist", "Camilla Björk", "Emir Hodžić", "Jenny Åström"},
            {"Ali Reza Mohammadi", "Cecilia Hagström", "Fredrik Blom", "Mirjam Tekle", "Susanne Falk",
                "Daniel Rosén", "Amra Begić", "Johanna Lindgren", "Erik Wallin", "Yasmin El-Sayed"},
            {"Karin Engström", "Hussein Jama", "Annika Dahl", "Martin Sjögren", "Elin Norberg", "Robert Nowak",
                "Therese Lundin", "Gustav Hellström", "Leyla Demir", "Magnus Palm"},
            {"Sofia Brandt", "Oscar Nyberg", "Ingrid Holmberg", "Dalia Mansour", "Henrik Strand", "Mona Abdi",
                "Sebastian Ek", "Lisa Berglund", "Tiina Koskinen", "Viktor Lindahl"}};
        for (int t = 1; t < TEAMS.size(); t++) {
            TeamDef team = TEAMS.get(t);
            String[] n = names[t - 1];
            String slug = team.slug();
            addStaff(staff, "koordinator." + slug, n[0], "koordinator", JOBBTORG, team.namn(), "FINSAM-koordinator");
            addStaff(staff, "teamrep.af." + slug, n[1], "teamrepresentant", AF, team.namn(),
                    "Arbetsförmedlare, FINSAM-representant");
            addStaff(staff, "teamrep.fk." + slug, n[2], "teamrepresentant", FK, team.namn(),
                    "Samordnare, FINSAM-representant");
            addStaff(staff, "teamrep.region." + slug, n[3], "teamrepresentant", REGION, team.namn(),
                    "Kurator, " + team.vardcentral());
            addStaff(staff, "teamrep.soc." + slug, n[4], "teamrepresentant", SOC, team.namn(),
                    "Socialsekreterare, FINSAM-representant");
            addStaff(staff, "teamrep.jobbtorg." + slug, n[5], "teamrepresentant", JOBBTORG, team.namn(), "Jobbcoach");
            addStaff(staff, "handlaggare.af." + slug, n[6], "handlaggare", AF, team.namn(), "Arbetsförmedlare");
            addStaff(staff, "handlaggare.fk." + slug, n[7], "handlaggare", FK, team.namn(), "Handläggare, sjukpenning");
            addStaff(staff, "handlaggare.region." + slug, n[8], "handlaggare", REGION, team.namn(),
                    "Rehabkoordinator, " + team.vardcentral());
            addStaff(staff, "handlaggare.soc." + slug, n[9], "handlaggare", SOC, team.namn(),
                    "Socialsekreterare, ekonomiskt bistånd");
        }
        addStaff(staff, "admin", "Per Almqvist", "admin", null, null,
                "Systemförvaltare, Samordningsförbundet Stockholms stad");
        addStaff(staff, "styrgrupp", "Birgitta Sundin", "styrgrupp", null, null,
                "Förbundschef, Samordningsförbundet Stockholms stad");
        return List.copyOf(staff);
    }

    private static void addStaff(List<StaffDef> staff, String anvandarnamn, String namn, String roll, String org,
                                 String team, String titel) {
        int i = staff.size();
        String telefon = switch (org == null ? "" : org) {
            case AF -> String.format(Locale.ROOT, "010-488 %02d %02d", 10 + i % 90, (i * 37 + 11) % 100);
            case FK -> String.format(Locale.ROOT, "010-116 %02d %02d", 20 + i % 80, (i * 53 + 7) % 100);
            case REGION -> String.format(Locale.ROOT, "08-123 %03d %02d", 410 + i, (i * 29 + 3) % 100);
            default -> String.format(Locale.ROOT, "08-508 %03d %02d", 120 + i * 7 % 800, (i * 41 + 19) % 100);
        };
        String domain = org == null ? "finsamstockholm.se" : orgDef(org).epostdoman();
        String epost = ascii(namn).replace(' ', '.') + "@" + domain;
        staff.add(new StaffDef(anvandarnamn, namn, roll, org, team, titel, telefon, epost,
                TELEFONTIDER[i % TELEFONTIDER.length]));
    }

    /** For e-mail addresses: "Goran Marković" becomes "goran markovic". */
    private static String ascii(String text) {
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.toLowerCase(Locale.ROOT).replace("ø", "o").replaceAll("[^a-z .-]", "");
    }

    // ------------------------------------------------------------------------------------------
    // Participants' names and languages
    // ------------------------------------------------------------------------------------------

    private record Origin(double weight, List<String> kvinnor, List<String> man, List<String> efternamn,
                          String sprak, String tolksprak) {
    }

    private static final Origin SVENSK = new Origin(0.46,
            List.of("Anna", "Maria", "Sara", "Karin", "Emma", "Linnea", "Malin", "Jenny", "Sofia", "Helena", "Ebba",
                    "Therese", "Camilla", "Josefin"),
            List.of("Johan", "Erik", "Mikael", "Daniel", "Anders", "Jonas", "Marcus", "Oskar", "Stefan", "Peter",
                    "Björn", "Niklas", "Tobias", "Patrik"),
            List.of("Lindqvist", "Nilsson", "Svensson", "Johansson", "Andersson", "Karlsson", "Eriksson", "Larsson",
                    "Olsson", "Persson", "Gustafsson", "Pettersson", "Jönsson", "Lindberg", "Axelsson", "Sandberg",
                    "Holm", "Berg", "Nordin", "Lund", "Sjöberg", "Hedlund"),
            null, null);

    private static final List<Origin> ORIGINS = List.of(
            SVENSK,
            new Origin(0.12, List.of("Fatima", "Mariam", "Nour", "Yasmin", "Aisha", "Rana", "Layla", "Huda"),
                    List.of("Ahmed", "Mohammed", "Omar", "Ali", "Khalid", "Samir", "Hassan", "Yousef"),
                    List.of("Ali", "Hassan", "Haddad", "Khalil", "Saleh", "Mansour", "Ibrahim", "Aziz", "Nasser",
                            "Jaber"),
                    "ar", "ar"),
            new Origin(0.10, List.of("Hodan", "Ayan", "Amina", "Sahra", "Fadumo", "Hawa", "Nimco", "Deeqa"),
                    List.of("Abdi", "Mohamed", "Abdirahman", "Hassan", "Ahmed", "Yusuf", "Mahad", "Liban"),
                    List.of("Warsame", "Abdullahi", "Mohamud", "Farah", "Jama", "Osman", "Hussein", "Ali", "Omar",
                            "Nur"),
                    "so", "so"),
            new Origin(0.05, List.of("Rahel", "Saba", "Helen", "Selam", "Feven", "Senait"),
                    List.of("Yonas", "Dawit", "Tesfay", "Filmon", "Michael", "Samuel"),
                    List.of("Haile", "Tesfaye", "Gebremariam", "Tekle", "Berhane", "Kidane", "Yohannes"),
                    "ti", "ti"),
            new Origin(0.07, List.of("Parisa", "Shirin", "Maryam", "Zahra", "Leila", "Nasrin", "Fereshteh"),
                    List.of("Reza", "Hamid", "Ahmad", "Mehdi", "Ali", "Jawad", "Mustafa"),
                    List.of("Rahimi", "Hosseini", "Ahmadi", "Karimi", "Mohammadi", "Sadeghi", "Jafari", "Rezaei"),
                    "fa", "fa"),
            new Origin(0.07, List.of("Jelena", "Amra", "Ana", "Mirela", "Sanela", "Vesna"),
                    List.of("Dragan", "Nikola", "Emir", "Milan", "Zoran", "Adnan"),
                    List.of("Petrović", "Jovanović", "Hodžić", "Mehmedović", "Nikolić", "Begić", "Kovačević",
                            "Marković"),
                    null, "bs"),
            new Origin(0.05, List.of("Elif", "Ayşe", "Zeynep", "Leyla", "Berivan"),
                    List.of("Mehmet", "Mustafa", "Hüseyin", "Kemal", "Serkan"),
                    List.of("Yilmaz", "Kaya", "Demir", "Aydin", "Öztürk", "Çelik"),
                    null, "tr"),
            new Origin(0.03, List.of("Agnieszka", "Ewa", "Katarzyna", "Magdalena"),
                    List.of("Tomasz", "Piotr", "Marek", "Krzysztof"),
                    List.of("Nowak", "Mazur", "Krawczyk", "Zając"),
                    "en", "pl"),
            new Origin(0.02, List.of("Tiina", "Päivi", "Sanna", "Riitta"),
                    List.of("Jari", "Mika", "Timo", "Pekka"),
                    List.of("Virtanen", "Koskinen", "Mäkinen", "Heikkinen", "Laine"),
                    null, "fi"),
            new Origin(0.03, List.of("Carolina", "Daniela", "Valentina", "Paula"),
                    List.of("Juan", "Carlos", "Diego", "Andrés"),
                    List.of("Rodríguez", "González", "Muñoz", "Rojas", "Fernández"),
                    "en", "es"));

    // ------------------------------------------------------------------------------------------
    // Texts. Internal texts read as notes between staff; participant texts are plain and say "du".
    // ------------------------------------------------------------------------------------------

    private static final List<String> MAL = List.of(
            "Jag vill jobba med barn igen.",
            "Jag vill ha ett jobb så att jag kan försörja min familj.",
            "Jag vill må bättre och orka gå upp på morgonen.",
            "Jag vill lära mig bättre svenska så att jag kan jobba som undersköterska.",
            "Jag vill tillbaka till lagerjobbet, kanske på deltid först.",
            "Jag vill börja plugga till elektriker.",
            "Jag vill slippa söka pengar från soc varje månad.",
            "Jag vill hitta ett jobb som jag klarar trots min rygg.",
            "Jag vill få ordning på min ekonomi och sedan börja jobba.",
            "Jag vill jobba i kök, det har jag gjort förut.",
            "Jag vill veta vad jag orkar och få rätt ersättning.",
            "Jag vill köra buss som min pappa gjorde.",
            "Jag vill jobba med datorer.",
            "Jag vill att mina barn ska se att jag har ett jobb att gå till.",
            "Jag vill jobba i butik, gärna med kläder.",
            "Jag vill klara att vara på en praktikplats tre dagar i veckan.",
            "Jag vill ta körkort och sedan söka jobb som chaufför.",
            "Jag vill bli så frisk att jag kan jobba halvtid.");

    private static final List<String> SAMMANFATTNING = List.of(
            "Försörjningsstöd sedan {år}. Värk i rygg och axlar enligt vårdcentralen. Har avbrutit två insatser hos AF. Behöver samordnad bedömning av arbetsförmåga.",
            "Sjukskriven 100 % sedan drygt ett år (utmattning). FK bedömer att rehabilitering behövs före återgång. Oklart vilket stöd AF kan ge.",
            "Etableringsplanen snart slut. Svaga kunskaper i svenska, oklar hälsa (sömnsvårigheter, oro). Risk för glapp mot försörjningsstöd.",
            "Ung vuxen utan fullständiga gymnasiebetyg. Misstänkt npf, ingen utredning gjord. Bor hos förälder, sporadisk kontakt med AF.",
            "Tidigare missbruk, drogfri sedan {år} enligt soc. Behöver arbetsträning i lugn miljö. Skulder hos Kronofogden.",
            "Har pendlat mellan FK och AF i flera år (rundgång). Läkarintyg anger nedsatt arbetsförmåga 50 %. Behövs gemensam bild av vad som är möjligt.",
            "Depression och ångest, behandlas inom psykiatrin. Vill arbeta men orkar inte heltid. Ekonomiskt bistånd sedan {år}.",
            "Ensamstående med tre barn, försörjningsstöd. Smärtproblematik. Önskar arbete inom barnomsorg.",
            "Aktivitetsersättning pga nedsatt arbetsförmåga, vill pröva arbete. Behöver stöd i kontakten med flera myndigheter.",
            "Avskriven från AF:s program pga frånvaro. Soc kräver aktivitet för fortsatt bistånd. Oklart om hälsoskäl ligger bakom frånvaron.");

    private static final List<String> TIDIGARE_INSATSER = List.of(
            "Rusta och matcha (AF) {år}, avbröts efter två månader.",
            "Arbetsträning via Jobbtorg, sex veckor.",
            "Samtalsbehandling inom psykiatrin sedan {år}.",
            "SFI, kurs B avslutad.",
            "Arbetsprövning via FK och AF {år}, avbröts vid sjukskrivning.",
            "Fysioterapi på vårdcentralen, tio tillfällen.",
            "Budget- och skuldrådgivning via socialtjänsten.",
            "Inga tidigare insatser.");

    private static final List<String> TEAMANTECKNING = List.of(
            "Teamet är överens om att läkarbedömning behövs före arbetsträning. FK-rep: sjukpenningen löper till nästa avstämning. Soc fortsätter biståndet under tiden.",
            "AF-rep bedömer att Rusta och matcha kan starta direkt. Risk: tidigare avbrott. Koordinatorn håller tät kontakt första månaden.",
            "Oklart om nedsättningen är varaktig. FK utreder aktivitetsersättning parallellt. Region-rep tar fram underlag från psykiatrin.",
            "Deltagaren verkade trött och orolig. Teamet valde få och små steg. Soc-rep lyfte skuldsituationen, tas upp vid uppföljningen.",
            "Stark motivation. Hindren är främst språket och körkort. AF undersöker yrkessvenska.",
            "Hög risk för rundgång mellan FK och AF. Koordinatorn samordnar och bevakar att överlämningarna kvitteras.",
            "Tolk användes. Deltagaren förstod planen men vill ha den skriftligt på sitt språk. Jobbtorg ordnar det.",
            "Region-rep: väntetid till smärtmottagningen ca tre månader. Teamet föreslår fysioterapi under tiden.");

    private static final List<String> TA_MED = List.of(
            "Ta med legitimation och ditt senaste läkarintyg.",
            "Ta med legitimation. Du får gärna ta med någon du litar på.",
            "Ta med legitimation och brev från Försäkringskassan om du har fått några.",
            "Ta med legitimation och dina betyg om du har dem.");
    private static final String TA_MED_TOLK = "Ta med legitimation. Vi har bokat en tolk till mötet.";

    private record ItemText(String typ, String text) {
    }

    private static final Map<String, List<ItemText>> ITEM_TEXTS = Map.of(
            AF, List.of(
                    new ItemText("rekommendation", "Arbetsförmedlingen går igenom vad du har jobbat med och vad du kan."),
                    new ItemText("rekommendation", "Arbetsförmedlingen ordnar en praktikplats inom det du är intresserad av, först 25 procent."),
                    new ItemText("rekommendation", "Arbetsförmedlingen tar reda på om du kan få ett jobb med lönestöd."),
                    new ItemText("rekommendation", "Arbetsförmedlingen bokar en tid hos en psykolog som tittar på hur du lär dig bäst."),
                    new ItemText("rekommendation", "Arbetsförmedlingen hjälper dig att söka till en yrkesutbildning."),
                    new ItemText("rekommendation", "Arbetsförmedlingen ordnar en arbetsprövning så att du får pröva vad du orkar."),
                    new ItemText("beslut", "Arbetsförmedlingen har beslutat att du får vara med i Rusta och matcha."),
                    new ItemText("beslut", "Arbetsförmedlingen har skrivit in dig som arbetssökande.")),
            FK, List.of(
                    new ItemText("rekommendation", "Försäkringskassan bokar ett möte med dig, din läkare och Arbetsförmedlingen."),
                    new ItemText("rekommendation", "Försäkringskassan tar reda på om du har rätt till aktivitetsersättning."),
                    new ItemText("rekommendation", "Försäkringskassan tar reda på om du kan få rehabiliteringsersättning när du arbetstränar."),
                    new ItemText("rekommendation", "Försäkringskassan förklarar hur sjukpenningen fungerar när du börjar arbetsträna."),
                    new ItemText("rekommendation", "Försäkringskassan tar reda på om du har rätt till sjukersättning."),
                    new ItemText("beslut", "Försäkringskassan har beslutat att du får sjukpenning på halvtid medan du arbetstränar.")),
            REGION, List.of(
                    new ItemText("rekommendation", "Vårdcentralen bokar en tid hos en läkare som bedömer hur mycket du kan arbeta."),
                    new ItemText("rekommendation", "Du får träffa en fysioterapeut en gång i veckan och träna ryggen."),
                    new ItemText("rekommendation", "Psykiatrin bokar ett samtal med dig om din sömn och din oro."),
                    new ItemText("rekommendation", "Vårdcentralen skriver ett nytt läkarintyg till Försäkringskassan."),
                    new ItemText("rekommendation", "Du får gå på samtal hos en kurator på vårdcentralen."),
                    new ItemText("rekommendation", "Vårdcentralen skickar en remiss till en smärtmottagning."),
                    new ItemText("beslut", "Psykiatrin har beslutat att du får en utredning av adhd.")),
            SOC, List.of(
                    new ItemText("beslut", "Socialtjänsten har beslutat att du får försörjningsstöd medan planeringen pågår."),
                    new ItemText("rekommendation", "Socialtjänsten hjälper dig att göra en budget och att kontakta Kronofogden om dina skulder."),
                    new ItemText("rekommendation", "Socialtjänsten hjälper dig att söka en egen bostad."),
                    new ItemText("rekommendation", "Socialtjänsten bokar en tid hos en budget- och skuldrådgivare."),
                    new ItemText("beslut", "Socialtjänsten har beslutat att du får pengar till busskort så att du kan ta dig till praktiken."),
                    new ItemText("rekommendation", "Din socialsekreterare träffar dig en gång i månaden.")),
            JOBBTORG, List.of(
                    new ItemText("rekommendation", "Du får en jobbcoach på Jobbtorg som du träffar varje vecka."),
                    new ItemText("rekommendation", "Jobbtorg erbjuder dig arbetsträning i Jobbtorgs kafé tre förmiddagar i veckan."),
                    new ItemText("rekommendation", "Din jobbcoach hjälper dig att skriva ett CV och ett personligt brev."),
                    new ItemText("rekommendation", "Jobbtorg hjälper dig att hitta en kurs i svenska som passar dig."),
                    new ItemText("rekommendation", "Din jobbcoach följer med dig första dagen på praktikplatsen."),
                    new ItemText("rekommendation", "Jobbtorg hjälper dig att söka till Komvux.")));

    private static final List<String> EGNA_STEG = List.of(
            "Du går på SFI-kursen på tisdagar och torsdagar.",
            "Du ringer vårdcentralen och bokar en tid.",
            "Du skickar ditt läkarintyg till Försäkringskassan.",
            "Du tar en promenad på minst 30 minuter tre gånger i veckan.",
            "Du tar med dina betyg och intyg till din jobbcoach.",
            "Du skriver ner tre jobb som du skulle vilja pröva.",
            "Du anmäler dig till kursen i svenska på Komvux.",
            "Du går till tandläkaren innan praktiken börjar.",
            "Du skaffar BankID så att du kan logga in hos myndigheterna.",
            "Du besöker öppna förskolan en gång och ser hur arbetet går till.");

    /** Why an item is stuck, per responsible organisation ("" = the participant's own step). */
    private static final Map<String, List<String>> FASTNAT_ORSAK = Map.of(
            AF, List.of("Praktikplatsen drog sig ur.", "Handläggaren har slutat och ingen ny är utsedd."),
            FK, List.of("Väntar på beslut från Försäkringskassan sedan sex veckor.",
                    "Handläggaren har slutat och ingen ny är utsedd."),
            REGION, List.of("Ingen läkartid förrän om åtta veckor.", "Lång kö till psykiatrin."),
            SOC, List.of("Handläggaren har slutat och ingen ny är utsedd.", "Väntar på komplettering av ansökan."),
            JOBBTORG, List.of("Ingen ledig plats i arbetsträningen just nu.", "Jobbcoachen har varit sjuk i flera veckor."),
            "", List.of("Deltagaren har inte orkat på grund av sjukdom.", "Deltagaren har inte fått tid på SFI ännu."));

    private static final Map<String, String> AVSLAGEN_ORSAK = Map.of(
            AF, "Arbetsförmedlingen bedömde att insatsen inte är aktuell just nu.",
            FK, "Försäkringskassan bedömde att villkoren för ersättningen inte är uppfyllda.",
            REGION, "Remissen avvisades; vårdcentralen fortsätter behandlingen.",
            SOC, "Ansökan avslogs av socialtjänsten.",
            JOBBTORG, "Platsen i arbetsträningen finns inte längre.");

    private static final List<String> NOTERING_FRAMSTEG = List.of(
            "Du har kommit igång med flera av dina steg. Det går åt rätt håll. Vi ses igen vid nästa uppföljning.",
            "Du har börjat på din praktik och trivs. Nästa gång pratar vi om att öka antalet timmar.",
            "Du har fått en tid hos läkaren. Berätta gärna för oss hur det gick.",
            "Du har haft några tunga veckor. Det är okej att ta det i din egen takt. Ring koordinatorn om något blir svårt.",
            "Du har skickat in dina papper. Nu väntar vi på svar från Försäkringskassan.",
            "Bra jobbat med ditt CV! Din jobbcoach hjälper dig nu att söka jobb.");
    private static final String NOTERING_FASTNAT =
            "Ett av dina steg har stannat upp. Det är inte ditt fel. Koordinatorn kontaktar %s och hör av sig till dig.";
    private static final String NOTERING_FASTNAT_VARD =
            "Vi väntar fortfarande på en tid hos vården. Koordinatorn försöker skynda på och ringer dig när något händer.";
    private static final String NOTERING_FASTNAT_EGET =
            "Ett av dina egna steg har stannat upp. Det är okej. Vi pratar om vad som kan hjälpa dig.";
    private static final String NOTERING_KLART =
            "Du har gjort allt i din planering. Bra jobbat! Nu pratar vi om vad som ska hända sedan.";

    private static final List<String> INTERN_FRAMSTEG = List.of(
            "AF-rep bekräftar att praktikplatsen är klar. Soc fortsätter utbetalningen tills vidare.",
            "FK avvaktar komplettering av läkarintyget. Risk för glapp i ersättningen, koordinatorn bevakar.",
            "Uteblev från ett möte med jobbcoachen. Inget mönster ännu, följs upp.",
            "Socialsekreteraren byts nästa månad. Ny kontaktperson ska registreras.",
            "Samstämmig bild i teamet. Inga hinder just nu.");
    private static final String INTERN_FASTNAT =
            "Punkt fastnat (%s): %s Eskaleras till koordinatorn för kontakt med ansvarig enhet.";

    private static final List<String> NASTA_STEG = List.of(
            "Nästa uppföljning är om ungefär två månader. Koordinatorn ringer dig innan.",
            "Du fortsätter att träffa din jobbcoach varje vecka.",
            "Koordinatorn bokar ett möte med dig, Arbetsförmedlingen och Försäkringskassan.",
            "Ring koordinatorn om du inte har fått en läkartid inom två veckor.");
    private static final String NASTA_STEG_FASTNAT =
            "Koordinatorn kontaktar den som är ansvarig och hör av sig till dig inom en vecka.";

    private static final List<String> SYSSELSATTNING = List.of(
            "Ingen sysselsättning ännu",
            "Arbetsträning 25 % via Jobbtorg",
            "Arbetsträning 50 % i Jobbtorgs kafé",
            "Praktik 50 % på förskola",
            "SFI två dagar i veckan",
            "Rusta och matcha via Arbetsförmedlingen",
            "Sjukskriven 100 %, väntar på bedömning",
            "Studier på Komvux, halvtid");

    private static final List<String[]> EXTERNA_VARDKONTAKTER = List.of(
            new String[] {"Karin Lund", "Läkare, {vc}", "Mån–fre 8–9"},
            new String[] {"Ali Hosseini", "Psykolog, psykiatriska mottagningen", "Tis och tors 9–10"},
            new String[] {"Sanna Ek", "Fysioterapeut, {vc}", "Mån–tors 8–9"});

    // ------------------------------------------------------------------------------------------
    // The generator
    // ------------------------------------------------------------------------------------------

    private enum Stage { ANMALD, KALLAD, PLANERAD, UPPFOLJNING, AVSLUTAD }

    private enum Fate { KLAR, PAGAR, FASTNAT, AVSLAGEN, EJ_PABORJAD }

    /** A hand-written plan item: weeks are counted from the meeting. */
    private record ItemSpec(String org, String typ, String text, int klartVeckor, Fate fate, int fateVeckor,
                            String orsak, boolean statusandring) {
    }

    /** What one participant should look like; anything left null is chosen at random. */
    private static final class Spec {
        final Stage stage;
        String fornamn;
        String efternamn;
        String kon;
        Integer alder;
        boolean spraketSatt;
        String sprak = "sv";
        String tolksprak;
        boolean skyddad;
        String forsorjning;
        String remittent;
        boolean demoLogin;
        boolean activation;
        boolean nyligenOverlamnad;
        boolean kontaktHistorik;
        Integer moteDagarSedan;
        String orsak;
        String mal;
        String sysselsattning;
        List<ItemSpec> items;

        Spec(Stage stage) {
            this.stage = stage;
        }

        Spec namn(String fornamn, String efternamn, String kon) {
            this.fornamn = fornamn;
            this.efternamn = efternamn;
            this.kon = kon;
            return this;
        }

        Spec sprak(String sprak, String tolksprak) {
            this.spraketSatt = true;
            this.sprak = sprak;
            this.tolksprak = tolksprak;
            return this;
        }
    }

    /** Tables in the order their rows are inserted, parents before children. */
    private enum Table {
        ORGANISATION("organisation", "id, kod, typ, namn, kan_hjalpa_med, telefon, telefontider, webbplats"),
        TEAM("team", "id, namn, motesplats, motesveckodag, motestid, motesintervall_veckor, uppfoljning_manader,"
                + " kvittens_arbetsdagar, fastnat_veckor"),
        TEAM_HJALPKONTAKT("team_hjalpkontakt", "team_id, ordning, namn, telefon, beskrivning"),
        ANVANDARE("anvandare", "id, anvandarnamn, namn, roll, organisation_id, titel, telefon, epost, telefontider,"
                + " losenord_hash, pin_hash, sprak, aktiv, skapad"),
        TEAM_MEDLEM("team_medlem", "team_id, anvandare_id"),
        MOTE("mote", "id, team_id, start, slut, plats, status"),
        MOTE_NARVARO("mote_narvaro", "mote_id, anvandare_id, organisation_id, ersattare"),
        DELTAGARE("deltagare", "id, kod, team_id, anvandare_id, fornamn, efternamn, personnummer, fodelsear, kon,"
                + " telefon, epost, sprak, tolkbehov, tolksprak, skyddad_identitet, skapad"),
        SAMTYCKE("samtycke", "id, deltagare_id, organisation_id, givet_datum, hur, aterkallat_datum, registrerad_av"),
        ANMALAN("anmalan", "id, deltagare_id, remitterande_id, remitterande_organisation_id, datum, sammanfattning,"
                + " tidigare_insatser, forsorjning, informerad_om_mote, skapad"),
        KONTAKTPERSON("kontaktperson", "id, deltagare_id, organisation_id, anvandare_id, namn, titel, telefon, epost,"
                + " telefontider, ordinarie_handlaggare, fran_datum, till_datum"),
        MOTE_DELTAGARE("mote_deltagare", "id, mote_id, deltagare_id, tid, ta_med, kallelse_skapad"),
        PLANERING("planering", "id, deltagare_id, mote_id, mal, teamanteckning, version, skapad, andrad, andrad_av,"
                + " overlamnad"),
        PLANPUNKT("planpunkt", "id, planering_id, ordning, text, typ, ansvarig_deltagaren, ansvarig_organisation_id,"
                + " ansvarig_anvandare_id, klart_senast, skapad, borttagen"),
        OVERLAMNING("overlamning", "id, planpunkt_id, till_id, skapad, kvitterad, avvisad, avvisad_orsak"),
        UPPFOLJNING("uppfoljning", "id, uuid, deltagare_id, typ, datum, registrerad, registrerad_av, forsorjning,"
                + " sysselsattning, notering_deltagare, notering_intern, nasta_steg, eskalera, korrigerar_id"),
        UPPFOLJNING_STATUS("uppfoljning_status", "uppfoljning_id, planpunkt_id, status, orsak"),
        AVSLUT("avslut", "id, deltagare_id, datum, orsak, forsorjning, fortsattning_organisation_id,"
                + " fortsattning_ansvarig, nasta_steg, ingen_fortsattning, registrerad, registrerad_av"),
        LASBEKRAFTELSE("lasbekraftelse", "id, deltagare_id, planering_version, last"),
        AKTIVERINGSKOD("aktiveringskod", "id, anvandare_id, kod_hash, skapad, giltig_till, anvand, skapad_av"),
        AUDIT_LOG("audit_log", "id, tid, anvandare_id, handling, deltagare_id, vad, adress");

        final String tableName;
        final String sql;
        final boolean hasId;

        Table(String tableName, String columns) {
            int n = columns.split(",").length;
            this.tableName = tableName;
            this.sql = "INSERT INTO " + tableName + " (" + columns + ") VALUES (" + "?, ".repeat(n - 1) + "?)";
            this.hasId = columns.startsWith("id,");
        }
    }

    /**
     * Buffers rows and writes them with one prepared batch per table. Flushing in {@link Table}
     * order keeps foreign keys valid as long as a parent row is added before its children.
     */
    private static final class Rows {
        private static final int FLUSH_AT = 5_000;
        private final Handle handle;
        private final Map<Table, List<Object[]>> buffers = new EnumMap<>(Table.class);
        private int pending;

        Rows(Handle handle) {
            this.handle = handle;
            for (Table t : Table.values()) {
                buffers.put(t, new ArrayList<>());
            }
        }

        void add(Table table, Object... values) {
            buffers.get(table).add(values);
            if (++pending >= FLUSH_AT) {
                flush();
            }
        }

        void flush() {
            for (Table table : Table.values()) {
                List<Object[]> rows = buffers.get(table);
                if (rows.isEmpty()) {
                    continue;
                }
                try (PreparedBatch batch = handle.prepareBatch(table.sql)) {
                    for (Object[] row : rows) {
                        batch.add(row);
                    }
                    batch.execute();
                }
                rows.clear();
            }
            pending = 0;
        }
    }

    private static final class TeamState {
        final TeamDef def;
        long id;
        long koordinator;
        final Map<String, Long> rep = new HashMap<>();
        /** The ordinary handläggare per organisation (for Jobbtorg: the jobbcoach). */
        final Map<String, Long> ordinarie = new HashMap<>();
        final List<Mote> past = new ArrayList<>();
        final List<Mote> coming = new ArrayList<>();
        int kodNummer;

        TeamState(TeamDef def) {
            this.def = def;
        }
    }

    private static final class Mote {
        long id;
        LocalDate datum;
        LocalDateTime start;
        LocalDateTime slut;
        int bokade;
    }

    private static final class Item {
        long id;
        String org;
        Long ansvarig;
        String typ;
        String text;
        LocalDate klartSenast;
        Fate fate;
        LocalDate fateDatum;
        LocalDate startDatum;
        String orsak;
        boolean borttagen;
        boolean statusandring;
    }

    private static final class Event {
        long id;
        String typ;
        LocalDate datum;
        Instant registrerad;
        long av;
        String forsorjning;
        String sysselsattning;
        String noteringDeltagare;
        String noteringIntern;
        String nastaSteg;
        boolean eskalera;
        Event korrigerar;
        final List<Object[]> statusar = new ArrayList<>();
    }

    private static final class Seeder {
        private final LocalDate today;
        private final Instant now;
        private final Random rnd = new Random(SEED);
        private final String staffHash;
        private final String pinHash;
        private final boolean small;
        private final int count;
        private final Rows rows;
        private final Map<Table, Long> lastId = new EnumMap<>(Table.class);
        private final Map<String, Long> orgIds = new HashMap<>();
        private final Map<String, Long> staffIds = new HashMap<>();
        private final Map<Long, StaffDef> staffById = new HashMap<>();
        private final List<TeamState> teams = new ArrayList<>();
        private final int slotMinuter;
        private int telefonNummer;

        Seeder(Handle handle, Clock clock, String staffHash, String pinHash, boolean small, int count) {
            this.today = LocalDate.now(clock);
            this.now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            this.staffHash = staffHash;
            this.pinHash = pinHash;
            this.small = small;
            this.count = count;
            this.rows = new Rows(handle);
            // Ids are assigned here so that children can refer to rows still in the batch buffer.
            for (Table t : Table.values()) {
                if (t.hasId) {
                    lastId.put(t, handle.createQuery("SELECT coalesce(max(id), 0) FROM " + t.tableName)
                            .mapTo(Long.class).one());
                }
            }
            // A real meeting has a handful of 45-minute slots; the benchmark set packs far more in.
            this.slotMinuter = small ? 45 : 2;
        }

        void run() {
            insertOrganisations();
            insertTeamsAndStaff();
            insertMeetings();
            List<List<Spec>> specs = small ? smallSpecs() : largeSpecs(count);
            for (int t = 0; t < teams.size(); t++) {
                for (Spec spec : specs.get(t)) {
                    participant(teams.get(t), spec);
                }
            }
            rows.flush();
        }

        // --- helpers --------------------------------------------------------------------------

        private long next(Table table) {
            long id = lastId.get(table) + 1;
            lastId.put(table, id);
            return id;
        }

        private int between(int lo, int hi) {
            return lo + rnd.nextInt(hi - lo + 1);
        }

        private boolean chance(double p) {
            return rnd.nextDouble() < p;
        }

        private <T> T pick(List<T> list) {
            return list.get(rnd.nextInt(list.size()));
        }

        @SafeVarargs
        private <T> T pick(T... values) {
            return values[rnd.nextInt(values.length)];
        }

        private String weighted(Object... valuesAndWeights) {
            double total = 0;
            for (int i = 1; i < valuesAndWeights.length; i += 2) {
                total += ((Number) valuesAndWeights[i]).doubleValue();
            }
            double r = rnd.nextDouble() * total;
            for (int i = 0; i < valuesAndWeights.length; i += 2) {
                r -= ((Number) valuesAndWeights[i + 1]).doubleValue();
                if (r < 0) {
                    return (String) valuesAndWeights[i];
                }
            }
            return (String) valuesAndWeights[valuesAndWeights.length - 2];
        }

        private static Instant at(LocalDate date, int hour, int minute) {
            return date.atTime(hour, minute).atZone(ZONE).toInstant();
        }

        private Instant during(LocalDate date) {
            return at(date, between(8, 15), between(0, 59));
        }

        private String withYear(String text) {
            return text.replace("{år}", String.valueOf(today.getYear() - between(1, 5)));
        }

        /** Staff work weekdays: a date on a weekend moves back to the Friday before. */
        private static LocalDate vardag(LocalDate date) {
            return switch (date.getDayOfWeek()) {
                case SATURDAY -> date.minusDays(1);
                case SUNDAY -> date.minusDays(2);
                default -> date;
            };
        }

        private LocalDate min(LocalDate a, LocalDate b) {
            return a.isBefore(b) ? a : b;
        }

        private LocalDate max(LocalDate a, LocalDate b) {
            return a.isAfter(b) ? a : b;
        }

        // --- organisations, teams, staff, meetings --------------------------------------------

        private void insertOrganisations() {
            for (OrgDef o : ORGS) {
                long id = next(Table.ORGANISATION);
                orgIds.put(o.kod(), id);
                rows.add(Table.ORGANISATION, id, o.kod(), o.typ(), o.namn(), o.kanHjalpaMed(), o.telefon(),
                        o.telefontider(), o.webbplats());
            }
        }

        private void insertTeamsAndStaff() {
            Map<String, TeamState> byName = new HashMap<>();
            for (TeamDef def : TEAMS) {
                TeamState team = new TeamState(def);
                team.id = next(Table.TEAM);
                rows.add(Table.TEAM, team.id, def.namn(), def.motesplats(), def.veckodag(), def.motestid(), 2,
                        "1,3,6", 5, 4);
                // Where a participant can turn when her plan is closed and nobody takes over.
                rows.add(Table.TEAM_HJALPKONTAKT, team.id, 1, "1177 Vårdguiden", "1177",
                        "Råd om vård dygnet runt, och hjälp att hitta rätt vårdcentral.");
                rows.add(Table.TEAM_HJALPKONTAKT, team.id, 2, "Stockholms stads växel", "08-508 000 00",
                        "Frågor om ekonomiskt bistånd och annat stöd från kommunen.");
                teams.add(team);
                byName.put(def.namn(), team);
            }
            Instant skapad = at(today.minusMonths(18).withDayOfMonth(1), 8, 0);
            for (StaffDef s : STAFF) {
                long id = next(Table.ANVANDARE);
                staffIds.put(s.anvandarnamn(), id);
                staffById.put(id, s);
                rows.add(Table.ANVANDARE, id, s.anvandarnamn(), s.namn(), s.roll(),
                        s.org() == null ? null : orgIds.get(s.org()), s.titel(), s.telefon(), s.epost(),
                        s.telefontider(), staffHash, null, "sv", 1, skapad);
                if (s.team() == null) {
                    continue;
                }
                TeamState team = byName.get(s.team());
                rows.add(Table.TEAM_MEDLEM, team.id, id);
                switch (s.roll()) {
                    case "koordinator" -> team.koordinator = id;
                    case "teamrepresentant" -> team.rep.put(s.org(), id);
                    case "handlaggare" -> team.ordinarie.put(s.org(), id);
                    default -> {
                    }
                }
            }
            for (TeamState team : teams) {
                team.ordinarie.put(JOBBTORG, team.rep.get(JOBBTORG));
            }
        }

        private void insertMeetings() {
            for (TeamState team : teams) {
                LocalTime tid = LocalTime.parse(team.def.motestid());
                LocalDate anchor = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(team.def.veckodag())));
                for (int k = -30; k <= 4; k++) {
                    Mote mote = new Mote();
                    mote.id = next(Table.MOTE);
                    mote.datum = anchor.plusWeeks(2L * k);
                    mote.start = mote.datum.atTime(tid);
                    mote.slut = mote.start.plusHours(3);
                    String status;
                    if (semester(mote.datum)) {
                        status = "installt";
                    } else if (!mote.datum.isBefore(today)) {
                        status = "planerat";
                        team.coming.add(mote);
                    } else {
                        status = "genomfort";
                        team.past.add(mote);
                    }
                    rows.add(Table.MOTE, mote.id, team.id, mote.start, mote.slut, team.def.motesplats(), status);
                    if (status.equals("genomfort")) {
                        insertAttendance(team, mote);
                    }
                }
            }
        }

        /** The teams do not meet in July or over Christmas and New Year. */
        private static boolean semester(LocalDate date) {
            return date.getMonth() == Month.JULY
                    || (date.getMonth() == Month.DECEMBER && date.getDayOfMonth() >= 22)
                    || (date.getMonth() == Month.JANUARY && date.getDayOfMonth() <= 6);
        }

        private void insertAttendance(TeamState team, Mote mote) {
            rows.add(Table.MOTE_NARVARO, mote.id, team.koordinator, orgIds.get(JOBBTORG), 0);
            for (String org : MYNDIGHETER) {
                double r = rnd.nextDouble();
                if (r < 0.88) {
                    rows.add(Table.MOTE_NARVARO, mote.id, team.rep.get(org), orgIds.get(org), 0);
                } else if (r < 0.96) {
                    rows.add(Table.MOTE_NARVARO, mote.id, team.ordinarie.get(org), orgIds.get(org), 1);
                }
            }
            if (chance(0.6)) {
                rows.add(Table.MOTE_NARVARO, mote.id, team.rep.get(JOBBTORG), orgIds.get(JOBBTORG), 0);
            }
        }

        private Mote nearestPast(TeamState team, LocalDate target) {
            return team.past.stream()
                    .min(Comparator.comparingLong(m -> Math.abs(ChronoUnit.DAYS.between(target, m.datum))))
                    .orElseThrow();
        }

        private Mote pickPast(TeamState team, LocalDate from, LocalDate to) {
            List<Mote> candidates = new ArrayList<>();
            for (Mote m : team.past) {
                if (!m.datum.isBefore(from) && !m.datum.isAfter(to)) {
                    candidates.add(m);
                }
            }
            if (candidates.isEmpty()) {
                return nearestPast(team, to);
            }
            return pickWithRoom(candidates);
        }

        private Mote pickWithRoom(List<Mote> candidates) {
            if (small) {
                List<Mote> free = candidates.stream().filter(m -> m.bokade < 4).toList();
                if (!free.isEmpty()) {
                    return pick(free);
                }
            }
            return pick(candidates);
        }

        // --- who takes part -------------------------------------------------------------------

        private List<List<Spec>> smallSpecs() {
            List<List<Spec>> all = new ArrayList<>();
            // Kista: the demo logins' team, so it gets the most and the hand-made cases.
            List<Spec> kista = new ArrayList<>();
            kista.add(demoParticipant());
            kista.add(activationParticipant());
            Spec ahmed = new Spec(Stage.UPPFOLJNING).namn("Ahmed", "Ali", "man").sprak("ar", "ar");
            ahmed.nyligenOverlamnad = true;
            ahmed.remittent = "handlaggare";
            ahmed.forsorjning = "forsorjningsstod";
            kista.add(ahmed);
            Spec maria = new Spec(Stage.UPPFOLJNING).namn("Maria", "Svensson", "kvinna");
            maria.nyligenOverlamnad = true;
            maria.remittent = "handlaggare";
            maria.forsorjning = "aktivitetsstod";
            kista.add(maria);
            Spec sara = new Spec(Stage.PLANERAD).namn("Sara", "Nilsson", "kvinna");
            sara.remittent = "fk.handlaggare";
            sara.forsorjning = "sjukpenning";
            kista.add(sara);
            Spec dragan = new Spec(Stage.AVSLUTAD).namn("Dragan", "Petrović", "man");
            dragan.orsak = "arbete";
            dragan.remittent = "handlaggare";
            kista.add(dragan);
            Spec skyddad = new Spec(Stage.UPPFOLJNING);
            skyddad.skyddad = true;
            kista.add(skyddad);
            Spec anmald = new Spec(Stage.ANMALD);
            anmald.remittent = "handlaggare";
            kista.add(anmald);
            Spec kallad = new Spec(Stage.KALLAD);
            kallad.remittent = "handlaggare";
            kista.add(kallad);
            kista.add(new Spec(Stage.ANMALD));
            kista.add(new Spec(Stage.ANMALD));
            kista.add(new Spec(Stage.KALLAD));
            kista.add(new Spec(Stage.PLANERAD));
            kista.add(new Spec(Stage.UPPFOLJNING));
            kista.add(new Spec(Stage.UPPFOLJNING));
            kista.add(new Spec(Stage.UPPFOLJNING));
            kista.add(new Spec(Stage.UPPFOLJNING));
            kista.add(avslutad("fortsatt_rehabilitering"));
            kista.add(avslutad("fortsatt_rehabilitering"));
            kista.add(avslutad("avbrutit"));
            all.add(kista);

            String[][] orsaker = {
                {"arbete", "fortsatt_rehabilitering"},
                {"fortsatt_rehabilitering", "studier"},
                {"ratt_ersattning", "arbete"},
                {"flyttat", "fortsatt_rehabilitering"}};
            Spec[] named = {
                new Spec(Stage.UPPFOLJNING).namn("Hodan", "Warsame", "kvinna").sprak("so", "so"),
                new Spec(Stage.KALLAD).namn("Yonas", "Haile", "man").sprak("ti", "ti"),
                new Spec(Stage.UPPFOLJNING).namn("Parisa", "Rahimi", "kvinna").sprak("fa", "fa"),
                new Spec(Stage.PLANERAD).namn("Juan", "Rodríguez", "man").sprak("en", null)};
            for (int t = 1; t < TEAMS.size(); t++) {
                List<Spec> team = new ArrayList<>();
                team.add(named[t - 1]);
                team.add(new Spec(Stage.ANMALD));
                team.add(new Spec(Stage.KALLAD));
                team.add(new Spec(Stage.PLANERAD));
                team.add(new Spec(Stage.UPPFOLJNING));
                team.add(new Spec(Stage.UPPFOLJNING));
                team.add(new Spec(Stage.UPPFOLJNING));
                team.add(avslutad(orsaker[t - 1][0]));
                team.add(avslutad(orsaker[t - 1][1]));
                Stage last = named[t - 1].stage == Stage.KALLAD ? Stage.UPPFOLJNING : Stage.KALLAD;
                Spec s = new Spec(last);
                s.skyddad = t == 1;
                team.add(s);
                all.add(team);
            }
            for (List<Spec> team : all) {
                Collections.shuffle(team, rnd);
            }
            return all;
        }

        private static Spec avslutad(String orsak) {
            Spec s = new Spec(Stage.AVSLUTAD);
            s.orsak = orsak;
            return s;
        }

        private List<List<Spec>> largeSpecs(int total) {
            double[] weights = {0.24, 0.20, 0.20, 0.18, 0.18};
            int[] counts = new int[TEAMS.size()];
            int assigned = 0;
            for (int t = 1; t < counts.length; t++) {
                counts[t] = (int) Math.floor(total * weights[t]);
                assigned += counts[t];
            }
            counts[0] = total - assigned;
            List<List<Spec>> all = new ArrayList<>();
            for (int t = 0; t < counts.length; t++) {
                List<Spec> team = new ArrayList<>();
                if (t == 0 && counts[0] >= 2) {
                    team.add(demoParticipant());
                    team.add(activationParticipant());
                }
                while (team.size() < counts[t]) {
                    Stage stage = Stage.valueOf(weighted("ANMALD", 5, "KALLAD", 6, "PLANERAD", 3,
                            "UPPFOLJNING", 50, "AVSLUTAD", 36));
                    Spec spec = new Spec(stage);
                    spec.skyddad = chance(0.003);
                    team.add(spec);
                }
                Collections.shuffle(team, rnd);
                all.add(team);
            }
            return all;
        }

        /** The participant behind the "deltagare" login: in follow-up, with something done, stuck and late. */
        private Spec demoParticipant() {
            Spec s = new Spec(Stage.UPPFOLJNING).namn("Amina", "Hassan", "kvinna");
            s.alder = 39;
            s.forsorjning = "forsorjningsstod";
            s.remittent = "handlaggare";
            s.demoLogin = true;
            s.kontaktHistorik = true;
            s.moteDagarSedan = 120;
            s.mal = "Jag vill jobba med barn igen.";
            s.sysselsattning = "Praktik 50 % på förskola";
            s.items = List.of(
                    new ItemSpec(AF, "rekommendation",
                            "Arbetsförmedlingen ordnar en praktikplats på en förskola i Kista, 50 procent.",
                            5, Fate.KLAR, 4, null, false),
                    new ItemSpec(null, "eget_steg", "Du anmäler dig till kursen i svenska (SFI) på Komvux i Kista.",
                            3, Fate.KLAR, 2, null, true),
                    new ItemSpec(SOC, "beslut",
                            "Socialtjänsten har beslutat att du får försörjningsstöd medan du är på praktik.",
                            1, Fate.KLAR, 1, null, false),
                    new ItemSpec(REGION, "rekommendation",
                            "Vårdcentralen bokar en tid hos en läkare som ser över värken i dina axlar.",
                            6, Fate.FASTNAT, 8, "Ingen läkartid på vårdcentralen förrän om åtta veckor.", true),
                    new ItemSpec(JOBBTORG, "rekommendation",
                            "Din jobbcoach på Jobbtorg hjälper dig att skriva ett CV för jobb i barnomsorgen.",
                            8, Fate.PAGAR, 0, null, false),
                    new ItemSpec(FK, "rekommendation",
                            "Försäkringskassan och Arbetsförmedlingen tar reda på om du kan få aktivitetsstöd i stället för försörjningsstöd.",
                            22, Fate.PAGAR, 0, null, false));
            return s;
        }

        /** Has been given the demo activation code but has not logged in yet. */
        private Spec activationParticipant() {
            Spec s = new Spec(Stage.KALLAD).namn("Johan", "Lindqvist", "man");
            s.alder = 46;
            s.forsorjning = "sjukpenning";
            s.remittent = "fk.handlaggare";
            s.activation = true;
            return s;
        }

        // --- one participant ------------------------------------------------------------------

        private void participant(TeamState team, Spec spec) {
            String forsorjning = spec.forsorjning != null ? spec.forsorjning : weighted(
                    "forsorjningsstod", 57, "sjukpenning", 21, "etableringsersattning", 8, "aktivitetsstod", 6,
                    "aktivitetsersattning", 5, "rehabiliteringsersattning", 1, "a_kassa", 1, "ingen", 1);

            // Who the participant is.
            String kon = spec.kon != null ? spec.kon : weighted("kvinna", 50, "man", 48.5, "annat", 1.5);
            Origin origin = pickOrigin(forsorjning.equals("etableringsersattning"));
            int alder = spec.alder != null ? spec.alder : pickAge();
            if (forsorjning.equals("aktivitetsersattning") && alder > 29) {
                alder = between(19, 29);
            } else if (forsorjning.equals("etableringsersattning") && alder > 55) {
                alder = between(22, 50);
            }
            List<String> fornamnLista = switch (kon) {
                case "kvinna" -> origin.kvinnor();
                case "man" -> origin.man();
                default -> chance(0.5) ? origin.kvinnor() : origin.man();
            };
            String fornamn = spec.fornamn != null ? spec.fornamn : pick(fornamnLista);
            String efternamn = spec.efternamn != null ? spec.efternamn : pick(origin.efternamn());
            String sprak = spec.sprak;
            String tolksprak = spec.tolksprak;
            if (!spec.spraketSatt && origin.tolksprak() != null) {
                if (origin.sprak() != null && chance(0.3)) {
                    sprak = origin.sprak();
                    tolksprak = chance(0.8) && !origin.sprak().equals("en") ? origin.tolksprak() : null;
                } else if (chance(0.15)) {
                    tolksprak = origin.tolksprak();
                }
            }
            boolean skyddad = spec.skyddad;
            String telefon = null;
            String epost = null;
            if (!skyddad) {
                telefon = chance(0.9) || spec.demoLogin || spec.activation
                        ? String.format(Locale.ROOT, "070-174 06 %02d", 5 + telefonNummer++ % 95) : null;
                epost = chance(0.5) || spec.demoLogin ? ascii(fornamn + "." + efternamn).replace(' ', '.')
                        + "@example.com" : null;
            }

            // Where in the journey: the meeting and the dates around it.
            String orsak = null;
            int uppfoljningarFore = Integer.MAX_VALUE;
            Mote mote = null;
            LocalDate anmalanDatum;
            switch (spec.stage) {
                case ANMALD -> anmalanDatum = vardag(today.minusDays(between(1, 20)));
                case KALLAD -> {
                    List<Mote> soon = team.coming.subList(0, Math.min(3, team.coming.size()));
                    mote = pickWithRoom(soon);
                    anmalanDatum = mote.datum.minusDays(between(14, 35));
                }
                case PLANERAD -> {
                    mote = team.past.get(team.past.size() - 1);
                    anmalanDatum = mote.datum.minusDays(between(14, 35));
                }
                case UPPFOLJNING -> {
                    if (spec.nyligenOverlamnad) {
                        mote = team.past.get(team.past.size() - 1);
                    } else if (spec.moteDagarSedan != null) {
                        mote = nearestPast(team, today.minusDays(spec.moteDagarSedan));
                    } else {
                        mote = pickPast(team, today.minusMonths(11), today.minusDays(1));
                    }
                    anmalanDatum = mote.datum.minusDays(between(14, 35));
                }
                default -> {
                    boolean foreMotet = spec.orsak == null && !small && chance(0.04);
                    orsak = spec.orsak != null ? spec.orsak : foreMotet
                            ? weighted("avbrutit", 2, "flyttat", 1, "felregistrering", 1)
                            : weighted("fortsatt_rehabilitering", 52, "arbete", 24, "studier", 4,
                                    "ratt_ersattning", 6, "arbetssokande", 5, "flyttat", 3, "avbrutit", 3,
                                    "samtycke_aterkallat", 1, "annat", 2);
                    if (foreMotet) {
                        uppfoljningarFore = 0;
                        anmalanDatum = today.minusDays(between(60, 390));
                    } else {
                        uppfoljningarFore = switch (orsak) {
                            case "avbrutit", "flyttat", "samtycke_aterkallat" -> between(1, 2);
                            case "arbete" -> chance(0.3) ? 2 : 3;
                            default -> 3;
                        };
                        int manader = switch (uppfoljningarFore) {
                            case 1 -> 2;
                            case 2 -> 4;
                            default -> 7;
                        };
                        mote = pickPast(team, today.minusMonths(13), today.minusMonths(manader));
                        anmalanDatum = mote.datum.minusDays(between(14, 35));
                    }
                }
            }
            if (!anmalanDatum.isBefore(today)) {
                anmalanDatum = today.minusDays(between(1, 10));
            }
            anmalanDatum = vardag(anmalanDatum);
            Instant skapad = during(anmalanDatum);

            // Referral: who sends the participant depends mostly on what they live on.
            long remittent;
            String remittentOrg;
            if (spec.remittent != null) {
                remittent = staffIds.get(spec.remittent);
                remittentOrg = staffById.get(remittent).org();
            } else {
                remittentOrg = switch (forsorjning) {
                    case "forsorjningsstod" -> weighted(SOC, 60, AF, 25, REGION, 15);
                    case "sjukpenning", "rehabiliteringsersattning" -> weighted(FK, 55, REGION, 45);
                    case "aktivitetsersattning", "sjukersattning" -> FK;
                    case "etableringsersattning", "aktivitetsstod", "a_kassa" -> AF;
                    default -> pick(AF, REGION, SOC);
                };
                remittent = chance(0.8) ? team.ordinarie.get(remittentOrg) : team.rep.get(remittentOrg);
            }

            // Consent: usually all five; sometimes not for FK or the region, never without the referrer's.
            Set<String> samtycken = new LinkedHashSet<>(List.of(AF, FK, REGION, SOC, JOBBTORG));
            if (spec.items == null && spec.remittent == null) {
                if (!remittentOrg.equals(FK) && chance(0.08)) {
                    samtycken.remove(FK);
                }
                if (!remittentOrg.equals(REGION) && chance(0.06)) {
                    samtycken.remove(REGION);
                }
            }

            // The participant's own login, where the demo needs one.
            Long anvandareId = null;
            String namn = fornamn + " " + efternamn;
            if (spec.demoLogin || spec.activation) {
                anvandareId = next(Table.ANVANDARE);
                rows.add(Table.ANVANDARE, anvandareId, spec.demoLogin ? DEMO_PARTICIPANT_USERNAME : null, namn,
                        "deltagare", null, null, telefon, epost, null, null, spec.demoLogin ? pinHash : null,
                        sprak, 1, skapad);
            }

            long deltagareId = next(Table.DELTAGARE);
            String kod = String.format(Locale.ROOT, "%s-%04d", team.def.prefix(), ++team.kodNummer);
            rows.add(Table.DELTAGARE, deltagareId, kod, team.id, anvandareId, skyddad ? null : fornamn,
                    skyddad ? null : efternamn, null, today.getYear() - alder, kon, telefon, epost, sprak,
                    tolksprak == null ? 0 : 1, tolksprak, skyddad ? 1 : 0, skapad);

            if (spec.activation) {
                rows.add(Table.AKTIVERINGSKOD, next(Table.AKTIVERINGSKOD), anvandareId,
                        ActivationCodes.hash(DEMO_ACTIVATION_CODE), now, now.plus(Duration.ofDays(365)), null,
                        remittent);
            }

            rows.add(Table.ANMALAN, next(Table.ANMALAN), deltagareId, remittent, orgIds.get(remittentOrg),
                    anmalanDatum, withYear(pick(SAMMANFATTNING)),
                    chance(0.9) ? withYear(pick(TIDIGARE_INSATSER)) : null, forsorjning,
                    spec.stage == Stage.ANMALD && chance(0.3) ? 0 : 1, skapad);

            contacts(team, spec, deltagareId, samtycken, anmalanDatum, mote);

            if (mote != null) {
                LocalDateTime tid = mote.start.plusMinutes((long) mote.bokade++ * slotMinuter);
                Instant kallelse = during(vardag(min(anmalanDatum.plusDays(between(2, 5)), today.minusDays(1))));
                if (kallelse.isBefore(skapad)) {
                    kallelse = skapad.plusSeconds(3600);
                }
                rows.add(Table.MOTE_DELTAGARE, next(Table.MOTE_DELTAGARE), mote.id, deltagareId, tid,
                        tolksprak != null ? TA_MED_TOLK : pick(TA_MED), kallelse.isBefore(now) ? kallelse : null);
            }

            boolean harPlan = spec.stage == Stage.PLANERAD || spec.stage == Stage.UPPFOLJNING
                    || (spec.stage == Stage.AVSLUTAD && mote != null);
            String forsorjningNu = forsorjning;
            LocalDate senast = anmalanDatum;
            if (harPlan) {
                PlanResult result = plan(team, spec, deltagareId, anvandareId, mote, samtycken, forsorjning,
                        orsak, uppfoljningarFore, tolksprak != null);
                forsorjningNu = result.forsorjning;
                senast = result.senast;
            }
            LocalDate aterkallat = null;
            if (spec.stage == Stage.AVSLUTAD) {
                LocalDate avslutDatum = min(senast.plusDays(between(3, 25)), today.minusDays(1));
                avslutDatum = vardag(max(avslutDatum, senast));
                closure(team, deltagareId, orsak, avslutDatum, forsorjningNu, forsorjning, alder);
                aterkallat = orsak.equals("samtycke_aterkallat") ? avslutDatum : null;
            }

            // Consent is written last, when it is known whether it was withdrawn at the closure.
            LocalDate givet = vardag(anmalanDatum.minusDays(between(0, 5)));
            for (String org : samtycken) {
                String hur = weighted("skriftligt", 70, "digitalt", 20, "muntligt", 10);
                rows.add(Table.SAMTYCKE, next(Table.SAMTYCKE), deltagareId, orgIds.get(org), givet, hur, aterkallat,
                        remittent);
            }
        }

        private Origin pickOrigin(boolean nyanland) {
            double total = 0;
            for (Origin o : ORIGINS) {
                total += nyanland && o == SVENSK ? 0 : o.weight();
            }
            double r = rnd.nextDouble() * total;
            for (Origin o : ORIGINS) {
                r -= nyanland && o == SVENSK ? 0 : o.weight();
                if (r < 0) {
                    return o;
                }
            }
            return ORIGINS.get(ORIGINS.size() - 1);
        }

        /** Skewed to 45–59 and 16–29, as in the evaluations. */
        private int pickAge() {
            return switch (weighted("16-29", 30, "30-44", 25, "45-59", 37, "60-64", 8)) {
                case "16-29" -> between(18, 29);
                case "30-44" -> between(30, 44);
                case "45-59" -> between(45, 59);
                default -> between(60, 64);
            };
        }

        private void contacts(TeamState team, Spec spec, long deltagareId, Set<String> samtycken,
                              LocalDate fran, Mote mote) {
            boolean historik = spec.kontaktHistorik
                    || (mote != null && mote.datum.isBefore(today) && !small && chance(0.08))
                    || (mote != null && mote.datum.isBefore(today) && small && chance(0.12));
            for (String org : samtycken) {
                if (org.equals(REGION) && !spec.demoLogin && chance(0.25)) {
                    String[] ext = pick(EXTERNA_VARDKONTAKTER);
                    rows.add(Table.KONTAKTPERSON, next(Table.KONTAKTPERSON), deltagareId, orgIds.get(org), null,
                            ext[0], ext[1].replace("{vc}", team.def.vardcentral()),
                            String.format(Locale.ROOT, "08-123 %03d %02d", 600 + rnd.nextInt(300), rnd.nextInt(100)),
                            null, ext[2], 1, fran, null);
                    continue;
                }
                LocalDate nyFran = fran;
                if (historik && org.equals(samtycken.contains(FK) ? FK : AF)) {
                    LocalDate byte_ = vardag(min(mote.datum.plusDays(between(14, 60)), today.minusDays(1)));
                    byte_ = max(byte_, fran);
                    boolean fk = org.equals(FK);
                    rows.add(Table.KONTAKTPERSON, next(Table.KONTAKTPERSON), deltagareId, orgIds.get(org), null,
                            fk ? "Peter Åberg" : "Lina Hamid",
                            fk ? "Handläggare, sjukpenning" : "Arbetsförmedlare",
                            fk ? "010-116 47 20" : "010-488 52 31",
                            fk ? "peter.aberg@forsakringskassan.se" : "lina.hamid@arbetsformedlingen.se",
                            "Tis och tors 9–11", 1, fran, byte_);
                    nyFran = byte_;
                }
                rows.add(Table.KONTAKTPERSON, next(Table.KONTAKTPERSON), deltagareId, orgIds.get(org),
                        team.ordinarie.get(org), null, null, null, null, null, 1, nyFran, null);
            }
            // The koordinator is everyone's way into the team, though not an ordinary handläggare.
            rows.add(Table.KONTAKTPERSON, next(Table.KONTAKTPERSON), deltagareId, orgIds.get(JOBBTORG),
                    team.koordinator, null, null, null, null, null, 0, fran, null);
        }

        // --- the plan, its handover and follow-up ---------------------------------------------

        private record PlanResult(String forsorjning, LocalDate senast) {
        }

        private PlanResult plan(TeamState team, Spec spec, long deltagareId, Long anvandareId, Mote mote,
                                Set<String> samtycken, String forsorjning, String orsak, int uppfoljningarFore,
                                boolean tolk) {
            LocalDate m = mote.datum;
            boolean overlamnad = spec.stage != Stage.PLANERAD;
            long planId = next(Table.PLANERING);
            Instant skapad = mote.start.plusMinutes(20L + (long) rnd.nextInt(90)).atZone(ZONE).toInstant();
            Instant overlamnadTid = overlamnad ? mote.slut.atZone(ZONE).toInstant() : null;

            // Follow-ups at 1, 3 and 6 months, as far as time (and a closure) allows.
            List<LocalDate> uppfoljningar = new ArrayList<>();
            if (overlamnad) {
                for (int manader : new int[] {1, 3, 6}) {
                    if (uppfoljningar.size() >= uppfoljningarFore) {
                        break;
                    }
                    LocalDate d = vardag(m.plusMonths(manader).plusDays(spec.demoLogin ? 1 : between(-2, 6)));
                    if (!d.isBefore(today)) {
                        break;
                    }
                    uppfoljningar.add(d);
                }
            }
            // The last recorded day; a closure comes after it, and no event comes after the closure.
            LocalDate senast = uppfoljningar.isEmpty() ? m.plusDays(between(10, 30))
                    : uppfoljningar.get(uppfoljningar.size() - 1);
            LocalDate slutDatum = today;
            if (spec.stage == Stage.AVSLUTAD) {
                senast = min(senast, today.minusDays(1));
                slutDatum = senast.plusDays(1);
            }

            int version = 1;
            Instant andrad = skapad;
            if (spec.demoLogin && uppfoljningar.size() >= 2) {
                version = 2;
                andrad = during(uppfoljningar.get(1));
            } else if (!uppfoljningar.isEmpty() && chance(0.2)) {
                version = 2;
                andrad = during(uppfoljningar.get(0));
            }
            rows.add(Table.PLANERING, planId, deltagareId, mote.id, spec.mal != null ? spec.mal : pick(MAL),
                    tolk && chance(0.5) ? TEAMANTECKNING.get(6) : pick(TEAMANTECKNING), version, skapad, andrad,
                    team.koordinator, overlamnadTid);

            List<Item> items = spec.items != null ? handWritten(team, spec.items, m)
                    : randomItems(team, spec, samtycken, m);
            int ordning = 0;
            for (Item item : items) {
                item.id = next(Table.PLANPUNKT);
                boolean deltagaren = item.org == null;
                item.borttagen = spec.items == null && overlamnad && chance(0.03);
                rows.add(Table.PLANPUNKT, item.id, planId, ++ordning, item.text, item.typ, deltagaren ? 1 : 0,
                        deltagaren ? null : orgIds.get(item.org), item.ansvarig, item.klartSenast, skapad,
                        item.borttagen ? skapad.plusSeconds(25 * 60) : null);
            }

            if (overlamnad) {
                handover(team, spec, items, overlamnadTid, m);
            }
            if (spec.demoLogin) {
                rows.add(Table.LASBEKRAFTELSE, next(Table.LASBEKRAFTELSE), deltagareId, 1,
                        overlamnadTid.plus(Duration.ofDays(2)));
            }

            String forsorjningNu = forsorjning;
            if (overlamnad) {
                forsorjningNu = followUps(team, spec, deltagareId, anvandareId, items, uppfoljningar, slutDatum,
                        forsorjning, orsak);
            }
            if (spec.demoLogin && !uppfoljningar.isEmpty()) {
                LocalDate d = uppfoljningar.get(uppfoljningar.size() - 1);
                audit(d.plusDays(1), staffIds.get("koordinator"), deltagareId, "planering");
                audit(d.plusDays(2), staffIds.get("handlaggare"), deltagareId, "planering");
                audit(d.plusDays(4), staffIds.get("fk.handlaggare"), deltagareId, "kontaktpersoner");
            }
            return new PlanResult(forsorjningNu, senast);
        }

        private void audit(LocalDate datum, long anvandareId, long deltagareId, String vad) {
            datum = vardag(datum);
            if (datum.isBefore(today)) {
                rows.add(Table.AUDIT_LOG, next(Table.AUDIT_LOG), during(datum), anvandareId, "las", deltagareId, vad,
                        null);
            }
        }

        private List<Item> handWritten(TeamState team, List<ItemSpec> specs, LocalDate m) {
            List<Item> items = new ArrayList<>();
            for (ItemSpec s : specs) {
                Item item = new Item();
                item.org = s.org();
                item.ansvarig = s.org() == null ? null : team.ordinarie.get(s.org());
                item.typ = s.typ();
                item.text = s.text();
                item.klartSenast = m.plusWeeks(s.klartVeckor());
                item.fate = s.fate();
                item.fateDatum = vardag(m.plusWeeks(s.fateVeckor()));
                item.startDatum = m.plusDays(3);
                item.orsak = s.orsak();
                item.statusandring = s.statusandring();
                items.add(item);
            }
            return items;
        }

        private List<Item> randomItems(TeamState team, Spec spec, Set<String> samtycken, LocalDate m) {
            int n = small ? between(3, 8) : between(4, 6);
            int egna = n >= 5 && chance(0.3) ? 2 : 1;
            List<String> orgs = new ArrayList<>(samtycken);
            Collections.shuffle(orgs, rnd);
            if (spec.nyligenOverlamnad) {
                orgs.remove(AF);
                orgs.add(0, AF);
            }
            Map<String, List<ItemText>> unused = new HashMap<>();
            List<String> egnaTexter = new ArrayList<>(EGNA_STEG);
            Collections.shuffle(egnaTexter, rnd);
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Item item = new Item();
                if (i >= n - egna) { // the participant's own steps read best last
                    item.typ = "eget_steg";
                    item.text = egnaTexter.get(i % egnaTexter.size());
                } else {
                    item.org = orgs.get(i % orgs.size());
                    List<ItemText> texts = unused.computeIfAbsent(item.org, k -> {
                        List<ItemText> list = new ArrayList<>(ITEM_TEXTS.get(k));
                        Collections.shuffle(list, rnd);
                        return list;
                    });
                    ItemText text = texts.isEmpty() ? pick(ITEM_TEXTS.get(item.org)) : texts.remove(0);
                    item.typ = text.typ();
                    item.text = text.text();
                    item.ansvarig = team.ordinarie.get(item.org);
                }
                fate(item, m);
                items.add(item);
            }
            return items;
        }

        /** How the item goes: the dates are drawn now, and every follow-up reads them off. */
        private void fate(Item item, LocalDate m) {
            item.startDatum = m.plusDays(between(0, 21));
            if (chance(0.6)) {
                item.fate = Fate.KLAR;
                item.fateDatum = vardag(m.plusDays(between(7, 150)));
                item.klartSenast = chance(0.85) ? item.fateDatum.plusDays(between(0, 21))
                        : item.fateDatum.minusDays(between(7, 30));
                if (item.klartSenast.isBefore(m.plusDays(7))) {
                    item.klartSenast = m.plusDays(7);
                }
                item.statusandring = chance(0.3);
            } else {
                item.klartSenast = m.plusDays(between(21, 140));
                item.fate = Fate.valueOf(weighted("PAGAR", 50, "FASTNAT", 25, "AVSLAGEN", 15, "EJ_PABORJAD", 10));
                if (item.fate == Fate.AVSLAGEN && item.org == null) {
                    item.fate = Fate.PAGAR; // nobody rejects the participant's own step
                }
                switch (item.fate) {
                    case FASTNAT -> {
                        item.fateDatum = vardag(m.plusDays(between(25, 120)));
                        item.orsak = pick(FASTNAT_ORSAK.get(item.org == null ? "" : item.org));
                        item.statusandring = chance(0.3);
                    }
                    case AVSLAGEN -> {
                        item.fateDatum = vardag(m.plusDays(between(20, 100)));
                        item.orsak = AVSLAGEN_ORSAK.get(item.org);
                        item.statusandring = chance(0.5);
                    }
                    case EJ_PABORJAD -> item.startDatum = m.plusYears(5);
                    default -> {
                    }
                }
            }
        }

        private void handover(TeamState team, Spec spec, List<Item> items, Instant overlamnad, LocalDate moteDatum) {
            boolean nylig = overlamnad.isAfter(now.minus(Duration.ofDays(14)));
            for (Item item : items) {
                if (item.ansvarig == null || item.borttagen) {
                    continue;
                }
                if (!nylig && !spec.nyligenOverlamnad && spec.items == null && chance(small ? 0.04 : 0.02)) {
                    // "Not mine": the handover goes back and on to the team's representative.
                    Instant avvisad = during(vardag(moteDatum.plusDays(between(1, 3))));
                    Long ny = item.org.equals(JOBBTORG) ? team.koordinator : team.rep.get(item.org);
                    rows.add(Table.OVERLAMNING, next(Table.OVERLAMNING), item.id, item.ansvarig, overlamnad, null,
                            avvisad, "Inte min deltagare längre, har bytt handläggare. Skickas till teamets representant.");
                    Instant kvitterad = avvisad.plus(Duration.ofMinutes(between(30, 240)));
                    rows.add(Table.OVERLAMNING, next(Table.OVERLAMNING), item.id, ny, avvisad,
                            kvitterad.isBefore(now) ? kvitterad : null, null, null);
                    item.ansvarig = ny;
                    continue;
                }
                Instant kvitterad = null;
                boolean kvittera = !spec.nyligenOverlamnad && (nylig ? chance(0.5) : chance(0.93));
                LocalDate kvittensDatum = vardag(moteDatum.plusDays(between(1, 6)));
                if (kvittera && kvittensDatum.isBefore(today)) {
                    kvitterad = during(kvittensDatum);
                }
                rows.add(Table.OVERLAMNING, next(Table.OVERLAMNING), item.id, item.ansvarig, overlamnad, kvitterad,
                        null, null);
            }
        }

        private String status(Item item, LocalDate datum) {
            if (item.fate == Fate.KLAR && !item.fateDatum.isAfter(datum)) {
                return "genomford";
            }
            if (item.fate == Fate.FASTNAT && !item.fateDatum.isAfter(datum)) {
                return "fastnat";
            }
            if (item.fate == Fate.AVSLAGEN && !item.fateDatum.isAfter(datum)) {
                return "avslagen";
            }
            return datum.isBefore(item.startDatum) ? "ej_paborjad" : "pagar";
        }

        private String followUps(TeamState team, Spec spec, long deltagareId, Long anvandareId, List<Item> items,
                                 List<LocalDate> datum, LocalDate slut, String forsorjning, String orsak) {
            List<Event> events = new ArrayList<>();
            Set<Long> fastnatRapporterad = new HashSet<>();
            String forsorjningNu = forsorjning;
            for (int k = 0; k < datum.size(); k++) {
                LocalDate d = datum.get(k);
                boolean sista = k == datum.size() - 1;
                Event e = new Event();
                e.typ = "uppfoljning";
                e.datum = d;
                e.registrerad = at(d, between(9, 15), between(0, 59));
                e.av = chance(0.75) ? team.koordinator : team.rep.get(pick(MYNDIGHETER));
                Item nyttFastnat = null;
                boolean allaKlara = true;
                for (Item item : items) {
                    if (item.borttagen) {
                        continue;
                    }
                    String s = status(item, d);
                    String sOrsak = s.equals("fastnat") || s.equals("avslagen") ? item.orsak : null;
                    e.statusar.add(new Object[] {item.id, s, sOrsak});
                    if (s.equals("fastnat") && fastnatRapporterad.add(item.id) && nyttFastnat == null) {
                        nyttFastnat = item;
                    }
                    allaKlara &= s.equals("genomford") || s.equals("avslagen");
                }
                if (spec.items == null) {
                    forsorjningNu = nextForsorjning(forsorjningNu, sista ? orsak : null);
                }
                e.forsorjning = forsorjningNu;
                if (spec.sysselsattning != null) {
                    e.sysselsattning = spec.sysselsattning;
                } else if (forsorjningNu.equals("lon")) {
                    e.sysselsattning = pick("Anställning med lönestöd 75 %", "Timanställning i restaurangkök",
                            "Visstidsanställning på lager");
                } else {
                    e.sysselsattning = pick(SYSSELSATTNING);
                }
                if (nyttFastnat != null) {
                    String org = nyttFastnat.org;
                    e.noteringDeltagare = org == null ? NOTERING_FASTNAT_EGET : org.equals(REGION)
                            ? NOTERING_FASTNAT_VARD : String.format(NOTERING_FASTNAT, orgDef(org).kortNamn());
                    e.noteringIntern = String.format(INTERN_FASTNAT,
                            org == null ? "eget steg" : orgDef(org).kortNamn(), nyttFastnat.orsak);
                    e.nastaSteg = NASTA_STEG_FASTNAT;
                    e.eskalera = true;
                } else if (allaKlara) {
                    e.noteringDeltagare = NOTERING_KLART;
                    e.noteringIntern = "Samtliga punkter klara. Teamet diskuterar avslut vid nästa möte.";
                    e.nastaSteg = pick(NASTA_STEG);
                } else {
                    e.noteringDeltagare = pick(NOTERING_FRAMSTEG);
                    e.noteringIntern = pick(INTERN_FRAMSTEG);
                    e.nastaSteg = pick(NASTA_STEG);
                }
                events.add(e);
                if (chance(0.03)) {
                    Event c = new Event();
                    c.typ = "uppfoljning";
                    c.datum = d;
                    c.registrerad = e.registrerad.plus(Duration.ofHours(2));
                    c.av = e.av;
                    c.forsorjning = e.forsorjning.equals("forsorjningsstod") ? "aktivitetsstod" : "forsorjningsstod";
                    c.sysselsattning = e.sysselsattning;
                    c.noteringDeltagare = e.noteringDeltagare;
                    c.noteringIntern = "Rättelse: försörjningen angavs fel vid uppföljningen.";
                    c.nastaSteg = e.nastaSteg;
                    c.eskalera = e.eskalera;
                    c.korrigerar = e;
                    c.statusar.addAll(e.statusar);
                    events.add(c);
                    forsorjningNu = c.forsorjning;
                }
            }
            // Status changes recorded between follow-ups by whoever carries the item out.
            for (Item item : items) {
                if (item.borttagen || !item.statusandring || item.fate == Fate.PAGAR || item.fate == Fate.EJ_PABORJAD) {
                    continue;
                }
                LocalDate d = item.fateDatum;
                if (!d.isBefore(slut) || !d.isBefore(today)) {
                    continue;
                }
                Event e = new Event();
                e.typ = "statusandring";
                e.datum = d;
                e.registrerad = at(d, 8, between(0, 59));
                e.av = item.ansvarig != null ? item.ansvarig : anvandareId != null ? anvandareId : team.koordinator;
                String s = status(item, d);
                e.noteringDeltagare = item.org == null && s.equals("genomford") ? "Du har gjort ditt steg klart." : null;
                e.statusar.add(new Object[] {item.id, s, s.equals("genomford") ? null : item.orsak});
                e.eskalera = s.equals("fastnat");
                events.add(e);
            }
            // The current status is the latest event's, so ids follow time.
            events.sort(Comparator.comparing((Event e) -> e.registrerad));
            for (Event e : events) {
                e.id = next(Table.UPPFOLJNING);
                String uuid = UUID.nameUUIDFromBytes(("finsam-demo/uppfoljning/" + e.id)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                rows.add(Table.UPPFOLJNING, e.id, uuid, deltagareId, e.typ, e.datum, e.registrerad, e.av,
                        e.forsorjning, e.sysselsattning, e.noteringDeltagare,
                        e.noteringIntern == null ? null : "Intern: " + e.noteringIntern, e.nastaSteg,
                        e.eskalera ? 1 : 0, e.korrigerar == null ? null : e.korrigerar.id);
                for (Object[] s : e.statusar) {
                    rows.add(Table.UPPFOLJNING_STATUS, e.id, s[0], s[1], s[2]);
                }
            }
            return forsorjningNu;
        }

        private String nextForsorjning(String nu, String avslutOrsak) {
            if ("arbete".equals(avslutOrsak)) {
                return "lon";
            }
            if ("studier".equals(avslutOrsak)) {
                return "studiemedel";
            }
            if (!chance(0.2)) {
                return nu;
            }
            return switch (nu) {
                case "sjukpenning" -> "rehabiliteringsersattning";
                case "forsorjningsstod" -> "aktivitetsstod";
                case "etableringsersattning" -> "aktivitetsstod";
                default -> nu;
            };
        }

        private void closure(TeamState team, long deltagareId, String orsak, LocalDate datum, String forsorjningNu,
                             String forsorjningFore, int alder) {
            String forsorjning = switch (orsak) {
                case "arbete" -> "lon";
                case "studier" -> "studiemedel";
                case "ratt_ersattning" -> alder < 30 ? "aktivitetsersattning" : "sjukersattning";
                case "arbetssokande" -> pick("aktivitetsstod", "a_kassa", "forsorjningsstod");
                case "felregistrering" -> forsorjningFore;
                default -> forsorjningNu;
            };
            String org = null;
            String nasta = null;
            boolean ingen = false;
            switch (orsak) {
                case "fortsatt_rehabilitering" -> {
                    org = pick(MYNDIGHETER);
                    nasta = switch (org) {
                        case AF -> "Fortsätter i arbetsträning via Arbetsförmedlingen med målet ett jobb med lönestöd.";
                        case FK -> "Försäkringskassan samordnar den fortsatta rehabiliteringen tillsammans med vårdcentralen.";
                        case REGION -> "Fortsatt behandling inom psykiatrin. Ny avstämning med Försäkringskassan om tre månader.";
                        default -> "Socialtjänsten fortsätter med stöd och planering. Möte med Arbetsförmedlingen är bokat.";
                    };
                }
                case "arbete" -> {
                    org = chance(0.6) ? JOBBTORG : AF;
                    nasta = org.equals(JOBBTORG) ? "Jobbcoachen följer upp hur det går på jobbet efter tre månader."
                            : "Anställning med lönestöd. Arbetsförmedlingen följer upp anställningen.";
                }
                case "studier" -> {
                    org = SOC;
                    nasta = "Börjar på Komvux nästa termin. Studievägledaren hjälper till med ansökan till CSN.";
                }
                case "ratt_ersattning" -> {
                    org = FK;
                    nasta = "Ersättningen är beviljad. Försäkringskassan är fortsatt kontakt.";
                }
                case "arbetssokande" -> {
                    org = AF;
                    nasta = "Inskriven som arbetssökande och matchas mot lediga jobb.";
                }
                case "annat" -> {
                    org = SOC;
                    nasta = "Har fått en annan insats via socialtjänsten.";
                }
                case "flyttat" -> {
                    ingen = true;
                    nasta = "Har flyttat från Stockholm och fått veta att kontakta Arbetsförmedlingen och Försäkringskassan på den nya orten.";
                }
                case "avbrutit" -> {
                    ingen = true;
                    nasta = "Vill inte fortsätta just nu. Är välkommen att höra av sig till koordinatorn igen.";
                }
                default -> ingen = true; // samtycke återkallat, felregistrering
            }
            String ansvarig = null;
            if (org != null) {
                StaffDef s = staffById.get(team.ordinarie.get(org));
                String titel = Character.toLowerCase(s.titel().charAt(0)) + s.titel().substring(1);
                ansvarig = s.namn() + ", " + titel + " (" + orgDef(org).kortNamn() + ")";
            }
            rows.add(Table.AVSLUT, next(Table.AVSLUT), deltagareId, datum, orsak, forsorjning,
                    org == null ? null : orgIds.get(org), ansvarig, nasta, ingen ? 1 : 0, at(datum, 15, 30),
                    team.koordinator);
        }
    }
}
