package se.finsam.planering.minplanering;

import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.deltagare.DeltagareRepository;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.planering.PlaneringRepository;
import se.finsam.planering.uppfoljning.Uppfoljningsschema;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.QrCode;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Sidcache;
import se.finsam.planering.web.Webbkontext;

/** The participant's own pages: plan, contacts, meeting, who has looked. Plain words, nothing internal. */
public final class MinPlaneringRoutes {

    public record MinPlaneringPage(MinPlaneringRepository.Deltagaren deltagaren,
                                   PlaneringRepository.Planering planering,
                                   List<MinPlaneringRepository.Nyhet> nyheter, Instant senastBekraftad,
                                   Uppfoljningsschema.Tillfalle nastaUppfoljning,
                                   MinPlaneringRepository.Notering senasteNotering,
                                   MinPlaneringRepository.Avslut avslut,
                                   List<MinPlaneringRepository.Hjalpkontakt> hjalpkontakter,
                                   List<MinPlaneringRepository.Myndighet> kontakter,
                                   java.util.Map<Long, MinPlaneringRepository.RingIStallet> ringIStallet,
                                   gg.jte.Content qrSvg, String appUrl, LocalDate idag, Instant hamtad,
                                   List<String> enkater, se.finsam.planering.web.Fardigdelar delar) {

        /**
         * Everything of the page but its layout, the print-only copies of her plan and contacts included: the same
         * for every view of this data in her language, but for the form token in its buttons, which each answer
         * writes anew.
         */
        public gg.jte.Content innehall(se.finsam.planering.web.Sidkontext c) {
            return delar.del("minplanering/plan-innehall.jte", c, this);
        }

        /** The team's koordinator(s), whom she can always turn to. */
        public List<MinPlaneringRepository.Kontakt> koordinatorer() {
            return kontakter.stream().flatMap(m -> m.kontakter().stream())
                    .filter(MinPlaneringRepository.Kontakt::koordinator).toList();
        }

        MinPlaneringPage med(gg.jte.Content qr, Instant nu) {
            return new MinPlaneringPage(deltagaren, planering, nyheter, senastBekraftad, nastaUppfoljning,
                    senasteNotering, avslut, hjalpkontakter, kontakter, ringIStallet, qr, appUrl, idag, nu, enkater, delar);
        }
    }

    public record KontakterPage(List<MinPlaneringRepository.Myndighet> kontakter, Instant hamtad) {
    }

    public record MotePage(MinPlaneringRepository.BokatMote mote, Instant hamtad) {
    }

    public record TittatPage(List<MinPlaneringRepository.Tittat> poster) {
    }

    private final MinPlaneringRepository repo;
    private final DeltagareRepository deltagare;
    private final PlaneringRepository planering;
    private final DeltagarAtkomst access;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;
    private final String baseUrl;
    /** The QR code only depends on the address and the language of its label: made once each. */
    private final java.util.Map<String, gg.jte.Content> qrCodes = new java.util.concurrent.ConcurrentHashMap<>();
    private final se.finsam.planering.db.Datautgava datautgava;
    /** The occasions whose questions ("Vad tycker du?") she has been asked and not yet answered. */
    private final java.util.function.LongFunction<List<String>> enkater;
    /**
     * What her pages read, per participant, reader and day, while no data has changed. A few kB each; 500 of
     * them stay well inside the deployment's 128 MB heap.
     */
    private final Sidcache<Nyckel, Object> sidor = new Sidcache<>(500);

    private record Nyckel(String sida, long deltagareId, long anvandareId, LocalDate idag) {
    }

    public MinPlaneringRoutes(MinPlaneringRepository repo, DeltagareRepository deltagare, PlaneringRepository planering,
                              DeltagarAtkomst access, Mallar mallar, Webbkontext web, Clock clock, String baseUrl,
                              se.finsam.planering.db.Datautgava datautgava,
                              java.util.function.LongFunction<List<String>> enkater) {
        this.datautgava = datautgava;
        this.enkater = enkater;
        this.repo = repo;
        this.deltagare = deltagare;
        this.planering = planering;
        this.access = access;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** The logged-in participant's own id, after the per-participant check and an audit entry. */
    private long egen(Context ctx, Handelselogg.Handling handling, String vad) {
        return access.egen(ctx, handling, vad, "minplanering.ingen");
    }

    /**
     * Her three everyday pages (plan, contacts, meeting) read the database only when something has changed
     * since the last time (the data version), and answer 304 when her browser already has the page. Every
     * view is still checked and logged.
     */
    private <T> T sida(Context ctx, String sida, long id, java.util.function.Function<LocalDate, T> las) {
        long nu = datautgava.nu(ctx);
        LocalDate idag = LocalDate.now(clock);
        long anvandare = web.user(ctx).id();
        if (web.oforandrad(ctx, nu, idag)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T page = (T) sidor.hamta(new Nyckel(sida, id, anvandare, idag), nu, () -> las.apply(idag));
        return page;
    }

    public void plan(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.LAS, "min planering");
        long anvandare = web.user(ctx).id();
        Texter m = web.messages(ctx);
        String appUrl = baseUrl + "/";
        MinPlaneringPage page = sida(ctx, "plan", id, idag -> {
            var deltagaren = repo.deltagaren(id);
            Instant bekraftad = deltagare.senastLast(id).orElse(null);
            var avslut = repo.avslut(id).orElse(null);
            var kontakter = repo.kontakter(id);
            return new MinPlaneringPage(
                    deltagaren,
                    planering.forDeltagare(id).orElse(null),
                    repo.nyheter(id, anvandare, bekraftad),
                    bekraftad,
                    Uppfoljningsschema.nasta(repo.schema(id, deltagaren.uppfoljningManader())).orElse(null),
                    repo.senasteNotering(id).orElse(null),
                    avslut,
                    avslut == null ? List.of() : repo.hjalpkontakter(deltagaren.teamId()),
                    kontakter,
                    repo.ringIStallet(id, kontakter),
                    null,
                    appUrl,
                    idag,
                    null,
                    enkater.apply(id),
                    new se.finsam.planering.web.Fardigdelar(mallar));
        });
        if (page == null) {
            return;
        }
        gg.jte.Content qr = qrCodes.computeIfAbsent(m.lang(),
                lang -> QrCode.svgFardig(appUrl, m.get("utskrift.qr", appUrl)));
        mallar.render(ctx, "minplanering/plan.jte", page.med(qr, clock.instant()));
    }

    public void kontakter(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.LAS, "mina kontaktpersoner");
        List<MinPlaneringRepository.Myndighet> kontakter = sida(ctx, "kontakter", id, idag -> repo.kontakter(id));
        if (kontakter != null) {
            mallar.render(ctx, "minplanering/kontakter.jte", new KontakterPage(kontakter, clock.instant()));
        }
    }

    /** No meeting booked is cached as this, since the cache keeps no nulls. */
    private static final java.util.Optional<MinPlaneringRepository.BokatMote> INGET_MOTE = java.util.Optional.empty();

    public void mote(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.LAS, "min kallelse");
        if (ctx.queryParam("kan-inte-komma") != null) {
            // "Jag kan inte komma": she confirms before anything changes.
            mallar.render(ctx, "minplanering/kan-inte-komma.jte",
                    new KanInteKommaPage(repo.nastaMote(id, LocalDate.now(clock)).orElse(null)));
            return;
        }
        java.util.Optional<MinPlaneringRepository.BokatMote> mote = sida(ctx, "mote", id,
                idag -> repo.nastaMote(id, idag).or(() -> INGET_MOTE));
        if (mote != null) {
            mallar.render(ctx, "minplanering/mote.jte", new MotePage(mote.orElse(null), clock.instant()));
        }
    }

    public record KanInteKommaPage(MinPlaneringRepository.BokatMote mote) {
    }

    /** She cannot come: the koordinator is told and her time is freed. */
    public void kanInteKomma(Context ctx) {
        Texter m = web.messages(ctx);
        long bokning;
        try {
            bokning = Long.parseLong(String.valueOf(ctx.formParam("bokning")).strip());
        } catch (NumberFormatException e) {
            throw new Felsvar(400, m.get("mote.kaninte.fel"));
        }
        long id = egen(ctx, Handelselogg.Handling.ANDRA, "kan inte komma till mötet");
        if (!repo.kanInteKomma(id, bokning, clock.instant(), java.time.LocalDateTime.now(clock))) {
            throw new Felsvar(409, m.get("mote.kaninte.fel"));
        }
        web.flash(ctx, "flash.mote.kaninte");
        ctx.redirect("/min-planering/mote");
    }

    /** The next meeting as a calendar file, made with biweekly. */
    public void moteIcs(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.LAS, "kallelse som kalenderfil");
        Texter m = web.messages(ctx);
        var mote = repo.nastaMote(id, LocalDate.now(clock))
                .orElseThrow(() -> Felsvar.notFound(m.get("mote.ingen")));
        var koordinator = repo.koordinator(repo.deltagaren(id).teamId());
        String ics = se.finsam.planering.mote.Kalenderfil.skriv(new se.finsam.planering.mote.Kalenderfil.Innehall(
                mote.bokningId(), mote.sekvens(), mote.tid(), mote.plats(), mote.syfte(), mote.taMed(), mote.team(),
                mote.narvarande(),
                koordinator.map(MinPlaneringRepository.Kontakt::namn).orElse(null),
                koordinator.map(MinPlaneringRepository.Kontakt::epost).orElse(null)), m, clock.getZone(),
                clock.instant());
        ctx.contentType("text/calendar; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"finsam-mote.ics\"");
        ctx.result(ics);
    }

    /** The purpose the koordinator wrote, or the standard purpose in the participant's language. */
    static String syfte(Texter m, String syfte) {
        return se.finsam.planering.mote.MoteRepository.standardSyfte(syfte) ? m.get("kallelse.syfte.standard") : syfte;
    }

    public void bekraftaLast(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.ANDRA, "bekräftade att planen är läst");
        repo.bekraftaLast(id, clock.instant());
        web.flash(ctx, "flash.last");
        ctx.redirect("/min-planering");
    }

    public void egetStegKlart(Context ctx) {
        long punkt = Formular.sokvagsId(ctx, "punkt");
        // The route's rule has checked that the step is the participant's own and logged it.
        Long id = web.requireUser(ctx).deltagareId();
        if (!repo.markeraEgetStegKlart(id, punkt, web.user(ctx).id(), LocalDate.now(clock), clock.instant())) {
            throw Felsvar.badRequest(web.messages(ctx).get("minplanering.egetsteg.fel"));
        }
        web.flash(ctx, "flash.egetsteg");
        ctx.redirect("/min-planering#punkt-" + punkt);
    }

    public void vemHarTittat(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.LAS, "vem som har tittat");
        mallar.render(ctx, "minplanering/tittat.jte",
                new TittatPage(repo.vemHarTittat(id, web.user(ctx).id(), 100)));
    }
}
