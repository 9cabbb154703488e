package se.finsam.planering.statistik;

import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.CsvFil;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * Figures for the styrgrupp (all teams) and the koordinator (own teams only), for a chosen period and team. Only
 * counts leave this class, adjusted by {@link Cellnyckel} for the styrgrupp and every export; never a name, code or
 * address of a person. The koordinator sees her own teams' exact counts on the page.
 */
public final class StatistikRoutes {

    /** The chosen period and team as given in the address, for the filter form and the export links. */
    public record Val(String ar, String kvartal, String fran, String till, String team, String band) {
        public String fraga() {
            List<String> delar = new ArrayList<>();
            if (!ar.isEmpty()) {
                delar.add("ar=" + ar);
            }
            if (!kvartal.isEmpty()) {
                delar.add("kvartal=" + kvartal);
            }
            if (!fran.isEmpty()) {
                delar.add("fran=" + fran);
            }
            if (!till.isEmpty()) {
                delar.add("till=" + till);
            }
            if (!team.isEmpty()) {
                delar.add("team=" + team);
            }
            if (!band.isEmpty()) {
                delar.add("band=" + java.net.URLEncoder.encode(band, java.nio.charset.StandardCharsets.UTF_8));
            }
            return delar.isEmpty() ? "" : "?" + String.join("&", delar);
        }
    }

    /**
     * The page: {@code manader} when the period is chosen in whole months (everyone whose figures are adjusted);
     * {@code periodrader} says in plain words which whole months the figures cover and why (empty for exact
     * figures).
     */
    public record Sida(Val val, List<StatistikRepository.Team> teamval, String teamnamn,
                       Statistik.Resultat resultat, String fel, String bandsetNamn, boolean manader,
                       List<String> periodrader) {
        /** A month field's value (ÅÅÅÅ-MM) from the date or month given in the address. */
        public static String manad(String datum) {
            return datum.matches("\\d{4}-\\d{2}.*") ? datum.substring(0, 7) : datum;
        }

        /** The band sets to choose from: code and name with its bands. */
        public List<String[]> bandval(Texter m) {
            return java.util.Arrays.stream(Statistik.Bandset.values())
                    .map(b -> new String[] {b.kod(), StatistikRoutes.bandsetNamn(b, m)}).toList();
        }

        public String valtBand() {
            return val.band().isEmpty() ? Statistik.Bandset.NATIONELL.kod() : val.band();
        }
    }

    private final StatistikRepository repo;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    private final se.finsam.planering.audit.Handelselogg audit;

    public StatistikRoutes(StatistikRepository repo, Mallar mallar, Webbkontext web, Clock clock,
                           se.finsam.planering.audit.Handelselogg audit) {
        this.audit = audit;
        this.repo = repo;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    record Urval(LocalDate fran, LocalDate till, Set<Long> team, Statistik.Bandset bandset, String fel) {
        Urval(LocalDate fran, LocalDate till, Set<Long> team, String fel) {
            this(fran, till, team, Statistik.Bandset.NATIONELL, fel);
        }
    }

    public void visa(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Val val = val(ctx);
        Urval urval = urval(ctx, user, val);
        List<StatistikRepository.Team> teamval = repo.team(tillatnaTeam(user));
        // The koordinator sees her own teams' exact counts for any days; the styrgrupp sees whole, ended months,
        // adjusted.
        boolean exakt = user.roll() == Roll.KOORDINATOR;
        if (urval.fel() != null) {
            ctx.status(400);
            mallar.render(ctx, "statistik/statistik.jte", new Sida(val, teamval, null, null, m.get(urval.fel()), null,
                    !exakt, List.of()));
            return;
        }
        String teamnamn = urval.team() == null || urval.team().size() != 1 ? null
                : teamval.stream().filter(t -> urval.team().contains(t.id())).map(StatistikRepository.Team::namn)
                        .findFirst().orElse(null);
        if (exakt) {
            mallar.render(ctx, "statistik/statistik.jte", new Sida(val, teamval, teamnamn,
                    berakna(urval, m, Statistik.Skydd.EXAKT), null, bandsetNamn(urval.bandset(), m), false,
                    List.of()));
            return;
        }
        Urval hela = helaManader(urval);
        mallar.render(ctx, "statistik/statistik.jte", new Sida(val, teamval, teamnamn,
                tom(hela) ? null : berakna(hela, m, Statistik.Skydd.JUSTERAD), null, bandsetNamn(urval.bandset(), m),
                true, periodrader(urval, hela, m)));
    }

    /** The page's tables as one CSV file: UTF-8 with a byte order mark, semicolons, suppression as on the page. */
    public void csv(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Urval urval = urval(ctx, user, val(ctx));
        if (urval.fel() != null) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result(m.get(urval.fel()));
            return;
        }
        Statistik.Resultat resultat = exportresultat(ctx, user, urval, m);
        CsvFil csv = new CsvFil();
        if (resultat == null) {
            csv.rad(m.get("statistik.rubrik"));
            for (String rad : periodrader(urval, helaManader(urval), m)) {
                csv.rad(rad);
            }
            csv.skicka(ctx, "statistik-ingen-hel-manad.csv");
            return;
        }
        List<String> forsta = new ArrayList<>(List.of(m.get("statistik.rubrik"), resultat.fran().toString(),
                resultat.till().toString()));
        if (resultat.skydd() == Statistik.Skydd.JUSTERAD) {
            forsta.add(m.get("statistik.period.helamanader", periodtext(resultat.fran(), resultat.till())));
        }
        csv.rad(forsta);
        csv.rad(m.get("statistik.aldersgrupper"), bandsetNamn(resultat.bandset(), m));
        csv.rad(m.get("statistik.andel"), resultat.andelArbeteStudier() == null ? m.get("statistik.andel.dold")
                : resultat.andelArbeteStudier());
        csv.rad(m.get("statistik.skydd.rubrik"), skyddText(resultat.skydd(), m));
        for (Statistik.Tabell t : resultat.tabeller()) {
            tabellCsv(csv, t, m);
        }
        csv.tomRad();
        csv.rad(m.get("statistik.tider"));
        csv.rad(m.get("statistik.tid.matt"), m.get("statistik.antal"), m.get("statistik.q1"),
                m.get("statistik.median"), m.get("statistik.q3"));
        for (Statistik.Tid tid : resultat.tider()) {
            csv.rad(tid.rubrik(), tid.visatAntal(), tid.visas() ? tid.q1() : null,
                    tid.visas() ? tid.median() : null, tid.visas() ? tid.q3() : null);
        }
        csv.skicka(ctx, "statistik-" + resultat.fran() + "-" + resultat.till() + ".csv");
    }

    /** The page's tables as an .xlsx workbook, one sheet per table (and one for the times), suppression as on the page. */
    public void xlsx(Context ctx) throws IOException {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Urval urval = urval(ctx, user, val(ctx));
        if (urval.fel() != null) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result(m.get(urval.fel()));
            return;
        }
        Statistik.Resultat resultat = exportresultat(ctx, user, urval, m);
        java.io.ByteArrayOutputStream ut = new java.io.ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook bok = new org.dhatim.fastexcel.Workbook(ut, "FINSAM Planering", "1.0");
        org.dhatim.fastexcel.Worksheet oversikt = bok.newWorksheet("oversikt");
        oversikt.value(0, 0, m.get("statistik.rubrik"));
        oversikt.style(0, 0).bold().set();
        if (resultat == null) {
            List<String> rader = periodrader(urval, helaManader(urval), m);
            for (int i = 0; i < rader.size(); i++) {
                oversikt.value(1 + i, 0, rader.get(i));
            }
            oversikt.width(0, 60);
            bok.finish();
            ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .header("Content-Disposition", "attachment; filename=\"statistik-ingen-hel-manad.xlsx\"")
                    .result(ut.toByteArray());
            return;
        }
        oversikt.value(1, 0, resultat.fran() + " – " + resultat.till());
        if (resultat.skydd() == Statistik.Skydd.JUSTERAD) {
            oversikt.value(1, 1, m.get("statistik.period.helamanader", periodtext(resultat.fran(), resultat.till())));
        }
        oversikt.value(2, 0, m.get("statistik.aldersgrupper"));
        oversikt.value(2, 1, bandsetNamn(resultat.bandset(), m));
        oversikt.value(3, 0, m.get("statistik.andel"));
        oversikt.value(3, 1, resultat.andelArbeteStudier() == null ? m.get("statistik.andel.dold")
                : resultat.andelArbeteStudier());
        oversikt.value(4, 0, m.get("statistik.skydd.rubrik"));
        oversikt.value(4, 1, skyddText(resultat.skydd(), m));
        oversikt.width(0, 60);
        oversikt.width(1, 40);
        for (Statistik.Tabell t : resultat.tabeller()) {
            tabellBlad(bok.newWorksheet(t.id()), t, List.of(resultat.fran() + " – " + resultat.till(),
                    m.get("statistik.aldersgrupper") + ": " + bandsetNamn(resultat.bandset(), m)), m);
        }
        org.dhatim.fastexcel.Worksheet tider = bok.newWorksheet("tider");
        tider.value(0, 0, m.get("statistik.tider"));
        tider.style(0, 0).bold().set();
        List<String> huvud = List.of(m.get("statistik.tid.matt"), m.get("statistik.antal"), m.get("statistik.q1"),
                m.get("statistik.median"), m.get("statistik.q3"));
        for (int k = 0; k < huvud.size(); k++) {
            tider.value(2, k, huvud.get(k));
        }
        tider.range(2, 0, 2, huvud.size() - 1).style().bold().set();
        for (int r = 0; r < resultat.tider().size(); r++) {
            Statistik.Tid tid = resultat.tider().get(r);
            tider.value(3 + r, 0, tid.rubrik());
            tider.value(3 + r, 1, tid.visatAntal());
            if (tid.visas()) {
                tider.value(3 + r, 2, tid.q1());
                tider.value(3 + r, 3, tid.median());
                tider.value(3 + r, 4, tid.q3());
            }
        }
        tider.width(0, 50);
        bok.finish();
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"statistik-" + resultat.fran() + "-"
                        + resultat.till() + ".xlsx\"")
                .result(ut.toByteArray());
    }

    /** The year page's data, or the reason it cannot be shown; {@code periodrader} as on the statistics page. */
    public record ArSida(Statistik.Resultat tom, Arsoversikt.Resultat resultat, String fel, List<String> periodrader) {
    }

    /**
     * The year's figures. Adjusted figures count whole, ended months only: a year under way up to the last month
     * that has ended, and the previous year over the same months, so the two columns compare like with like.
     */
    private Arsoversikt.Resultat arsoversikt(Anvandare user, int ar, Statistik.Skydd skydd) {
        Set<Long> tillatna = tillatnaTeam(user);
        List<StatistikRepository.Team> teamen = repo.team(tillatna);
        LocalDate fran = LocalDate.of(ar, 1, 1);
        LocalDate till = skydd == Statistik.Skydd.JUSTERAD ? arsperiod(ar).till() : LocalDate.of(ar, 12, 31);
        boolean tomt = till.isBefore(fran);
        List<List<StatistikRepository.Rad>> bada = tomt ? List.of(List.of(), List.of())
                : sidaVidSida(() -> repo.rader(fran, till, tillatna),
                        () -> repo.rader(fran.minusYears(1), till.minusYears(1), tillatna), List::of);
        List<StatistikRepository.Rad> iAr = bada.get(0);
        List<StatistikRepository.Rad> forra = bada.get(1);
        List<Arsoversikt.Siffror> perTeam = new ArrayList<>();
        for (StatistikRepository.Team t : teamen) {
            perTeam.add(Arsoversikt.siffror(t.namn(), fran, till,
                    iAr.stream().filter(r -> r.teamId() == t.id()).toList(), skydd));
        }
        return new Arsoversikt.Resultat(ar, skydd, perTeam, Arsoversikt.siffror("Totalt", fran, till, iAr, skydd),
                Arsoversikt.siffror("Totalt", fran.minusYears(1), till.minusYears(1), forra, skydd), repo.mal(ar),
                Arsoversikt.forsorjning(fran, till, iAr, skydd));
    }

    /** What the year page and its files say about the months they count, and those of the year before. */
    private List<String> arsperiodrader(int ar, Texter m) {
        Urval hela = arsperiod(ar);
        List<String> rader = new ArrayList<>(periodrader(new Urval(LocalDate.of(ar, 1, 1), LocalDate.of(ar, 12, 31),
                null, null), hela, m));
        if (!tom(hela) && hela.till().isBefore(LocalDate.of(ar, 12, 31))) {
            rader.add(m.get("statistik.ar.sammamanader", periodtext(hela.fran().minusYears(1),
                    hela.till().minusYears(1))));
        }
        return rader;
    }

    /** A whole year as adjusted figures see it: its ended months. */
    private Urval arsperiod(int ar) {
        return helaManader(new Urval(LocalDate.of(ar, 1, 1), LocalDate.of(ar, 12, 31), null, null));
    }

    private static Integer ar(Context ctx) {
        try {
            int ar = Integer.parseInt(ctx.pathParam("ar").replaceAll("\\.(csv|xlsx)$", ""));
            return ar < 2000 || ar > 2100 ? null : ar;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The styrgrupp's year on one page: started, ongoing and closed, the shares closing to work or studies, to
     * further rehabilitation and to another support, försörjning before and after, and the median times; per team
     * and in total, against the previous year and the förbund's targets. Adjusted as the statistics page.
     */
    public void arsida(Context ctx) throws IOException {
        if (ctx.path().endsWith(".csv") || ctx.path().endsWith(".xlsx")) {
            arExport(ctx);
            return;
        }
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Integer ar = ar(ctx);
        if (ar == null) {
            ctx.status(400);
            mallar.render(ctx, "statistik/ar.jte", new ArSida(null, null, m.get("statistik.fel.period"), List.of()));
            return;
        }
        Statistik.Skydd skydd = user.roll() == Roll.KOORDINATOR ? Statistik.Skydd.EXAKT : Statistik.Skydd.JUSTERAD;
        List<String> periodrader = skydd == Statistik.Skydd.EXAKT ? List.of() : arsperiodrader(ar, m);
        mallar.render(ctx, "statistik/ar.jte", new ArSida(null, arsoversikt(user, ar, skydd), null, periodrader));
    }

    /** The year page's rows as the CSV and the xlsx give them: label, then one value per column. */
    static List<List<Object>> arrader(Arsoversikt.Resultat r, Texter m) {
        List<List<Object>> ut = new ArrayList<>();
        ut.add(List.of(m.get("statistik.ar.rubrik", String.valueOf(r.ar()))));
        ut.add(List.of(m.get("statistik.skydd.rubrik"), skyddText(r.skydd(), m)));
        ut.add(List.of());
        List<Object> huvud = new ArrayList<>(List.of(m.get("statistik.ar.matt"), m.get("statistik.ar.iar"),
                m.get("statistik.ar.forra"), m.get("statistik.ar.mal")));
        ut.add(huvud);
        for (String matt : List.of("startade", "pagaende", "avslutade")) {
            ut.add(java.util.Arrays.asList(m.get("statistik.ar.matt." + matt), antal(r.totalt(), matt),
                    antal(r.forraAret(), matt), null));
        }
        for (String matt : Arsoversikt.MAL) {
            ut.add(java.util.Arrays.asList(m.get("statistik.ar.matt." + matt), r.totalt().varde(matt),
                    r.forraAret().varde(matt), r.mal().get(matt)));
        }
        ut.add(List.of());
        List<Object> teamHuvud = new ArrayList<>(List.of(m.get("oversikt.team")));
        for (String matt : List.of("startade", "pagaende", "avslutade")) {
            teamHuvud.add(m.get("statistik.ar.matt." + matt));
        }
        for (String matt : Arsoversikt.MAL) {
            teamHuvud.add(m.get("statistik.ar.matt." + matt));
        }
        ut.add(teamHuvud);
        List<Arsoversikt.Siffror> alla = new ArrayList<>(r.team());
        alla.add(r.totalt());
        for (Arsoversikt.Siffror s : alla) {
            List<Object> rad = new ArrayList<>();
            rad.add(s.namn());
            for (String matt : List.of("startade", "pagaende", "avslutade")) {
                rad.add(antal(s, matt));
            }
            for (String matt : Arsoversikt.MAL) {
                rad.add(s.varde(matt));
            }
            ut.add(rad);
        }
        ut.add(List.of());
        ut.add(List.of(m.get("statistik.ar.forsorjning")));
        ut.add(List.of(m.get("statistik.ar.forsorjning.rad"), m.get("statistik.ar.fore"),
                m.get("statistik.ar.avslut"), m.get("statistik.ar.sex"), m.get("statistik.ar.tolv")));
        for (int i = 0; i < r.forsorjning().rader().size(); i++) {
            List<Object> rad = new ArrayList<>();
            rad.add(m.get("forsorjning." + r.forsorjning().rader().get(i)));
            for (int v : r.forsorjning().varden()[i]) {
                rad.add(v);
            }
            ut.add(rad);
        }
        return ut;
    }

    /** A share or a number of days with at most one decimal and a decimal comma. */
    public static String tal(double v) {
        return new java.text.DecimalFormat("0.#", java.text.DecimalFormatSymbols.getInstance(
                java.util.Locale.forLanguageTag("sv"))).format(v);
    }

    public static Integer antal(Arsoversikt.Siffror s, String matt) {
        return switch (matt) {
            case "startade" -> s.startade();
            case "pagaende" -> s.pagaende();
            default -> s.avslutade();
        };
    }

    /** The year page's figures as CSV or xlsx: always adjusted, as the exports of the statistics page. */
    private void arExport(Context ctx) throws IOException {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Integer ar = ar(ctx);
        if (ar == null) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result(m.get("statistik.fel.period"));
            return;
        }
        List<List<Object>> rader = arrader(arsoversikt(user, ar, Statistik.Skydd.JUSTERAD), m);
        rader.add(1, new ArrayList<>(arsperiodrader(ar, m)));
        if (ctx.path().endsWith(".xlsx")) {
            java.io.ByteArrayOutputStream ut = new java.io.ByteArrayOutputStream();
            org.dhatim.fastexcel.Workbook bok = new org.dhatim.fastexcel.Workbook(ut, "FINSAM Planering", "1.0");
            org.dhatim.fastexcel.Worksheet blad = bok.newWorksheet("ar" + ar);
            for (int r = 0; r < rader.size(); r++) {
                for (int k = 0; k < rader.get(r).size(); k++) {
                    Object v = rader.get(r).get(k);
                    if (v instanceof Number n) {
                        blad.value(r, k, n);
                    } else if (v != null) {
                        blad.value(r, k, v.toString());
                    }
                }
            }
            blad.width(0, 50);
            bok.finish();
            ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .header("Content-Disposition", "attachment; filename=\"statistik-ar-" + ar + ".xlsx\"")
                    .result(ut.toByteArray());
            return;
        }
        CsvFil csv = new CsvFil();
        for (List<Object> rad : rader) {
            if (rad.isEmpty()) {
                csv.tomRad();
            } else {
                csv.rad(rad);
            }
        }
        csv.skicka(ctx, "statistik-ar-" + ar + ".csv");
    }

    /** The targets form of a year (administrator). */
    public record MalSida(int ar, Map<String, String> varden, se.finsam.planering.web.Formularfel fel,
                          boolean sparat) {
    }

    public void malSida(Context ctx) {
        web.requireUser(ctx);
        int ar;
        try {
            ar = ctx.queryParam("ar") == null ? LocalDate.now(clock).getYear() : Integer.parseInt(ctx.queryParam("ar"));
        } catch (NumberFormatException e) {
            ar = LocalDate.now(clock).getYear();
        }
        if (ar < 2000 || ar > 2100) {
            ar = LocalDate.now(clock).getYear();
        }
        Map<String, String> varden = new java.util.HashMap<>();
        repo.mal(ar).forEach((k, v) -> varden.put(k, new java.text.DecimalFormat("0.#",
                java.text.DecimalFormatSymbols.getInstance(new java.util.Locale("sv"))).format(v)));
        mallar.render(ctx, "statistik/mal.jte", new MalSida(ar, varden, se.finsam.planering.web.Formularfel.none(),
                "1".equals(ctx.queryParam("sparat"))));
    }

    public void sparaMal(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        se.finsam.planering.web.Formularfel fel = new se.finsam.planering.web.Formularfel();
        Map<String, String> varden = new java.util.HashMap<>();
        int ar = 0;
        try {
            ar = Integer.parseInt(String.valueOf(ctx.formParam("ar")).trim());
            if (ar < 2000 || ar > 2100) {
                fel.add("ar", "statistik.mal.fel.ar");
            }
        } catch (NumberFormatException e) {
            fel.add("ar", "statistik.mal.fel.ar");
        }
        Map<String, Double> mal = new java.util.HashMap<>();
        for (String matt : Arsoversikt.MAL) {
            String v = ctx.formParam(matt) == null ? "" : ctx.formParam(matt).trim();
            varden.put(matt, v);
            if (v.isEmpty()) {
                continue;
            }
            try {
                double d = Double.parseDouble(v.replace(',', '.').replace("%", "").trim());
                double max = Arsoversikt.Resultat.lagreArBattre(matt) ? 10000 : 100;
                if (d < 0 || d > max || Double.isNaN(d)) {
                    fel.add(matt, Arsoversikt.Resultat.lagreArBattre(matt) ? "statistik.mal.fel.dagar"
                            : "statistik.mal.fel.procent");
                } else {
                    mal.put(matt, d);
                }
            } catch (NumberFormatException e) {
                fel.add(matt, Arsoversikt.Resultat.lagreArBattre(matt) ? "statistik.mal.fel.dagar"
                        : "statistik.mal.fel.procent");
            }
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            mallar.render(ctx, "statistik/mal.jte", new MalSida(ar, varden, fel, false));
            return;
        }
        repo.sparaMal(ar, mal, user.id(), clock.instant());
        ctx.redirect("/admin/statistikmal?ar=" + ar + "&sparat=1");
    }

    /** The person-level file's columns, in order; the import reads the same. */
    public static final List<String> PERSONFIL_KOLUMNER = List.of("deltagarkod", "team", "kon", "fodelsear",
            "anmalningsdatum", "remitterande_organisationstyp", "inskrivningsdatum", "forsorjning_fore",
            "sysselsattning_fore", "utbildning", "tid_forsorjning", "anstallning_vid_start", "tidigare_deltagarkod",
            "avslutsdatum", "avslutsorsak", "forsorjning_efter", "sysselsattning_efter", "steg_mot_arbete",
            "datum_6_man", "nadd_6_man", "forsorjning_6_man", "sysselsattning_6_man", "datum_12_man",
            "nadd_12_man", "forsorjning_12_man", "sysselsattning_12_man");

    private static List<String> personrad(StatistikRepository.Person p) {
        java.util.function.Function<Integer, String> nadd = n -> n == null ? "" : n == 1 ? "ja" : "nej";
        java.util.function.Function<Object, String> s = o -> o == null ? "" : o.toString();
        return List.of(p.deltagarkod(), p.team(), p.kon(), s.apply(p.fodelsear()), s.apply(p.anmalanDatum()),
                s.apply(p.remitterandeTyp()), s.apply(p.inskrivningDatum()), s.apply(p.forsorjningFore()),
                s.apply(p.sysselsattningFore()), s.apply(p.utbildning()), s.apply(p.tidForsorjning()),
                s.apply(p.anstallningVidStart()), s.apply(p.tidigareDeltagarkod()), s.apply(p.avslutDatum()),
                s.apply(p.avslutOrsak()), s.apply(p.forsorjningEfter()), s.apply(p.sysselsattningEfter()),
                s.apply(p.steg()), s.apply(p.datum6()), nadd.apply(p.nadd6()), s.apply(p.forsorjning6()),
                s.apply(p.sysselsattning6()), s.apply(p.datum12()), nadd.apply(p.nadd12()),
                s.apply(p.forsorjning12()), s.apply(p.sysselsattning12()));
    }

    /**
     * The pseudonymised person-level file for the förbund's own analysis (koordinator only, her teams): the
     * participant code and coded values, never a name, personnummer, contact detail or free text. Every
     * participant in it gets an audit row, so she sees it under "Vem har tittat".
     */
    public void personfil(Context ctx) throws IOException {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Urval urval = urval(ctx, user, val(ctx));
        if (urval.fel() != null) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result(m.get(urval.fel()));
            return;
        }
        List<StatistikRepository.Person> personer = repo.personer(urval.fran(), urval.till(),
                urval.team() == null ? tillatnaTeam(user) : urval.team());
        audit.logMany(user.id(), se.finsam.planering.audit.Handelselogg.Handling.LAS,
                personer.stream().map(StatistikRepository.Person::id).toList(), "personfil för förbundets analys",
                ctx.ip());
        String namn = "personfil-" + urval.fran() + "-" + urval.till();
        if (ctx.path().endsWith(".xlsx")) {
            java.io.ByteArrayOutputStream ut = new java.io.ByteArrayOutputStream();
            org.dhatim.fastexcel.Workbook bok = new org.dhatim.fastexcel.Workbook(ut, "FINSAM Planering", "1.0");
            org.dhatim.fastexcel.Worksheet blad = bok.newWorksheet("personfil");
            for (int k = 0; k < PERSONFIL_KOLUMNER.size(); k++) {
                blad.value(0, k, PERSONFIL_KOLUMNER.get(k));
            }
            blad.range(0, 0, 0, PERSONFIL_KOLUMNER.size() - 1).style().bold().set();
            for (int r = 0; r < personer.size(); r++) {
                List<String> rad = personrad(personer.get(r));
                for (int k = 0; k < rad.size(); k++) {
                    blad.value(r + 1, k, rad.get(k));
                }
            }
            bok.finish();
            ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .header("Content-Disposition", "attachment; filename=\"" + namn + ".xlsx\"")
                    .result(ut.toByteArray());
            return;
        }
        CsvFil csv = new CsvFil();
        csv.rad(PERSONFIL_KOLUMNER);
        for (StatistikRepository.Person p : personer) {
            csv.rad(personrad(p));
        }
        csv.skicka(ctx, namn + ".csv");
    }


    /**
     * One table as the CSV exports write it: an empty line, its heading, population and base, the table with its
     * totals and each row's share of the base, and a last row of the columns' shares.
     */
    public static void tabellCsv(CsvFil csv, Statistik.Tabell t, Texter m) {
        String[][] celler = t.celler();
        List<Statistik.Andel> radandelar = Statistik.Tabell.radandelar(celler);
        List<Statistik.Andel> kolumnandelar = Statistik.Tabell.kolumnandelar(celler);
        csv.tomRad();
        csv.rad(t.rubrik());
        csv.rad(m.get("statistik.population"), t.population());
        csv.rad(m.get("statistik.bas"), cellvarde(celler[celler.length - 1][celler[0].length - 1]));
        List<Object> huvud = new ArrayList<>();
        huvud.add(t.radrubrik());
        huvud.addAll(t.kolumner());
        huvud.add(m.get("statistik.summa"));
        huvud.add(m.get("statistik.andel.procent"));
        csv.rad(huvud);
        for (int r = 0; r < celler.length; r++) {
            List<Object> rad = new ArrayList<>();
            rad.add(r < t.rader().size() ? t.rader().get(r) : m.get("statistik.summa"));
            for (String cell : celler[r]) {
                rad.add(cellvarde(cell));
            }
            rad.add(procent(radandelar.get(r), celler[r][celler[r].length - 1]));
            csv.rad(rad);
        }
        List<Object> andelsrad = new ArrayList<>();
        andelsrad.add(m.get("statistik.andel.procent"));
        for (int k = 0; k < kolumnandelar.size(); k++) {
            andelsrad.add(procent(kolumnandelar.get(k), celler[celler.length - 1][k]));
        }
        csv.rad(andelsrad);
    }

    /**
     * One table on a sheet of its own as the xlsx exports write it: its heading, the lines given (the period, the
     * band set), its population and base, then the table with totals and shares of the base.
     */
    public static void tabellBlad(org.dhatim.fastexcel.Worksheet blad, Statistik.Tabell t, List<String> inledning,
                                  Texter m) {
        String[][] celler = t.celler();
        List<Statistik.Andel> radandelar = Statistik.Tabell.radandelar(celler);
        List<Statistik.Andel> kolumnandelar = Statistik.Tabell.kolumnandelar(celler);
        blad.value(0, 0, t.rubrik());
        blad.style(0, 0).bold().set();
        for (int i = 0; i < inledning.size(); i++) {
            blad.value(1 + i, 0, inledning.get(i));
        }
        int rad0 = 1 + inledning.size();
        blad.value(rad0, 0, m.get("statistik.population") + ": " + t.population());
        blad.value(rad0 + 1, 0, m.get("statistik.bas"));
        cell(blad, rad0 + 1, 1, celler[celler.length - 1][celler[0].length - 1]);
        int huvudrad = rad0 + 3;
        blad.value(huvudrad, 0, t.radrubrik());
        for (int k = 0; k < t.kolumner().size(); k++) {
            blad.value(huvudrad, k + 1, t.kolumner().get(k));
        }
        int summa = t.kolumner().size() + 1;
        blad.value(huvudrad, summa, m.get("statistik.summa"));
        blad.value(huvudrad, summa + 1, m.get("statistik.andel.procent"));
        blad.range(huvudrad, 0, huvudrad, summa + 1).style().bold().set();
        for (int r = 0; r < celler.length; r++) {
            int rad = huvudrad + 1 + r;
            blad.value(rad, 0, r < t.rader().size() ? t.rader().get(r) : m.get("statistik.summa"));
            for (int k = 0; k < celler[r].length; k++) {
                cell(blad, rad, k + 1, celler[r][k]);
            }
            procentcell(blad, rad, summa + 1, radandelar.get(r), celler[r][celler[r].length - 1]);
        }
        int andelsrad = huvudrad + 1 + celler.length;
        blad.value(andelsrad, 0, m.get("statistik.andel.procent"));
        for (int k = 0; k < kolumnandelar.size(); k++) {
            procentcell(blad, andelsrad, k + 1, kolumnandelar.get(k), celler[celler.length - 1][k]);
        }
        blad.width(0, 40);
    }

    /** The band set's name with its bands, as the page and every export state it. */
    public static String bandsetNamn(Statistik.Bandset bandset, Texter m) {
        return m.get("statistik.bandset." + bandset.kod()) + " ("
                + String.join(", ", bandset.band().stream().map(b -> m.get("statistik.alder." + b)).toList()) + ")";
    }

    /** A shown count as a number (written as one in CSV), a hidden one as its marker. */
    private static Object cellvarde(String cell) {
        Integer tal = Smacellsskydd.tal(cell);
        return tal == null ? cell : tal;
    }

    /** A share in per cent with one decimal (a decimal comma in CSV), the marker when hidden, empty for no base. */
    private static Object procent(Statistik.Andel andel, String antal) {
        if (andel != null) {
            return andel.procent();
        }
        return Smacellsskydd.tal(antal) == null ? antal : null;
    }

    private static void procentcell(org.dhatim.fastexcel.Worksheet blad, int rad, int kolumn, Statistik.Andel andel,
                                    String antal) {
        if (andel != null) {
            blad.value(rad, kolumn, andel.procent());
        } else if (Smacellsskydd.tal(antal) == null) {
            blad.value(rad, kolumn, antal);
        }
    }

    /** A count as a number, a hidden one ("<5", "x") as text. */
    private static void cell(org.dhatim.fastexcel.Worksheet blad, int rad, int kolumn, String varde) {
        if (varde.chars().allMatch(Character::isDigit) && !varde.isEmpty()) {
            blad.value(rad, kolumn, Integer.parseInt(varde));
        } else {
            blad.value(rad, kolumn, varde);
        }
    }

    private Statistik.Resultat berakna(Urval urval, Texter m, Statistik.Skydd skydd) {
        return sidaVidSida(() -> repo.rader(urval.fran(), urval.till(), urval.team()),
                () -> repo.planpunkter(urval.fran(), urval.till(), urval.team()),
                (rader, punkter) -> Statistik.berakna(urval.fran(), urval.till(), urval.bandset(), skydd, rader,
                        punkter, m::get));
    }

    /**
     * Threads for the second of two reads a page makes side by side. Each read runs on a connection of its own, so
     * the database works on one while the rows of the other are read and counted here; two, so that at most two
     * pages at a time read this way and the rest wait their turn.
     */
    private static final ExecutorService BREDVID = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "statistik-bredvid");
        t.setDaemon(true);
        return t;
    });

    /** {@code forsta} on this thread and {@code andra} beside it, then both results to {@code sedan}. */
    private static <A, B, R> R sidaVidSida(Supplier<A> forsta, Supplier<B> andra, BiFunction<A, B, R> sedan) {
        CompletableFuture<B> bredvid = CompletableFuture.supplyAsync(andra, BREDVID);
        A a = forsta.get();
        try {
            return sedan.apply(a, bredvid.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException fel) {
                throw fel;
            }
            throw e;
        }
    }

    /**
     * The figures of an export: adjusted and for whole months, except when the koordinator asks for her own
     * teams' exact counts ({@code exakt=1}) for the förbund's own use.
     */
    private Statistik.Resultat exportresultat(Context ctx, Anvandare user, Urval urval, Texter m) {
        if (user.roll() == Roll.KOORDINATOR && "1".equals(ctx.queryParam("exakt"))) {
            return berakna(urval, m, Statistik.Skydd.EXAKT);
        }
        Urval hela = helaManader(urval);
        return tom(hela) ? null : berakna(hela, m, Statistik.Skydd.JUSTERAD);
    }

    /**
     * The period for adjusted figures: widened to whole months, and ending at the latest on the last day of the last
     * month that has ended. So two periods a few days apart give the same figures, and the month under way, which
     * grows by a person at a time, is counted only once it is over; two periods anyone can ask for differ by whole
     * months of people. When the chosen period lies wholly in the month under way (or later), the result ends
     * before it starts: see {@link #tom}.
     */
    Urval helaManader(Urval u) {
        LocalDate till = u.till().withDayOfMonth(u.till().lengthOfMonth());
        LocalDate sista = sistaHelaManadensSlut(LocalDate.now(clock));
        return new Urval(u.fran().withDayOfMonth(1), till.isAfter(sista) ? sista : till, u.team(), u.bandset(),
                null);
    }

    /** The last day of the last month that has ended. */
    static LocalDate sistaHelaManadensSlut(LocalDate idag) {
        return idag.withDayOfMonth(1).minusDays(1);
    }

    /** Whether a period of whole months holds no ended month. */
    static boolean tom(Urval hela) {
        return hela.till().isBefore(hela.fran());
    }

    private static final String[] MANADER = {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt",
        "nov", "dec"};

    /** A period in plain Swedish: "1 jan–30 jun 2026", or "1 dec 2025–28 feb 2026" across a New Year. */
    public static String periodtext(LocalDate fran, LocalDate till) {
        return fran.getDayOfMonth() + " " + MANADER[fran.getMonthValue() - 1]
                + (fran.getYear() == till.getYear() ? "" : " " + fran.getYear()) + "–" + dagtext(till);
    }

    private static String dagtext(LocalDate dag) {
        return dag.getDayOfMonth() + " " + MANADER[dag.getMonthValue() - 1] + " " + dag.getYear();
    }

    /**
     * What the page and the exports say about a period of whole months: which months it covers, that the chosen
     * days were widened, and that the month under way is left out (or, when nothing is left, that it has no ended
     * month yet).
     */
    static List<String> periodrader(Urval valt, Urval hela, Texter m) {
        List<String> rader = new ArrayList<>();
        if (tom(hela)) {
            rader.add(m.get("statistik.period.ingen"));
            return rader;
        }
        rader.add(m.get("statistik.period.helamanader", periodtext(hela.fran(), hela.till())));
        LocalDate helaTill = valt.till().withDayOfMonth(valt.till().lengthOfMonth());
        if (!valt.fran().equals(hela.fran()) || !valt.till().equals(helaTill)) {
            rader.add(m.get("statistik.period.utvidgad", periodtext(valt.fran(), valt.till())));
        }
        if (helaTill.isAfter(hela.till())) {
            rader.add(m.get("statistik.period.kortad", dagtext(hela.till())));
        }
        return rader;
    }

    public static String skyddText(Statistik.Skydd skydd, Texter m) {
        return m.get(skydd == Statistik.Skydd.JUSTERAD ? "statistik.skydd.justerad" : "statistik.skydd.exakt");
    }

    /** Null for all teams (styrgrupp); the koordinator's own teams otherwise. */
    private static Set<Long> tillatnaTeam(Anvandare user) {
        return user.roll() == Roll.STYRGRUPP ? null : Set.copyOf(user.teamIds());
    }

    private static Val val(Context ctx) {
        return new Val(param(ctx, "ar"), param(ctx, "kvartal"), param(ctx, "fran"), param(ctx, "till"),
                param(ctx, "team"), param(ctx, "band"));
    }

    private static String param(Context ctx, String namn) {
        String v = ctx.queryParam(namn);
        return v == null ? "" : v.trim();
    }

    /** A date (ÅÅÅÅ-MM-DD) or a month (ÅÅÅÅ-MM, as a month field sends it): its first day, or last when an end. */
    private static LocalDate datum(String text, boolean slut) {
        if (text.matches("\\d{4}-\\d{1,2}")) {
            String[] delar = text.split("-");
            java.time.YearMonth manad;
            try {
                manad = java.time.YearMonth.of(Integer.parseInt(delar[0]), Integer.parseInt(delar[1]));
            } catch (java.time.DateTimeException e) {
                throw new DateTimeParseException("ingen månad", text, 0);
            }
            return slut ? manad.atEndOfMonth() : manad.atDay(1);
        }
        return LocalDate.parse(text);
    }

    private Urval urval(Context ctx, Anvandare user, Val val) {
        Urval u = urvalUtanBand(user, val);
        if (u.fel() != null || val.band().isEmpty()) {
            return u;
        }
        Statistik.Bandset bandset = Statistik.Bandset.av(val.band());
        return bandset == null ? new Urval(null, null, null, "statistik.fel.band")
                : new Urval(u.fran(), u.till(), u.team(), bandset, null);
    }

    private Urval urvalUtanBand(Anvandare user, Val val) {
        Set<Long> tillatna = tillatnaTeam(user);
        Set<Long> team = tillatna;
        if (!val.team().isEmpty()) {
            long id;
            try {
                id = Long.parseLong(val.team());
            } catch (NumberFormatException e) {
                return new Urval(null, null, null, "statistik.fel.team");
            }
            if (tillatna != null && !tillatna.contains(id)) {
                return new Urval(null, null, null, "statistik.fel.team");
            }
            team = Set.of(id);
        }
        LocalDate idag = LocalDate.now(clock);
        try {
            if (!val.fran().isEmpty() || !val.till().isEmpty()) {
                LocalDate fran = val.fran().isEmpty() ? LocalDate.of(idag.getYear(), 1, 1) : datum(val.fran(), false);
                LocalDate till = val.till().isEmpty() ? idag : datum(val.till(), true);
                if (till.isBefore(fran)) {
                    return new Urval(null, null, null, "statistik.fel.ordning");
                }
                return new Urval(fran, till, team, null);
            }
            // Whoever sees adjusted figures starts on the year of the last ended month, so in January the styrgrupp
            // sees last year rather than a year with no ended month.
            int standardar = user.roll() == Roll.KOORDINATOR ? idag.getYear()
                    : sistaHelaManadensSlut(idag).getYear();
            int ar = val.ar().isEmpty() ? standardar : Integer.parseInt(val.ar());
            if (ar < 2000 || ar > 2100) {
                return new Urval(null, null, null, "statistik.fel.period");
            }
            if (val.kvartal().isEmpty()) {
                return new Urval(LocalDate.of(ar, 1, 1), LocalDate.of(ar, 12, 31), team, null);
            }
            int kvartal = Integer.parseInt(val.kvartal());
            if (kvartal < 1 || kvartal > 4) {
                return new Urval(null, null, null, "statistik.fel.period");
            }
            LocalDate fran = LocalDate.of(ar, kvartal * 3 - 2, 1);
            return new Urval(fran, fran.plusMonths(3).minusDays(1), team, null);
        } catch (NumberFormatException | DateTimeParseException e) {
            return new Urval(null, null, null, "statistik.fel.period");
        }
    }
}
