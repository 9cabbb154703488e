package se.finsam.planering.uppfoljning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.planering.PlaneringRepository;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/** Recording follow-ups (form and offline outbox), the follow-up overview, and taking participants offline. */
public final class UppfoljningRoutes {

    public record Val(String varde, String namn) {
    }

    public record OversiktPage(UppfoljningOversikt.Resultat resultat, List<Val> team, List<Val> organisationer,
                               String valtTeam, String valdOrganisation, String sortering, boolean koordinator,
                               LocalDate idag, boolean visaAlla, Long hantera) {
        /**
         * Long lists show the most urgent first; the rest are one link away. Four lists of 25 keep the page light
         * enough for a phone to lay out without a long pause.
         */
        public static final int FORST = 25;

        public <T> List<T> forsta(List<T> lista) {
            return visaAlla || lista.size() <= FORST ? lista : lista.subList(0, FORST);
        }

        public boolean fler(List<?> lista) {
            return !visaAlla && lista.size() > FORST;
        }

        /** The participants the page shows, for the audit log. */
        public List<Long> visade() {
            List<Long> ids = new java.util.ArrayList<>();
            forsta(resultat.forsenade()).forEach(f -> ids.add(f.deltagareId()));
            forsta(resultat.kommande()).forEach(f -> ids.add(f.deltagareId()));
            forsta(resultat.fastnade()).forEach(f -> ids.add(f.deltagareId()));
            forsta(resultat.eskaleringar()).forEach(e -> ids.add(e.deltagareId()));
            return ids;
        }

        /** The same view with every row shown. */
        public String allaUrl() {
            return "/uppfoljning?alla=1&sortering=" + sortering + filterParametrar();
        }

        /**
         * The work list that holds every row of one of the page's lists, with the page's team (and, for the stuck
         * items, whose rows are the authority's, its authority).
         */
        public String listaUrl(String lista) {
            return "/arbetslista?lista=" + lista + (valtTeam == null ? "" : "&team=" + valtTeam)
                    + (valdOrganisation == null || !"fastnade".equals(lista) ? "" : "&organisation=" + valdOrganisation);
        }

        /** The same view with the form that marks one escalation handled open below it (works without scripts). */
        public String hanteraUrl(long eskalering) {
            return "/uppfoljning?" + (visaAlla ? "alla=1&" : "") + "sortering=" + sortering + filterParametrar()
                    + "&hantera=" + eskalering + "#hantera-" + eskalering;
        }

        private String filterParametrar() {
            StringBuilder url = new StringBuilder();
            if (valtTeam != null) {
                url.append("&team=").append(valtTeam);
            }
            if (valdOrganisation != null) {
                url.append("&organisation=").append(valdOrganisation);
            }
            return url.toString();
        }
    }

    public record FormularPage(DeltagareRepository.Oversikt deltagare, List<PlaneringRepository.Planpunkt> punkter,
                               Map<Long, List<UppfoljningRepository.Handelse>> tidslinjer,
                               List<UppfoljningRepository.Post> poster, Map<String, String> varden, Formularfel fel,
                               LocalDate idag, java.time.Instant hamtad, java.time.Instant avslutad,
                               String regler) {
        public String v(String key) {
            return varden.getOrDefault(key, "");
        }

        /** The rules of the form as JSON, for the check on the device before anything is stored offline. */
        public String regler() {
            return regler;
        }

        /** After avslut only a correction of an earlier follow-up may be recorded. */
        public boolean visaFormular() {
            return avslutad == null || !v("korrigerar").isEmpty();
        }

        /** A correction recorded after the closure, marked as such. */
        public boolean efterAvslut(java.time.Instant tid) {
            return avslutad != null && !tid.isBefore(avslutad);
        }
    }

    /** A coming meeting and the participants booked into it, to take offline in one go. */
    public record MotesGrupp(se.finsam.planering.mote.MoteRepository.Mote mote,
                             List<se.finsam.planering.mote.MoteRepository.Bokning> bokningar) {
    }

    public record OfflinePage(List<DeltagareRepository.Rad> deltagare, List<MotesGrupp> moten) {
    }

    /** A field named twice is ambiguous, so it is refused rather than the last one silently winning. */
    private static final se.finsam.planering.util.Senare<ObjectMapper> JSON = se.finsam.planering.util.Senare.av(
            () -> new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    private static final int MAX_FALT = 500;

    /** What the offline outbox sends: the participant, and the form's own fields by name, as the form posts them. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record Synk(Long deltagareId, Map<String, String> falt) {
    }

    private final se.finsam.planering.mote.MoteRepository moten;
    private final UppfoljningRepository repo;
    private final UppfoljningOversikt oversikt;
    private final DeltagareRepository deltagare;
    private final DeltagarAtkomst access;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    private final se.finsam.planering.db.Datautgava datautgava;
    /**
     * The overview's lists per reader and filter, while no data has changed. "Stuck" is judged at the start of
     * the hour, so the lists are the same all hour for the same data. A team's lists can be a few hundred kB,
     * so only the most recent 20 are kept (a 128 MB heap).
     */
    private final se.finsam.planering.web.Sidcache<OversiktNyckel, UppfoljningOversikt.Resultat> oversikter =
            new se.finsam.planering.web.Sidcache<>(20);

    private record OversiktNyckel(long anvandare, String synliga, java.util.Set<Long> team, String organisation,
                                  String sortering, LocalDate idag, java.time.Instant timme) {
    }

    public UppfoljningRoutes(se.finsam.planering.mote.MoteRepository moten, UppfoljningRepository repo,
                             UppfoljningOversikt oversikt, DeltagareRepository deltagare, DeltagarAtkomst access,
                             Mallar mallar, Webbkontext web, Clock clock,
                             se.finsam.planering.db.Datautgava datautgava) {
        this.datautgava = datautgava;
        this.moten = moten;
        this.repo = repo;
        this.oversikt = oversikt;
        this.deltagare = deltagare;
        this.access = access;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    // ---- overview ----

    public void oversikt(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        boolean koordinator = user.roll() == Roll.KOORDINATOR;
        List<Val> team = repo.team(user.id());
        List<Val> organisationer = repo.organisationer();
        String valtTeam = blankToNull(ctx.queryParam("team"));
        String valdOrg = blankToNull(ctx.queryParam("organisation"));
        String sortering = blankToNull(ctx.queryParam("sortering"));
        if (sortering != null && !List.of("bradskande", "namn", "team").contains(sortering)) {
            throw Felsvar.badRequest(m.get("uppf.fel.sortering"));
        }
        if (valtTeam != null && team.stream().noneMatch(t -> t.varde().equals(valtTeam))) {
            throw Felsvar.badRequest(m.get("uppf.fel.team"));
        }
        if (valdOrg != null && organisationer.stream().noneMatch(o -> o.varde().equals(valdOrg))) {
            throw Felsvar.badRequest(m.get("uppf.fel.organisation"));
        }
        var teamIds = valtTeam == null ? user.teamIds() : java.util.Set.of(Long.parseLong(valtTeam));
        long utgava = datautgava.nu(ctx);
        LocalDate idag = LocalDate.now(clock);
        java.time.Instant timme = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        var synliga = DeltagarAtkomst.synliga(user);
        var resultat = oversikter.hamta(new OversiktNyckel(user.id(), synliga.sql(), java.util.Set.copyOf(teamIds),
                        valdOrg, sortering, idag, timme), utgava,
                () -> oversikt.berakna(new UppfoljningOversikt.Filter(synliga, teamIds,
                        valdOrg == null ? null : Long.parseLong(valdOrg), koordinator ? null : user.id(), sortering),
                        idag, timme));
        String hantera = blankToNull(ctx.queryParam("hantera"));
        if (hantera != null && !hantera.matches("[0-9]{1,12}")) {
            throw Felsvar.badRequest(m.get("uppf.fel.hantera"));
        }
        // The page's lists do not depend on which escalation's form is open, so the cached lists serve it too.
        OversiktPage page = new OversiktPage(resultat, team, organisationer,
                valtTeam, valdOrg, sortering == null ? "bradskande" : sortering, koordinator, idag,
                "1".equals(ctx.queryParam("alla")), hantera == null ? null : Long.valueOf(hantera));
        access.loggaLista(ctx, page.visade(), "uppföljningsöversikt");
        mallar.render(ctx, "uppfoljning/oversikt.jte", page);
    }

    /** The koordinator marks an escalation handled, with a note of what was done; it then leaves the list. */
    public void eskaleringHanterad(Context ctx) {
        Texter m = web.messages(ctx);
        long uppfoljningId = Formular.sokvagsId(ctx, "id");
        Anvandare user = web.requireUser(ctx);
        if (!repo.eskalerad(uppfoljningId)) {
            throw Felsvar.badRequest(m.get("uppf.fel.inteeskalerad"));
        }
        Formular f = Formular.av(ctx);
        String notering = f.text("notering", Varden.MAX_NASTA_STEG, "uppf.fel.hanterad.notering");
        if (!f.ok()) {
            throw Felsvar.badRequest(f.fel().text("notering", m));
        }
        repo.eskaleringHanterad(uppfoljningId, user.id(), notering, clock.instant());
        web.flash(ctx, "flash.eskalering.hanterad");
        ctx.redirect(se.finsam.planering.web.Aterlank.fran(ctx, "/uppfoljning#eskalerade-rubrik"));
    }

    // ---- recording ----

    public void formular(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Map<String, String> varden = new HashMap<>();
        varden.put("uuid", UUID.randomUUID().toString());
        varden.put("datum", LocalDate.now(clock).toString());
        String korrigerar = ctx.queryParam("korrigerar");
        if (korrigerar != null && korrigerar.matches("\\d{1,12}")) {
            varden.put("korrigerar", korrigerar);
        }
        show(ctx, id, varden, Formularfel.none());
    }

    private void show(Context ctx, long id, Map<String, String> varden, Formularfel fel) {
        var oversiktRad = deltagare.oversikt(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        mallar.render(ctx, "uppfoljning/formular.jte", new FormularPage(oversiktRad, repo.punkter(id),
                repo.tidslinjer(id), repo.poster(id), varden, fel, LocalDate.now(clock), clock.instant(),
                repo.avslutad(id).orElse(null), regler(ctx, id)));
    }

    /** The plain HTML form: works without JavaScript. */
    public void spara(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Anvandare user = web.requireUser(ctx);
        Map<String, String> falt = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (!v.isEmpty() && !k.equals("_csrf")) {
                falt.put(k, v.get(0));
            }
        });
        var utfall = tolka(ctx, id, falt);
        if (!utfall.ok()) {
            ctx.status(400);
            show(ctx, id, falt, utfall.fel());
            return;
        }
        baraRattelseEfterAvslut(ctx, utfall.uppfoljning());
        var resultat = repo.spara(utfall.uppfoljning(), user.id(), clock.instant());
        if (resultat == UppfoljningRepository.Resultat.ANNAN_DELTAGARE) {
            throw new Felsvar(409, web.messages(ctx).get("uppf.fel.uuidkrock"));
        }
        web.flash(ctx, resultat == UppfoljningRepository.Resultat.SPARAD ? "flash.uppf.sparad" : "flash.uppf.redan");
        ctx.redirect("/deltagare/" + id + "/uppfoljning");
    }

    /**
     * The offline outbox sends the same fields as JSON: {"deltagareId": 12, "falt": {...}}.
     * 201 when stored, 200 when this UUID was stored before (a retry), 4xx with a reason otherwise.
     */
    public void api(Context ctx) {
        Texter m = web.messages(ctx);
        String type = ctx.contentType();
        if (type == null || !type.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Felsvar(415, m.get("uppf.fel.json"));
        }
        Synk synk;
        try {
            synk = JSON.get().readValue(ctx.body(), Synk.class);
        } catch (java.io.IOException e) {
            // Not JSON, a field named twice, or a field that is an object or a list rather than a value.
            throw Felsvar.badRequest(m.get("uppf.fel.json"));
        }
        if (synk == null || synk.deltagareId() == null || synk.falt() == null || synk.falt().size() > MAX_FALT) {
            throw Felsvar.badRequest(m.get("uppf.fel.json"));
        }
        long id = synk.deltagareId();
        if (id <= 0) {
            throw Felsvar.notFound(m.get("uppf.fel.deltagare"));
        }
        Anvandare user = access.require(ctx, id, Handelselogg.Handling.ANDRA, "registrerade uppföljning (synk)");
        Map<String, String> falt = new LinkedHashMap<>();
        synk.falt().forEach((k, v) -> {
            if (v != null) {
                falt.put(k, v);
            }
        });
        var utfall = tolka(ctx, id, falt);
        if (!utfall.ok()) {
            throw Felsvar.badRequest(String.join(" ", utfall.fel().texter(m).values()));
        }
        baraRattelseEfterAvslut(ctx, utfall.uppfoljning());
        var resultat = repo.spara(utfall.uppfoljning(), user.id(), clock.instant());
        switch (resultat) {
            case SPARAD -> ctx.status(201).json(Map.of("status", "sparad", "uuid", utfall.uppfoljning().uuid()));
            case REDAN_SPARAD -> ctx.status(200).json(Map.of("status", "redan sparad",
                    "uuid", utfall.uppfoljning().uuid()));
            default -> throw new Felsvar(409, m.get("uppf.fel.uuidkrock"));
        }
    }

    private String regler(Context ctx, long id) {
        try {
            return JSON.get().writeValueAsString(UppfoljningFormular.regler(repo.planeringSkapad(id).orElse(null),
                    web.messages(ctx)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fresh CSRF token for the outbox: the service worker sends records long after the page that made them,
     * perhaps after a new login, so it asks for the token that goes with the browser's cookie now.
     */
    public void csrf(Context ctx) {
        ctx.json(Map.of("token", web.csrfToken(ctx)));
    }

    private void baraRattelseEfterAvslut(Context ctx, Uppfoljning u) {
        if (u.korrigerar() == null && repo.avslutad(u.deltagareId()).isPresent()) {
            throw new Felsvar(409, web.messages(ctx).get("avslut.fel.last.uppfoljning"));
        }
    }

    private UppfoljningFormular.Utfall tolka(Context ctx, long id, Map<String, String> falt) {
        return UppfoljningFormular.tolka(falt, id, repo.punkter(id), LocalDate.now(clock), clock.instant(),
                repo.planeringSkapad(id).orElse(null), repo::deltagareFor, web.messages(ctx));
    }

    // ---- offline ----

    public void offline(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        DeltagarAtkomst.Synliga synliga = DeltagarAtkomst.synliga(user);
        List<DeltagareRepository.Rad> lista = user.roll() == Roll.KOORDINATOR
                ? deltagare.synliga(synliga, 500)
                : deltagare.forHandlaggare(synliga, user.id());
        List<MotesGrupp> grupper = moten.kommande(user.teamIds(), LocalDate.now(clock).atStartOfDay(), 5).stream()
                .map(m -> new MotesGrupp(m, moten.bokningar(m.id(), synliga)))
                .filter(g -> !g.bokningar().isEmpty())
                .toList();
        java.util.Set<Long> bokade = new java.util.HashSet<>();
        grupper.forEach(g -> g.bokningar().forEach(b -> bokade.add(b.deltagareId())));
        OfflinePage page = new OfflinePage(lista.stream().filter(d -> !bokade.contains(d.id())
                && (d.fas().equals("uppfoljning") || d.fas().equals("planerad"))).toList(), grupper);
        List<Long> visade = new java.util.ArrayList<>(bokade);
        page.deltagare().forEach(d -> visade.add(d.id()));
        access.loggaLista(ctx, visade, "ta med offline: urval");
        mallar.render(ctx, "uppfoljning/offline.jte", page);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
