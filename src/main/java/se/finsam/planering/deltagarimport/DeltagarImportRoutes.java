package se.finsam.planering.deltagarimport;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Kalkylblad;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * The koordinator imports a team's existing participants (its history from earlier lists) from a spreadsheet
 * with the person-level file's columns: upload, preview, confirm. Nothing is saved until the whole file is valid;
 * a code already in the team is left as it is, so importing the same file twice adds nothing.
 */
public final class DeltagarImportRoutes {

    public record Team(long id, String namn) {
    }

    public record Sida(List<Team> team, Long valtTeam, Formularfel fel, List<String> radfel) {
    }

    public record Granskning(Team team, int nya, int fanns, List<DeltagarImport.Rad> forsta, String token) {
    }

    private final DeltagarImportRepository repo;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;
    private final java.util.function.Function<java.util.Set<Long>, List<Team>> teamnamn;

    public DeltagarImportRoutes(DeltagarImportRepository repo, Handelselogg audit, Mallar mallar, Webbkontext web,
                                Clock clock, java.util.function.Function<java.util.Set<Long>, List<Team>> teamnamn) {
        this.repo = repo;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
        this.teamnamn = teamnamn;
        this.uppladdningar = new Uppladdningar(clock);
    }

    private final Uppladdningar uppladdningar;

    /** The template as an .xlsx workbook: the columns, and a sheet of the allowed codes with their meaning. */
    public void mallXlsx(Context ctx) throws IOException {
        web.requireUser(ctx);
        Texter m = web.messages(ctx);
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"deltagarimport-mall.xlsx\"")
                .result(Mall.xlsx(k -> m.get(k)));
    }

    /** The template's columns as CSV. */
    public void mallCsv(Context ctx) {
        web.requireUser(ctx);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"deltagarimport-mall.csv\"")
                .result(Mall.csvKolumner());
    }

    /** The allowed codes of each column, with their meaning, as CSV. */
    public void koderCsv(Context ctx) {
        web.requireUser(ctx);
        Texter m = web.messages(ctx);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"deltagarimport-koder.csv\"")
                .result(Mall.csvKoder(k -> m.get(k)));
    }

    public void sida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        mallar.render(ctx, "statistik/import.jte", new Sida(teamnamn.apply(user.teamIds()), null,
                Formularfel.none(), List.of()));
    }

    private Team team(Context ctx, Anvandare user, Formular f) {
        Long id = f.id("team", "deltagarimport.fel.team");
        return id == null || !user.teamIds().contains(id) ? null
                : teamnamn.apply(user.teamIds()).stream().filter(t -> t.id() == id).findFirst().orElse(null);
    }

    private void fel(Context ctx, Anvandare user, Long team, int status, Formularfel fel, List<String> radfel) {
        ctx.status(status);
        mallar.render(ctx, "statistik/import.jte", new Sida(teamnamn.apply(user.teamIds()), team, fel, radfel));
    }

    /** The errors shown, with a last line for the rows with errors past the first ones when there are such. */
    private static final class Radfel {
        private final List<String> fel = new ArrayList<>();
        private final java.util.Set<Integer> rader = new java.util.HashSet<>();
        private final java.util.Set<Integer> fler = new java.util.HashSet<>();
        private int flerUtanNummer;

        void add(int rad, String text) {
            if (rader.contains(rad) || rader.size() < DeltagarImport.MAX_FELRADER) {
                rader.add(rad);
                fel.add(text);
            } else {
                fler.add(rad);
            }
        }

        List<String> lista(Texter m) {
            int antal = fler.size() + flerUtanNummer;
            if (antal > 0) {
                fel.add(m.get("deltagarimport.fel.fler", antal));
            }
            return fel;
        }
    }

    /**
     * Checks the file's rows and what they meet in the database; the errors of the first rows with errors, each
     * with its line, translated, and a last line saying how many more rows have errors.
     */
    private List<String> kontrollera(DeltagarImport.Granskning g, long teamId, Texter m) {
        Radfel fel = new Radfel();
        for (DeltagarImport.Fel f : g.fel()) {
            fel.add(f.rad(), m.get(f.nyckel(), f.argument().toArray()));
        }
        fel.flerUtanNummer = g.flerFelrader();
        Map<String, Long> befintliga = repo.befintliga(g.rader().stream().map(DeltagarImport.Rad::kod).toList());
        Map<String, Long> organisationer = repo.organisationPerTyp();
        java.util.Set<String> foregangare = new java.util.HashSet<>(repo.utanEfterfoljare(teamId,
                g.rader().stream().map(DeltagarImport.Rad::tidigareKod).filter(java.util.Objects::nonNull).toList()));
        for (DeltagarImport.Rad r : g.rader()) {
            Long annat = befintliga.get(r.kod().toUpperCase());
            if (annat != null && annat != teamId) {
                fel.add(r.rad(), m.get("deltagarimport.fel.annatteam", r.rad(), r.kod()));
            }
            if (!organisationer.containsKey(r.organisationstyp())) {
                fel.add(r.rad(), m.get("deltagarimport.fel.organisation", r.rad(), r.organisationstyp()));
            }
            // A row already in the team is left as it is; a new row's earlier code must be one it can follow:
            // an ended participant of the team, or a row above with an end date, that no one follows yet.
            boolean sparas = annat == null;
            if (sparas && r.tidigareKod() != null && !foregangare.remove(r.tidigareKod().toUpperCase())) {
                fel.add(r.rad(), m.get("deltagarimport.fel.tidigare", r.rad(), r.tidigareKod()));
            }
            if (sparas && r.avslut() != null) {
                foregangare.add(r.kod().toUpperCase());
            }
        }
        return fel.lista(m);
    }

    public void granska(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        String valt = ctx.formParam("team");
        Formular f = Formular.av(Map.of("team", valt == null ? "" : valt));
        Team team = team(ctx, user, f);
        UploadedFile fil = ctx.uploadedFile("fil");
        Formularfel fel = new Formularfel();
        if (team == null) {
            fel.add("team", "deltagarimport.fel.team");
        }
        if (fil == null || fil.size() == 0) {
            fel.add("fil", "import.fel.ingenfil");
        } else if (fil.size() > DeltagarImport.MAX_BYTES) {
            fel.add("fil", "import.fel.storlek", DeltagarImport.MAX_BYTES / 1024);
        }
        if (!fel.isEmpty()) {
            fel(ctx, user, team == null ? null : team.id(), 400, fel, List.of());
            return;
        }
        byte[] innehall;
        try (InputStream in = fil.content()) {
            innehall = in.readNBytes(DeltagarImport.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Kalkylblad.Blad blad = Kalkylblad.las(fil.filename(), innehall, DeltagarImport.MAX_BYTES,
                DeltagarImport.MAX_RADER);
        if (!blad.ok()) {
            fel(ctx, user, team.id(), blad.fel().equals("import.fel.typ") ? 415 : 400,
                    new Formularfel().add("fil", blad.fel(), blad.argument().toArray()), List.of());
            return;
        }
        forhandsvisa(ctx, user, team, blad, m, fil.filename(), innehall);
    }

    private void forhandsvisa(Context ctx, Anvandare user, Team team, Kalkylblad.Blad blad, Texter m,
                              String filnamn, byte[] innehall) {
        DeltagarImport.Granskning g = DeltagarImport.granska(blad, LocalDate.now(clock));
        List<String> radfel = kontrollera(g, team.id(), m);
        if (!radfel.isEmpty()) {
            fel(ctx, user, team.id(), 422, new Formularfel().add("fil", "deltagarimport.fel.rader", radfel.size()),
                    radfel);
            return;
        }
        Map<String, Long> befintliga = repo.befintliga(g.rader().stream().map(DeltagarImport.Rad::kod).toList());
        int fanns = (int) g.rader().stream().filter(r -> befintliga.containsKey(r.kod().toUpperCase())).count();
        mallar.render(ctx, "statistik/import-granska.jte", new Granskning(team, g.rader().size() - fanns, fanns,
                g.rader().subList(0, Math.min(10, g.rader().size())),
                uppladdningar.behall(user.id(), team.id(), filnamn, innehall)));
    }

    public void spara(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Uppladdningar.Uppladdning fil = uppladdningar.ta(ctx.formParam("token"), user.id()).orElse(null);
        if (fil == null) {
            fel(ctx, user, null, 400, new Formularfel().add("fil", "deltagarimport.fel.utgangen"), List.of());
            return;
        }
        Team team = user.teamIds().contains(fil.team()) ? teamnamn.apply(user.teamIds()).stream()
                .filter(t -> t.id() == fil.team()).findFirst().orElse(null) : null;
        if (team == null) {
            fel(ctx, user, null, 400, new Formularfel().add("team", "deltagarimport.fel.team"), List.of());
            return;
        }
        Kalkylblad.Blad blad = Kalkylblad.las(fil.filnamn(), fil.innehall(), DeltagarImport.MAX_BYTES,
                DeltagarImport.MAX_RADER);
        DeltagarImport.Granskning g = DeltagarImport.granska(blad, LocalDate.now(clock));
        List<String> radfel = kontrollera(g, team.id(), m);
        if (!radfel.isEmpty()) {
            fel(ctx, user, team.id(), 422, new Formularfel().add("fil", "deltagarimport.fel.rader", radfel.size()),
                    radfel);
            return;
        }
        DeltagarImportRepository.Utfall utfall = repo.spara(team.id(), g.rader(), user.id(),
                repo.organisationPerTyp(), clock.instant());
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, "deltagarimport: " + utfall.nya() + " nya, "
                + utfall.fanns() + " fanns redan", ctx.ip());
        web.flash(ctx, "flash.deltagarimport");
        ctx.redirect("/statistik");
    }
}
