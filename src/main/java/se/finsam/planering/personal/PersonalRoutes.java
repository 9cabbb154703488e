package se.finsam.planering.personal;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.auth.Inloggningsbroms;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.auth.Sessioner;
import se.finsam.planering.web.CsvFil;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * Staff accounts for the administrator (create with an invitation, change, deactivate, reactivate, new invitation,
 * unlock, import from a spreadsheet) and the invitation page where a new staff member chooses a password.
 */
public final class PersonalRoutes {

    public record Rad(PersonalRepository.Person person, boolean last, boolean inbjuden) {
    }

    public record ListaPage(List<Rad> personer) {
    }

    /** The form for a new person, as typed. */
    public record NyPage(Map<String, String> varden, List<String> valdaTeam, Formularfel fel,
                         List<PersonalRepository.Val> organisationer, List<PersonalRepository.Val> team,
                         List<Roll> roller) {
        public String varde(String falt) {
            return varden.getOrDefault(falt, "");
        }
    }

    public record InbjudanSkapadPage(long id, String namn, String anvandarnamn, String lank, Instant giltigTill,
                                     boolean ny) {
    }

    public record VisaPage(PersonalRepository.Person person, Formularfel fel, List<PersonalRepository.Val> organisationer,
                           List<PersonalRepository.Val> team, List<Roll> roller, Optional<Duration> last,
                           boolean inbjuden, List<PersonalRepository.Andring> andringar) {
    }

    public record ImportPage(Formularfel fel) {
    }

    public record GranskningPage(Personaladministration.Import importen, String data) {
    }

    public record Lank(String namn, String epost, String anvandarnamn, String lank) {
    }

    public record ResultatPage(Personaladministration.Import importen, List<Lank> lankar, String lankarCsv,
                               Instant giltigTill) {
    }

    public record InbjudanPage(String token, String namn, String anvandarnamn, Formularfel fel, boolean giltig) {
    }

    private final PersonalRepository repo;
    private final Personaladministration admin;
    private final Inbjudningar inbjudningar;
    private final Sessioner sessions;
    private final Inloggningsbroms throttle;
    private final Losenordshash hasher;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;
    private final String baseUrl;

    public PersonalRoutes(PersonalRepository repo, Inbjudningar inbjudningar, Sessioner sessions,
                          Inloggningsbroms throttle, Losenordshash hasher, Handelselogg audit, Mallar mallar,
                          Webbkontext web, Clock clock, String baseUrl) {
        this.repo = repo;
        this.inbjudningar = inbjudningar;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.admin = new Personaladministration(repo, inbjudningar, sessions, throttle, clock);
    }

    // ---- the list and one person ----

    public void lista(Context ctx) {
        List<Rad> rader = repo.alla().stream()
                .map(p -> new Rad(p, admin.last(p).isPresent(), inbjudningar.harGiltig(p.id()))).toList();
        mallar.render(ctx, "personal/lista.jte", new ListaPage(rader));
    }

    public void ny(Context ctx) {
        mallar.render(ctx, "personal/ny.jte", nyPage(Map.of(), List.of(), Formularfel.none()));
    }

    private NyPage nyPage(Map<String, String> varden, List<String> team, Formularfel fel) {
        return new NyPage(varden, team, fel, repo.organisationer(), repo.team(), PersonalRepository.PERSONALROLLER);
    }

    public void skapa(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        PersonalRegler.Uppgifter u = new PersonalRegler.Uppgifter(param(ctx, "anvandarnamn"), param(ctx, "namn"),
                param(ctx, "epost"), param(ctx, "telefon"), param(ctx, "roll"), param(ctx, "organisation"),
                ctx.formParams("team"));
        Personaladministration.Skapande skapande = admin.skapa(user.id(), u);
        if (skapande.skapad().isEmpty()) {
            ctx.status(skapande.brott().stream().anyMatch(b -> b.nyckel().endsWith(".finns")) ? 409 : 400);
            Map<String, String> varden = Map.of("anvandarnamn", u.anvandarnamn(), "namn", u.namn(), "epost", u.epost(),
                    "telefon", u.telefon(), "roll", u.roll(), "organisation", u.organisation());
            mallar.render(ctx, "personal/ny.jte", nyPage(varden, u.team(), fel(m, skapande.brott())));
            return;
        }
        Personaladministration.Skapad s = skapande.skapad().get();
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, vad(s.id(), "skapat med inbjudan"),
                ctx.ip());
        ctx.status(201);
        mallar.render(ctx, "personal/inbjudan-skapad.jte", new InbjudanSkapadPage(s.id(), s.namn(),
                s.anvandarnamn(), lank(s.token()), clock.instant().plus(Inbjudningar.GILTIG), true));
    }

    public void visa(Context ctx) {
        PersonalRepository.Person p = person(ctx);
        mallar.render(ctx, "personal/visa.jte", visaPage(p, Formularfel.none()));
    }

    private VisaPage visaPage(PersonalRepository.Person p, Formularfel fel) {
        return new VisaPage(p, fel, repo.organisationer(), repo.team(), PersonalRepository.PERSONALROLLER,
                admin.last(p), inbjudningar.harGiltig(p.id()), repo.andringar(p.id()));
    }

    public void andra(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        PersonalRepository.Person p = person(ctx);
        Optional<PersonalRegler.Brott> fel = admin.andra(user.id(), p.id(), param(ctx, "roll"),
                param(ctx, "organisation"), ctx.formParams("team"));
        if (fel.isPresent()) {
            ctx.status(fel.get().nyckel().equals("personal.fel.sistaadmin") ? 409 : 400);
            mallar.render(ctx, "personal/visa.jte", visaPage(p, fel(web.messages(ctx), List.of(fel.get()))));
            return;
        }
        boolean utloggad = repo.hitta(p.id()).map(efter -> Personaladministration.kraverNyInloggning(p.roll(),
                efter.roll())).orElse(false);
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, vad(p.id(), "roll, organisation och team ändrade"
                + (utloggad ? ", utloggat överallt (rollen kräver andra faktor)" : "")), ctx.ip());
        web.flash(ctx, "flash.personal.andrad");
        ctx.redirect("/admin/personal/" + p.id());
    }

    public void inaktivera(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        PersonalRepository.Person p = person(ctx);
        Optional<String> fel = admin.inaktivera(user.id(), p.id());
        if (fel.isPresent()) {
            ctx.status(409);
            mallar.render(ctx, "personal/visa.jte",
                    visaPage(p, new Formularfel().add("inaktivera", fel.get())));
            return;
        }
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, vad(p.id(), "inaktiverat, utloggat överallt"), ctx.ip());
        web.flash(ctx, "flash.personal.inaktiverad");
        ctx.redirect("/admin/personal/" + p.id());
    }

    public void aktivera(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        PersonalRepository.Person p = person(ctx);
        admin.aktivera(user.id(), p.id());
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, vad(p.id(), "aktiverat igen"), ctx.ip());
        web.flash(ctx, "flash.personal.aktiverad");
        ctx.redirect("/admin/personal/" + p.id());
    }

    public void nyInbjudan(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        PersonalRepository.Person p = person(ctx);
        Optional<String> token = admin.nyInbjudan(user.id(), p.id());
        if (token.isEmpty()) {
            ctx.status(409);
            mallar.render(ctx, "personal/visa.jte", visaPage(p,
                    new Formularfel().add("inbjudan", "personal.fel.inaktiv.inbjudan")));
            return;
        }
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, vad(p.id(), "ny inbjudningslänk, äldre länkar gäller inte"), ctx.ip());
        mallar.render(ctx, "personal/inbjudan-skapad.jte", new InbjudanSkapadPage(p.id(), p.namn(),
                p.anvandarnamn(), lank(token.get()), clock.instant().plus(Inbjudningar.GILTIG), false));
    }

    public void lasUpp(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        PersonalRepository.Person p = person(ctx);
        admin.lasUpp(user.id(), p.id());
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, vad(p.id(), "upplåst"), ctx.ip());
        web.flash(ctx, "flash.personal.upplast");
        ctx.redirect("/admin/personal/" + p.id());
    }

    // ---- import ----

    public void importSida(Context ctx) {
        mallar.render(ctx, "personal/import.jte", new ImportPage(Formularfel.none()));
    }

    /** Reads the uploaded file and shows what would be saved; nothing is saved yet. */
    public void granska(Context ctx) {
        Texter m = web.messages(ctx);
        UploadedFile fil = ctx.uploadedFile("fil");
        if (fil == null || fil.size() == 0) {
            ctx.status(400);
            mallar.render(ctx, "personal/import.jte", new ImportPage(new Formularfel().add("fil",
                    "import.fel.ingenfil")));
            return;
        }
        if (fil.size() > PersonalImport.MAX_BYTES) {
            ctx.status(413);
            mallar.render(ctx, "personal/import.jte", new ImportPage(new Formularfel().add("fil",
                    "import.fel.storlek", PersonalImport.MAX_BYTES / 1024)));
            return;
        }
        byte[] innehall;
        try (InputStream in = fil.content()) {
            innehall = in.readNBytes(PersonalImport.MAX_BYTES + 1);
        } catch (IOException e) {
            throw Felsvar.badRequest(m.get("fel.400"));
        }
        PersonalImport.Lasning lasning = PersonalImport.las(fil.filename(), innehall);
        if (!lasning.ok()) {
            ctx.status(lasning.fel().equals("import.fel.typ") ? 415 : lasning.fel().equals("import.fel.storlek")
                    ? 413 : 400);
            mallar.render(ctx, "personal/import.jte", new ImportPage(new Formularfel().add("fil",
                    lasning.fel(), lasning.argument().toArray())));
            return;
        }
        Personaladministration.Import importen = admin.granska(lasning.rader());
        if (!importen.utanFel()) {
            ctx.status(422);
        }
        mallar.render(ctx, "personal/granskning.jte",
                new GranskningPage(importen, PersonalImport.somText(lasning.rader())));
    }

    /** Saves the previewed rows, all or nothing. */
    public void importera(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Optional<List<PersonalImport.Rad>> rader = PersonalImport.franText(ctx.formParam("data"));
        if (rader.isEmpty()) {
            throw Felsvar.badRequest(web.messages(ctx).get("import.fel.data"));
        }
        Personaladministration.Import importen = admin.importera(user.id(), rader.get());
        if (!importen.sparad()) {
            ctx.status(422);
            mallar.render(ctx, "personal/granskning.jte",
                    new GranskningPage(importen, PersonalImport.somText(rader.get())));
            return;
        }
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, "importerade personal: " + importen.skapade().size()
                + " nya konton med inbjudan, " + importen.antal(Personaladministration.Status.FINNS) + " fanns redan",
                ctx.ip());
        List<Lank> lankar = importen.skapade().stream()
                .map(s -> new Lank(s.namn(), s.epost(), s.anvandarnamn(), lank(s.token()))).toList();
        mallar.render(ctx, "personal/resultat.jte", new ResultatPage(importen, lankar, lankarCsv(lankar),
                clock.instant().plus(Inbjudningar.GILTIG)));
    }

    /** The invitation links of an import as a CSV file, for the administrator to send them from. */
    public void lankarCsv(Context ctx) {
        String text = ctx.formParam("lankar");
        if (text == null || text.length() > 2 * PersonalImport.MAX_BYTES) {
            throw Felsvar.badRequest(web.messages(ctx).get("import.fel.data"));
        }
        List<Lank> lankar = new java.util.ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT)) {
            for (CSVRecord r : parser) {
                if (r.size() != 4 || !r.get(3).startsWith(baseUrl + "/inbjudan?token=")) {
                    throw Felsvar.badRequest(web.messages(ctx).get("import.fel.data"));
                }
                lankar.add(new Lank(r.get(0), r.get(1), r.get(2), r.get(3)));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw Felsvar.badRequest(web.messages(ctx).get("import.fel.data"));
        }
        Texter m = web.messages(ctx);
        CsvFil csv = new CsvFil().rad(m.get("import.kol.namn"), m.get("import.kol.epost"),
                m.get("import.kol.anvandarnamn"), m.get("import.kol.lank"));
        for (Lank l : lankar) {
            csv.rad(l.namn(), l.epost(), l.anvandarnamn(), l.lank());
        }
        ctx.header("Cache-Control", "no-store");
        csv.skicka(ctx, "inbjudningar.csv");
    }

    private static String lankarCsv(List<Lank> lankar) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            for (Lank l : lankar) {
                printer.printRecord(l.namn(), l.epost(), l.anvandarnamn(), l.lank());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    // ---- the invitation, for its holder ----

    public void inbjudanSida(Context ctx) {
        String token = ctx.queryParam("token");
        Optional<Duration> last = throttle.lockedFor(nyckel(ctx));
        if (last.isPresent()) {
            ctx.status(429);
            mallar.render(ctx, "personal/inbjudan.jte", new InbjudanPage("", null, null,
                    new Formularfel().add("losenord", "fel.429"), false));
            return;
        }
        Optional<Inbjudningar.Mottagare> mottagare = inbjudningar.giltig(token);
        if (mottagare.isEmpty()) {
            ogiltig(ctx);
            return;
        }
        mallar.render(ctx, "personal/inbjudan.jte", new InbjudanPage(token, mottagare.get().namn(),
                mottagare.get().anvandarnamn(), Formularfel.none(), true));
    }

    public void inbjudanSpara(Context ctx) {
        Texter m = web.messages(ctx);
        String token = ctx.formParam("token");
        if (throttle.lockedFor(nyckel(ctx)).isPresent()) {
            ctx.status(429);
            mallar.render(ctx, "personal/inbjudan.jte", new InbjudanPage("", null, null,
                    new Formularfel().add("losenord", "fel.429"), false));
            return;
        }
        Optional<Inbjudningar.Mottagare> mottagare = inbjudningar.giltig(token);
        if (mottagare.isEmpty()) {
            ogiltig(ctx);
            return;
        }
        Inbjudningar.Mottagare mot = mottagare.get();
        String losenord = ctx.formParam("losenord");
        String igen = ctx.formParam("losenord2");
        String epost = repo.hitta(mot.anvandareId()).map(PersonalRepository.Person::epost).orElse(null);
        Formularfel fel = new Formularfel();
        Losenordsregler.bryter(losenord, mot.anvandarnamn(), epost)
                .ifPresent(key -> fel.add("losenord", key, Losenordsregler.MIN_LANGD, Losenordsregler.MAX_LANGD));
        if (fel.isEmpty() && !losenord.equals(igen)) {
            fel.add("losenord2", "inbjudan.fel.olika");
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            mallar.render(ctx, "personal/inbjudan.jte", new InbjudanPage(token, mot.namn(), mot.anvandarnamn(),
                    fel, true));
            return;
        }
        String hash;
        try {
            hash = hasher.hash(losenord);
        } catch (Losenordshash.Busy e) {
            ctx.status(429).header("Retry-After", "2");
            mallar.render(ctx, "personal/inbjudan.jte", new InbjudanPage(token, mot.namn(), mot.anvandarnamn(),
                    new Formularfel().add("losenord", "login.fel.upptagen"), true));
            return;
        }
        Optional<Inbjudningar.Mottagare> anvand = inbjudningar.anvand(token, hash);
        if (anvand.isEmpty()) {
            ogiltig(ctx);
            return;
        }
        // A new password ends every other session and any lock after wrong passwords.
        sessions.deleteAllFor(mot.anvandareId());
        throttle.reset(Inloggningsbroms.kontoNyckel(Inloggningsbroms.Regel.PERSONAL, mot.anvandarnamn()));
        // The administrator gave out the link: the account's wrong second-factor codes start afresh, as after her reset.
        throttle.reset(Inloggningsbroms.andraFaktorNyckel(mot.anvandareId()));
        throttle.reset(Inloggningsbroms.registreringsNyckel(mot.anvandareId()));
        audit.log(mot.anvandareId(), Handelselogg.Handling.AKTIVERING, null, "lösenord valt med inbjudningslänk",
                ctx.ip());
        // A koordinator or admin enrols her second factor now, in the same flow, before any other page: the
        // session waits for it as after a password login.
        boolean andraFaktor = repo.hitta(mot.anvandareId()).map(p -> se.finsam.planering.inloggning.NyckelRoutes
                .kravsAndraFaktor(p.roll())).orElse(true);
        web.startSession(ctx, sessions.create(mot.anvandareId(), false, andraFaktor));
        web.flash(ctx, "flash.inbjudan.klar");
        ctx.redirect(andraFaktor ? "/tvafaktor/registrera" : "/");
    }

    /** A link that does not work: counted against the address like a wrong activation code. */
    private void ogiltig(Context ctx) {
        Optional<Duration> last = throttle.recordFailure(nyckel(ctx));
        audit.log(null, Handelselogg.Handling.INLOGGNING_MISSLYCKAD, null, "inbjudningslänk som inte gäller", ctx.ip());
        ctx.status(last.isPresent() ? 429 : 404);
        mallar.render(ctx, "personal/inbjudan.jte", new InbjudanPage("", null, null, Formularfel.none(), false));
    }

    private static String nyckel(Context ctx) {
        return "inbjudan:" + ctx.ip();
    }

    // ---- helpers ----

    private String lank(String token) {
        return baseUrl + "/inbjudan?token=" + token;
    }

    private PersonalRepository.Person person(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Felsvar.notFound(web.messages(ctx).get("fel.404"));
        }
        return repo.hitta(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
    }

    /** How the audit log names a change to an account, as the administrator's events page lists them. */
    private static String vad(long id, String text) {
        return se.finsam.planering.admin.HandelseRepository.vad("konto", id, text);
    }

    private static String param(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }

    private static Formularfel fel(Texter m, List<PersonalRegler.Brott> brott) {
        Formularfel fel = new Formularfel();
        for (PersonalRegler.Brott b : brott) {
            fel.add(b.falt(), b.nyckel(), b.argument().toArray());
        }
        return fel;
    }
}
