package se.finsam.planering.enkat;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.statistik.Statistik;
import se.finsam.planering.statistik.StatistikRoutes;
import se.finsam.planering.web.Alternativ;
import se.finsam.planering.web.CsvFil;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * The administrator's question sets (from a file or written in the form), and the results for the koordinator (her
 * teams) and the styrgrupp (all teams): counts per question and step by team, kön and age band, adjusted by the
 * answers' cell keys for both, and the answers one row each without identity. Only years that have ended are shown,
 * so that no one can watch a count move as one person answers.
 */
public final class EnkatRoutes {

    public record ListaSida(List<EnkatRepository.Enkat> enkater, Formularfel fel) {
    }

    public record NySida(Map<String, String> varden, Formularfel fel) {
        public String v(String namn) {
            return varden.getOrDefault(namn, "");
        }
    }

    public record VisaSida(EnkatRepository.Fragor fragor) {
    }

    public record ResultatSida(List<EnkatRepository.Enkat> enkater, EnkatRepository.Enkat enkat, int ar,
                               List<Integer> arval, boolean pagaende, String antal,
                               List<Enkatresultat.Fragetabeller> fragor, String fel, Statistik.Bandset bandset,
                               String bandsetNamn) {
        /** The band sets to choose from: code and name with its bands. */
        public List<String[]> bandval(Texter m) {
            return java.util.Arrays.stream(Statistik.Bandset.values())
                    .map(b -> new String[] {b.kod(), StatistikRoutes.bandsetNamn(b, m)}).toList();
        }

        /** The address's query for the exports: the set, the year and the band set. */
        public String fraga() {
            return "?enkat=" + enkat.id() + "&ar=" + ar + "&band=" + bandset.kod();
        }
    }

    private final EnkatRepository repo;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    public EnkatRoutes(EnkatRepository repo, Handelselogg audit, Mallar mallar, Webbkontext web, Clock clock) {
        this.repo = repo;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    // ---- The administrator's question sets ----

    public void lista(Context ctx) {
        mallar.render(ctx, "enkat/lista.jte", new ListaSida(repo.lista(), Formularfel.none()));
    }

    public void laddaUpp(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        UploadedFile fil = ctx.uploadedFile("fil");
        if (fil == null || fil.size() == 0) {
            listaMedFel(ctx, 400, List.of(new Formularfel.Meddelande("import.fel.ingenfil")));
            return;
        }
        if (fil.size() > Fragefil.MAX_BYTES) {
            listaMedFel(ctx, 413, List.of(new Formularfel.Meddelande("import.fel.storlek", Fragefil.MAX_BYTES / 1024)));
            return;
        }
        byte[] innehall;
        try (InputStream in = fil.content()) {
            innehall = in.readNBytes(Fragefil.MAX_BYTES + 1);
        } catch (IOException e) {
            throw Felsvar.badRequest(web.messages(ctx).get("fel.400"));
        }
        Fragefil.Lasning l = Fragefil.las(fil.filename(), innehall);
        if (!l.ok()) {
            listaMedFel(ctx, l.fel().get(0).nyckel().equals("import.fel.typ") ? 415 : 400, l.fel());
            return;
        }
        long id = repo.skapa(l.enkat(), clock.instant());
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, "lade in frågeformuläret " + l.enkat().namn(),
                ctx.ip());
        ctx.redirect("/admin/enkater/" + id);
    }

    private void listaMedFel(Context ctx, int status, List<Formularfel.Meddelande> meddelanden) {
        Formularfel fel = new Formularfel();
        // The summary lists every problem; each links to the file field.
        for (int i = 0; i < meddelanden.size(); i++) {
            fel.add(i == 0 ? "fil" : "fil-" + i, meddelanden.get(i));
        }
        ctx.status(status);
        mallar.render(ctx, "enkat/lista.jte", new ListaSida(repo.lista(), fel));
    }

    public void ny(Context ctx) {
        mallar.render(ctx, "enkat/ny.jte", new NySida(Map.of("skala", "instammer5"), Formularfel.none()));
    }

    public void skapa(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Formular f = Formular.av(ctx);
        Map<String, String> varden = new LinkedHashMap<>();
        for (String namn : List.of("namn", "tillfalle", "skala", "fragor_sv", "fragor_en", "fragor_ar")) {
            varden.put(namn, f.somSkrivet(namn) == null ? "" : f.somSkrivet(namn));
        }
        Fragefil.Lasning l = Fragefil.formular(varden.get("namn"), varden.get("tillfalle"), varden.get("skala"),
                varden.get("fragor_sv"), varden.get("fragor_en"), varden.get("fragor_ar"));
        if (!l.ok()) {
            Formularfel fel = new Formularfel();
            for (Formularfel.Meddelande m : l.fel()) {
                String falt = switch (m.nyckel()) {
                    case "enkat.fel.namn" -> "namn";
                    case "enkat.fel.tillfalle" -> "tillfalle-forsta_uppfoljning";
                    case "enkat.fel.fraga.skala", "enkat.fel.skala.steg", "enkat.fel.skala.text" -> "skala-instammer5";
                    default -> "fragor_sv";
                };
                if (!fel.has(falt)) {
                    fel.add(falt, m);
                }
            }
            ctx.status(400);
            mallar.render(ctx, "enkat/ny.jte", new NySida(varden, fel));
            return;
        }
        long id = repo.skapa(l.enkat(), clock.instant());
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, "skrev frågeformuläret " + l.enkat().namn(),
                ctx.ip());
        ctx.redirect("/admin/enkater/" + id);
    }

    public void visa(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        var fragor = repo.fragor(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("enkat.admin.finnsinte")));
        mallar.render(ctx, "enkat/visa.jte", new VisaSida(fragor));
    }

    public void aktivera(Context ctx) {
        satt(ctx, true);
    }

    public void stoppa(Context ctx) {
        satt(ctx, false);
    }

    private void satt(Context ctx, boolean aktiv) {
        Anvandare user = web.requireUser(ctx);
        long id = Formular.sokvagsId(ctx, "id");
        if (!repo.satt(id, aktiv)) {
            throw Felsvar.notFound(web.messages(ctx).get("enkat.admin.finnsinte"));
        }
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null,
                (aktiv ? "aktiverade" : "stoppade") + " frågeformulär " + id, ctx.ip());
        web.flash(ctx, aktiv ? "flash.enkat.aktiverad" : "flash.enkat.stoppad");
        ctx.redirect("/admin/enkater/" + id);
    }

    // ---- Results and answers ----

    private record Urval(List<EnkatRepository.Enkat> enkater, EnkatRepository.Enkat enkat, int ar, boolean pagaende,
                         Set<Long> team, Statistik.Bandset bandset, String fel) {
    }

    private Urval urval(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Set<Long> team = user.roll() == Roll.STYRGRUPP ? null : Set.copyOf(user.teamIds());
        List<EnkatRepository.Enkat> enkater = repo.lista();
        int iar = LocalDate.now(clock).getYear();
        String fel = null;
        int ar = iar - 1;
        String arText = ctx.queryParam("ar");
        if (arText != null && !arText.isBlank()) {
            try {
                ar = Integer.parseInt(arText.strip());
                if (ar < 2000 || ar > iar) {
                    fel = "enkat.resultat.fel.ar";
                    ar = iar - 1;
                }
            } catch (NumberFormatException e) {
                fel = "enkat.resultat.fel.ar";
            }
        }
        EnkatRepository.Enkat enkat = enkater.stream().filter(EnkatRepository.Enkat::aktiv).findFirst()
                .orElse(enkater.isEmpty() ? null : enkater.get(0));
        String enkatText = ctx.queryParam("enkat");
        if (enkatText != null && !enkatText.isBlank()) {
            Long id = Formular.positivt(enkatText.strip());
            enkat = id == null ? null : enkater.stream().filter(e -> e.id() == id).findFirst().orElse(null);
            if (enkat == null) {
                fel = "enkat.resultat.fel.enkat";
            }
        }
        Statistik.Bandset bandset = Statistik.Bandset.NATIONELL;
        String bandText = ctx.queryParam("band");
        if (bandText != null && !bandText.isBlank()) {
            Statistik.Bandset valt = Statistik.Bandset.av(bandText.strip());
            if (valt == null) {
                fel = fel == null ? "statistik.fel.band" : fel;
            } else {
                bandset = valt;
            }
        }
        return new Urval(enkater, enkat, ar, ar >= iar, team, bandset, fel);
    }

    public void resultat(Context ctx) {
        Urval u = urval(ctx);
        Texter m = web.messages(ctx);
        List<Integer> arval = new ArrayList<>();
        int iar = LocalDate.now(clock).getYear();
        for (int a = iar; a >= Math.min(iar - 5, repo.ar().stream().min(Integer::compare).orElse(iar)); a--) {
            arval.add(a);
        }
        String bandsetNamn = StatistikRoutes.bandsetNamn(u.bandset(), m);
        if (u.fel() != null) {
            ctx.status(400);
            mallar.render(ctx, "enkat/resultat.jte", new ResultatSida(u.enkater(), u.enkat(), u.ar(), arval,
                    u.pagaende(), null, List.of(), m.get(u.fel()), u.bandset(), bandsetNamn));
            return;
        }
        if (u.enkat() == null) {
            mallar.render(ctx, "enkat/resultat.jte", new ResultatSida(u.enkater(), null, u.ar(), arval,
                    u.pagaende(), null, List.of(), null, u.bandset(), bandsetNamn));
            return;
        }
        List<EnkatRepository.Svar> svar = repo.svar(u.enkat().id(), u.ar(), u.team());
        String antal = Integer.toString(Enkatresultat.antal(svar, SKYDD));
        List<Enkatresultat.Fragetabeller> fragor = u.pagaende() ? List.of() : fragetabeller(u, svar, m);
        mallar.render(ctx, "enkat/resultat.jte", new ResultatSida(u.enkater(), u.enkat(), u.ar(), arval,
                u.pagaende(), antal, fragor, null, u.bandset(), bandsetNamn));
    }

    /**
     * How every count of the results is shown, to the styrgrupp and the koordinator alike, on the page and in the
     * exports: adjusted by the answers' cell keys. Unlike the statistics, the koordinator gets no exact counts here:
     * she knows whom she followed up, so an exact small count of her team would tell her what one of them answered.
     */
    static final Statistik.Skydd SKYDD = Statistik.Skydd.JUSTERAD;

    private List<Enkatresultat.Fragetabeller> fragetabeller(Urval u, List<EnkatRepository.Svar> svar, Texter m) {
        EnkatRepository.Fragor fragor = repo.fragor(u.enkat().id()).orElseThrow();
        // The teams across: the koordinator's own teams, or for the styrgrupp every team that has answers.
        List<EnkatRepository.Team> team = repo.team(u.team()).stream()
                .filter(t -> u.team() != null || svar.stream().anyMatch(s -> s.teamId() == t.id())).toList();
        return Enkatresultat.berakna(fragor, team, svar, u.bandset(), SKYDD, u.ar(), m);
    }

    /** The tables of an ended year as on the page, adjusted, as one CSV file. */
    public void resultatCsv(Context ctx) {
        Tabeller t = tabellerForExport(ctx);
        if (t == null) {
            return;
        }
        Texter m = web.messages(ctx);
        CsvFil csv = new CsvFil();
        csv.rad(m.get("enkat.resultat.rubrik"), t.fragor().enkat().namn(), Integer.toString(t.ar()));
        csv.rad(m.get("enkat.resultat.tillfalle"), m.get("enkat.tillfalle." + t.fragor().enkat().tillfalle()));
        csv.rad(m.get("statistik.aldersgrupper"), StatistikRoutes.bandsetNamn(t.bandset(), m));
        csv.rad(m.get("enkat.resultat.antal.rubrik"), t.antal());
        csv.rad(m.get("statistik.skydd.rubrik"), StatistikRoutes.skyddText(SKYDD, m));
        for (Enkatresultat.Fragetabeller f : t.tabeller()) {
            for (Statistik.Tabell tabell : f.tabeller()) {
                StatistikRoutes.tabellCsv(csv, tabell, m);
            }
        }
        csv.skicka(ctx, t.filnamn() + ".csv");
    }

    /** The same tables as an .xlsx workbook: a sheet that names the set, year and band set, and one per table. */
    public void resultatXlsx(Context ctx) throws IOException {
        Tabeller t = tabellerForExport(ctx);
        if (t == null) {
            return;
        }
        Texter m = web.messages(ctx);
        ByteArrayOutputStream ut = new ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook bok = new org.dhatim.fastexcel.Workbook(ut, "FINSAM Planering", "1.0");
        org.dhatim.fastexcel.Worksheet oversikt = bok.newWorksheet("oversikt");
        String bandset = StatistikRoutes.bandsetNamn(t.bandset(), m);
        List<String[]> rader = List.of(
                new String[] {m.get("enkat.resultat.rubrik"), t.fragor().enkat().namn()},
                new String[] {m.get("enkat.resultat.ar"), Integer.toString(t.ar())},
                new String[] {m.get("enkat.resultat.tillfalle"), m.get("enkat.tillfalle." + t.fragor().enkat().tillfalle())},
                new String[] {m.get("statistik.aldersgrupper"), bandset},
                new String[] {m.get("statistik.skydd.rubrik"), StatistikRoutes.skyddText(SKYDD, m)});
        for (int r = 0; r < rader.size(); r++) {
            oversikt.value(r, 0, rader.get(r)[0]);
            oversikt.value(r, 1, rader.get(r)[1]);
        }
        oversikt.value(rader.size(), 0, m.get("enkat.resultat.antal.rubrik"));
        oversikt.value(rader.size(), 1, t.antal());
        oversikt.style(0, 0).bold().set();
        oversikt.width(0, 40);
        oversikt.width(1, 60);
        for (Enkatresultat.Fragetabeller f : t.tabeller()) {
            for (Statistik.Tabell tabell : f.tabeller()) {
                StatistikRoutes.tabellBlad(bok.newWorksheet(tabell.id()), tabell, List.of(
                        t.fragor().enkat().namn() + ", " + t.ar(), m.get("statistik.aldersgrupper") + ": " + bandset),
                        m);
            }
        }
        bok.finish();
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"" + t.filnamn() + ".xlsx\"")
                .result(ut.toByteArray());
    }

    private record Tabeller(EnkatRepository.Fragor fragor, int ar, Statistik.Bandset bandset, int antal,
                            List<Enkatresultat.Fragetabeller> tabeller, String filnamn) {
    }

    /** The choice of an export (a survey, an ended year), or null when the request was answered with an error. */
    private Urval exporterbart(Context ctx) {
        Urval u = urval(ctx);
        if (u.fel() == null && u.enkat() == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result(web.messages(ctx).get("enkat.resultat.inga"));
            return null;
        }
        String fel = u.fel() != null ? u.fel() : u.pagaende() ? "enkat.resultat.fel.pagaende" : null;
        if (fel != null) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result(web.messages(ctx).get(fel));
            return null;
        }
        return u;
    }

    /** The tables of an export, or null when the request was answered with an error. */
    private Tabeller tabellerForExport(Context ctx) {
        Urval u = exporterbart(ctx);
        if (u == null) {
            return null;
        }
        EnkatRepository.Fragor fragor = repo.fragor(u.enkat().id()).orElseThrow();
        List<EnkatRepository.Svar> svar = repo.svar(u.enkat().id(), u.ar(), u.team());
        Anvandare user = web.requireUser(ctx);
        audit.log(user.id(), Handelselogg.Handling.LAS, null, "enkätresultat " + fragor.enkat().namn() + " " + u.ar(),
                ctx.ip());
        return new Tabeller(fragor, u.ar(), u.bandset(), Enkatresultat.antal(svar, SKYDD),
                fragetabeller(u, svar, web.messages(ctx)),
                "enkatresultat-" + fragor.enkat().id() + "-" + u.ar() + "-" + u.bandset().kod());
    }

    /** The answers of an ended year, one row each, for a national compilation: no identity, small groups coarsened. */
    public void svarCsv(Context ctx) {
        Export e = export(ctx);
        if (e == null) {
            return;
        }
        CsvFil csv = new CsvFil();
        csv.rad(e.huvud());
        e.rader().forEach(csv::rad);
        csv.skicka(ctx, e.filnamn() + ".csv");
    }

    public void svarXlsx(Context ctx) throws IOException {
        Export e = export(ctx);
        if (e == null) {
            return;
        }
        ByteArrayOutputStream ut = new ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook bok = new org.dhatim.fastexcel.Workbook(ut, "FINSAM Planering", "1.0");
        org.dhatim.fastexcel.Worksheet blad = bok.newWorksheet("svar");
        for (int k = 0; k < e.huvud().size(); k++) {
            blad.value(0, k, e.huvud().get(k));
        }
        blad.range(0, 0, 0, e.huvud().size() - 1).style().bold().set();
        for (int r = 0; r < e.rader().size(); r++) {
            List<Object> rad = e.rader().get(r);
            for (int k = 0; k < rad.size(); k++) {
                Object v = rad.get(k);
                if (v instanceof Integer i) {
                    blad.value(r + 1, k, i);
                } else if (v != null) {
                    blad.value(r + 1, k, v.toString());
                }
            }
        }
        org.dhatim.fastexcel.Worksheet fragor = bok.newWorksheet("fragor");
        List<String> fhuvud = List.of("kod", "fraga_sv", "fraga_en", "fraga_ar", "skala");
        for (int k = 0; k < fhuvud.size(); k++) {
            fragor.value(0, k, fhuvud.get(k));
        }
        fragor.range(0, 0, 0, fhuvud.size() - 1).style().bold().set();
        int nr = 0;
        for (EnkatRepository.Fraga f : e.fragor().fragor()) {
            nr++;
            fragor.value(nr, 0, "f" + nr);
            fragor.value(nr, 1, f.text().sv());
            fragor.value(nr, 2, f.text().en());
            fragor.value(nr, 3, f.text().ar());
            fragor.value(nr, 4, String.join(", ", f.skala().stream().map(s -> s.varde() + " = " + s.text().sv())
                    .toList()));
        }
        bok.finish();
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"" + e.filnamn() + ".xlsx\"")
                .result(ut.toByteArray());
    }

    private record Export(List<String> huvud, List<List<Object>> rader, EnkatRepository.Fragor fragor,
                          String filnamn) {
    }

    /** The export's rows, or null when the request was answered with an error. */
    private Export export(Context ctx) {
        Urval u = exporterbart(ctx);
        if (u == null) {
            return null;
        }
        EnkatRepository.Fragor fragor = repo.fragor(u.enkat().id()).orElseThrow();
        List<EnkatRepository.Svar> svar = Grovre.grovre(repo.svar(u.enkat().id(), u.ar(), u.team()));
        List<String> huvud = new ArrayList<>(List.of("enkat", "tillfalle", "ar", "team", "kon", "aldersband"));
        for (int i = 1; i <= fragor.fragor().size(); i++) {
            huvud.add("f" + i);
        }
        List<List<Object>> rader = new ArrayList<>();
        for (EnkatRepository.Svar s : svar) {
            List<Object> rad = new ArrayList<>(List.of(fragor.enkat().namn(), fragor.enkat().tillfalle(), s.ar(),
                    s.team(), s.kon(), s.aldersband()));
            for (EnkatRepository.Fraga f : fragor.fragor()) {
                rad.add(s.varden().get(f.id()));
            }
            rader.add(rad);
        }
        Anvandare user = web.requireUser(ctx);
        audit.log(user.id(), Handelselogg.Handling.LAS, null, "enkätsvar " + fragor.enkat().namn() + " " + u.ar(),
                ctx.ip());
        return new Export(huvud, rader, fragor, "enkatsvar-" + fragor.enkat().id() + "-" + u.ar());
    }

    /** For the admin form: the occasions and the scales to choose from. */
    public static List<Alternativ> tillfallen(java.util.function.Function<String, String> t) {
        return Fragefil.TILLFALLEN.stream().map(k -> new Alternativ(k, t.apply("enkat.tillfalle." + k))).toList();
    }

    public static List<Alternativ> skalor() {
        return List.of(
                new Alternativ("instammer5", String.join(" – ", Fragefil.FORVALDA.get("instammer5").stream()
                        .map(Fragefil.Text3::sv).toList())),
                new Alternativ("ja_nej", String.join(" – ", Fragefil.FORVALDA.get("ja_nej").stream()
                        .map(Fragefil.Text3::sv).toList())));
    }
}
