package se.finsam.planering.demo;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Fixed reference data: the organisations, the five Jobbtorg teams and their staff, and the regional set's fifteen more. */
final class Referensdata {

    private Referensdata() {
    }

    record OrgDef(String kod, String typ, String namn, String kortNamn, String kanHjalpaMed,
                          String telefon, String telefontider, String webbplats, String epostdoman) {
    }

    static final String AF = "AF";
    static final String FK = "FK";
    static final String REGION = "REGION";
    static final String SOC = "SOC";
    static final String JOBBTORG = "JOBBTORG";
    /** The authorities that send a representative and hold the ordinary handläggare. */
    static final List<String> MYNDIGHETER = List.of(AF, FK, REGION, SOC);

    static final List<OrgDef> ORGS = List.of(
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
            new OrgDef(JOBBTORG, "jobbtorg", "Stockholms stad, arbetsmarknadsförvaltningen", "Arbetsmarknad",
                    "Ger dig en jobbcoach, arbetsträning och hjälp med CV och ansökningar på vägen till jobb eller studier.",
                    "08-508 359 00", "Mån–fre 9–16", "https://start.stockholm/jobbtorg", "stockholm.se"));

    static OrgDef orgDef(String kod) {
        for (OrgDef o : ORGS) {
            if (o.kod().equals(kod)) {
                return o;
            }
        }
        throw new IllegalArgumentException(kod);
    }

    record TeamDef(String namn, String prefix, String slug, String motesplats, int veckodag,
                           String motestid, String vardcentral) {
    }

    static final List<TeamDef> TEAMS = List.of(
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

    record StaffDef(String anvandarnamn, String namn, String roll, String org, String team, String titel,
                            String telefon, String epost, String telefontider) {
    }

    static final String[] TELEFONTIDER = {
        "Mån–tors 9–11", "Tis och tors 13–15", "Mån–fre 9–10", "Mån och ons 10–12", "Tis–tors 8.30–10"};

    static final List<StaffDef> STAFF = buildStaff();

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

    /**
     * The regional data set: the five Stockholm teams and fifteen more, each a förbund's team in a kommun of the
     * region with the same roles as the Stockholm teams. Their staff follow the Stockholm staff (whose ids stay as
     * in the other sets) and are named koordinator.ORT, teamrep.af.ORT, handlaggare.soc.ORT and so on.
     */
    static final List<TeamDef> REGION_TEAMS = buildRegionTeams();

    static final List<StaffDef> REGION_STAFF = buildRegionStaff();

    private static List<TeamDef> buildRegionTeams() {
        String[][] orter = {
            {"Södertälje", "SOD", "sodertalje", "Storgatan 15, 151 72 Södertälje", "Södertälje vårdcentral"},
            {"Botkyrka", "BOT", "botkyrka", "Hallunda torg 8, 145 68 Norsborg", "Hallunda vårdcentral"},
            {"Huddinge", "HUD", "huddinge", "Kommunalvägen 28, 141 61 Huddinge", "Huddinge vårdcentral"},
            {"Haninge", "HAN", "haninge", "Rudsjöterrassen 2, 136 81 Haninge", "Handens vårdcentral"},
            {"Nacka", "NAC", "nacka", "Granitvägen 15, 131 81 Nacka", "Nacka vårdcentral"},
            {"Järfälla", "JAR", "jarfalla", "Riddarplatsen 5, 177 30 Järfälla", "Jakobsbergs vårdcentral"},
            {"Sollentuna", "STU", "sollentuna", "Turebergs torg 1, 191 47 Sollentuna", "Tureberg vårdcentral"},
            {"Täby", "TAB", "taby", "Esplanaden 3, 183 80 Täby", "Täby centrum vårdcentral"},
            {"Norrtälje", "NTJ", "norrtalje", "Estunavägen 14, 761 29 Norrtälje", "Norrtälje vårdcentral"},
            {"Upplands Väsby", "UVA", "upplandsvasby", "Dragonvägen 86, 194 33 Upplands Väsby",
                "Väsby vårdcentral"},
            {"Tyresö", "TYR", "tyreso", "Marknadsvägen 15, 135 81 Tyresö", "Tyresö vårdcentral"},
            {"Värmdö", "VDO", "varmdo", "Skogsbovägen 9, 134 81 Gustavsberg", "Gustavsbergs vårdcentral"},
            {"Sundbyberg", "SUN", "sundbyberg", "Östra Madenvägen 4, 172 92 Sundbyberg",
                "Sundbybergs vårdcentral"},
            {"Solna", "SLN", "solna", "Stadshusgången 2, 171 86 Solna", "Solna vårdcentral"},
            {"Lidingö", "LID", "lidingo", "Stockholmsvägen 50, 181 82 Lidingö", "Lidingö vårdcentral"}};
        List<TeamDef> teams = new ArrayList<>(TEAMS);
        for (int i = 0; i < orter.length; i++) {
            String[] o = orter[i];
            teams.add(new TeamDef("Finsam " + o[0], o[1], o[2], o[3], 1 + i % 4, i % 2 == 0 ? "09:00" : "13:00",
                    o[4]));
        }
        return List.copyOf(teams);
    }

    private static List<StaffDef> buildRegionStaff() {
        String[] fornamn = {"Anna", "Johan", "Fatima", "Mats", "Sara", "Ahmed", "Elisabeth", "Mikael", "Zeynep",
            "Lars", "Amal", "Kristina", "Omar", "Malin", "Jens", "Hiba", "Ulf", "Nina", "Said"};
        String[] efternamn = {"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
            "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
            "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Axelsson", "Berg", "Holm"};
        List<StaffDef> staff = new ArrayList<>(STAFF);
        int n = 0;
        for (TeamDef team : REGION_TEAMS.subList(TEAMS.size(), REGION_TEAMS.size())) {
            String slug = team.slug();
            String[] roller = {"koordinator", "teamrep.af", "teamrep.fk", "teamrep.region", "teamrep.soc",
                "teamrep.jobbtorg", "handlaggare.af", "handlaggare.fk", "handlaggare.region", "handlaggare.soc"};
            for (String r : roller) {
                String namn = fornamn[n % fornamn.length] + " " + efternamn[(n * 7 + 3) % efternamn.length];
                n++;
                String[] delar = r.split("\\.");
                String org = switch (delar.length == 1 ? "jobbtorg" : delar[1]) {
                    case "af" -> AF;
                    case "fk" -> FK;
                    case "region" -> REGION;
                    case "soc" -> SOC;
                    default -> JOBBTORG;
                };
                String roll = switch (delar[0]) {
                    case "koordinator" -> "koordinator";
                    case "teamrep" -> "teamrepresentant";
                    default -> "handlaggare";
                };
                String titel = switch (r) {
                    case "koordinator" -> "FINSAM-koordinator";
                    case "teamrep.jobbtorg" -> "Jobbcoach";
                    case "teamrep.region" -> "Kurator, " + team.vardcentral();
                    case "handlaggare.region" -> "Rehabkoordinator, " + team.vardcentral();
                    case "handlaggare.soc" -> "Socialsekreterare, ekonomiskt bistånd";
                    case "handlaggare.fk" -> "Handläggare, sjukpenning";
                    case "handlaggare.af" -> "Arbetsförmedlare";
                    default -> roll.equals("teamrepresentant") && org.equals(FK) ? "Samordnare, FINSAM-representant"
                            : org.equals(SOC) ? "Socialsekreterare, FINSAM-representant"
                            : "Arbetsförmedlare, FINSAM-representant";
                };
                addStaff(staff, r + "." + slug, namn, roll, org, team.namn(), titel);
            }
        }
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
    static String ascii(String text) {
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.toLowerCase(Locale.ROOT).replace("ø", "o").replaceAll("[^a-z .-]", "");
    }
}
