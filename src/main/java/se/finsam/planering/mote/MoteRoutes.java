package se.finsam.planering.mote;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.kontakt.KontaktRepository;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Sidkontext;
import se.finsam.planering.web.QrCode;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;
import se.finsam.planering.utskick.Kanal;
import se.finsam.planering.utskick.UtskickRepository;

/** The koordinator's meeting calendar, booking participants into slots, attendance, and the kallelse. */
public final class MoteRoutes {

    /** An activation code on a printed kallelse must survive the post: valid for 30 days. */
    public static final Duration KOD_GILTIG = Duration.ofDays(30);
    /** Extra meetings are planned at most this many years ahead. */
    private static final int MOTE_FRAMAT_AR = 2;
    /** The longest purpose, or list of what to bring, in a booking. */
    private static final int MAX_BOKNINGSTEXT = 1000;

    public record NyttMote(String datum, String tid, String plats, String team) {
    }

    public record KalenderPage(List<MoteRepository.Mote> moten, List<MoteRepository.Anmald> anmalda,
                               NyttMote nytt, Formularfel fel, List<MoteRepository.Team> team) {
    }

    /**
     * The booking form: the participants ticked, the first time ("" for the first free one), the texts, the
     * override, and the search that narrows the list.
     */
    public record Bokningsform(List<Long> valda, String tid, String syfte, String taMed, boolean overboka,
                               String sok) {

        static Bokningsform tom(String sok) {
            return new Bokningsform(List.of(), "", "", "", false, sok);
        }

        public boolean vald(long deltagareId) {
            return valda.contains(deltagareId);
        }
    }

    /** Another booking whose time overlaps: its time, and its participant's name if the user may see her. */
    public record Krockpart(LocalDateTime tid, String namn) {
    }

    /** A booked participant as the meeting page lists her, with the bookings her time overlaps. */
    public record Bokningsrad(MoteRepository.Bokning bokning, List<Krockpart> krockar) {
    }

    /** Moving the meeting: new date, time and place, and the version the koordinator saw. */
    public record Flyttform(String datum, String tid, String plats, int version) {

        static Flyttform av(MoteRepository.Mote m) {
            return new Flyttform(m.start().toLocalDate().toString(), m.start().toLocalTime().toString(), m.plats(),
                    m.version());
        }
    }

    public record MotePage(MoteRepository.Mote mote, List<Bokningsrad> bokningar,
                           List<MoteRepository.Vantande> vantande, int vantandeTotalt, int vantandeTraffar,
                           List<LocalDateTime> lediga, List<LocalDateTime> upptagna, Bokningsform form,
                           Formularfel fel, List<KontaktRepository.Personal> personal,
                           List<MoteRepository.Narvaro> narvaro, boolean koordinator,
                           List<KontaktRepository.Personal> utanfor, List<LocalDateTime> dolda, Flyttform flytt) {

        /** Bookings whose times overlap another's. */
        public long krockar() {
            return bokningar.stream().filter(r -> !r.krockar().isEmpty()).count()
                    + dolda.stream().filter(t -> bokningar.stream()
                    .anyMatch(r -> MoteRepository.overlappar(r.bokning().tid(), t))
                    || dolda.stream().filter(u -> MoteRepository.overlappar(u, t)).count() > 1).count();
        }

        /** Whether the slot overlaps a booking: shown as booked in the list of times. */
        public boolean upptagen(LocalDateTime tid) {
            return upptagna.stream().anyMatch(b -> MoteRepository.overlappar(b, tid));
        }

        public boolean visaBokning() {
            return koordinator && mote.planerat();
        }

        /** Substitutes from outside the team who are recorded as present. */
        public List<MoteRepository.Narvaro> externaErsattare() {
            return narvaro.stream().filter(n -> personal.stream().noneMatch(p -> p.id() == n.anvandareId())).toList();
        }
        public boolean narvarande(long anvandareId) {
            return narvaro.stream().anyMatch(n -> n.anvandareId() == anvandareId);
        }

        public boolean ersattare(long anvandareId) {
            return narvaro.stream().anyMatch(n -> n.anvandareId() == anvandareId && n.ersattare());
        }
    }

    /**
     * The kallelse: a one-page letter in the participant's language ({@code brev}), whatever the language of
     * the staff member printing it, and on request (by default when her language is not Swedish) a Swedish copy.
     */
    public record KallelsePage(MoteRepository.Bokning bokning, MoteRepository.Mote mote,
                               DeltagareRepository.Oversikt deltagare, List<String> myndigheter,
                               KontaktRepository.Koordinator koordinator, String aktiveringskod,
                               LocalDate kodGiltigTill, LocalDate idag, String adress, Sidkontext brev,
                               boolean svenskKopia, String qrUrl, Kallelsemeddelande meddelande) {

        /** Makes the letter's ids unique when several letters share a page. */
        public String idTillagg() {
            return "-" + bokning.id();
        }

        public String qrSvg(Sidkontext l) {
            return QrCode.svg(qrUrl, l.t("utskrift.qr", qrUrl));
        }

        /** The letters to print: hers, then the Swedish copy if wanted. */
        public List<Sidkontext> brevAttSkrivaUt() {
            return svenskKopia && !brev.lang().equals("sv")
                    ? List.of(brev, new Sidkontext(Texter.of("sv"), null, null, null, null, brev.zon())) : List.of(brev);
        }

        public String kopiaParam() {
            return svenskKopia ? "ja" : "nej";
        }
    }

    /**
     * The kallelse as a message beside the letter: where it can go ({@code kanaler}), the channel it goes on from
     * this server ({@code kanal}; null: this server has none of hers), whether one was just written to the outbox
     * with the letter's code ({@code skickas}), and why it could not be ({@code fel}, a text key).
     */
    public record Kallelsemeddelande(UtskickRepository.Kallelsekanaler kanaler, Kanal kanal, boolean skickas,
                                     String fel) {
    }

    private final MoteRepository moten;
    private final DeltagareRepository deltagare;
    private final KontaktRepository kontakter;
    private final DeltagarAtkomst access;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;
    private final String baseUrl;
    private final UtskickRepository utskick;
    private final Set<Kanal> serverkanaler;

    /** {@code serverkanaler}: the channels this server sends SMS and e-mail on (a kallelse goes on no other). */
    public MoteRoutes(MoteRepository moten, DeltagareRepository deltagare, KontaktRepository kontakter,
                      DeltagarAtkomst access, Mallar mallar, Webbkontext web, Clock clock, String baseUrl,
                      UtskickRepository utskick, Set<Kanal> serverkanaler) {
        this.baseUrl = baseUrl;
        this.utskick = utskick;
        this.serverkanaler = Set.copyOf(serverkanaler);
        this.moten = moten;
        this.deltagare = deltagare;
        this.kontakter = kontakter;
        this.access = access;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    private LocalDateTime nu() {
        return LocalDateTime.now(clock);
    }

    public void kalender(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        renderKalender(ctx, user, new NyttMote("", "", "", ""), Formularfel.none());
    }

    private void renderKalender(Context ctx, Anvandare user, NyttMote nytt, Formularfel fel) {
        List<MoteRepository.Team> team = user.teamIds().stream().map(moten::team).flatMap(java.util.Optional::stream)
                .toList();
        List<MoteRepository.Anmald> anmalda = moten.anmaldaUtanMote(DeltagarAtkomst.synliga(user), user.teamIds());
        access.loggaLista(ctx, anmalda.stream().map(MoteRepository.Anmald::id).toList(), "mötesplanering: anmälda");
        mallar.render(ctx, "mote/kalender.jte", new KalenderPage(moten.kommande(user.teamIds(),
                nu().toLocalDate().atStartOfDay(), 50), anmalda, nytt, fel, team));
    }

    /** Adds the teams' usual meetings for the next twelve weeks. */
    public void planera(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        for (long teamId : user.teamIds()) {
            moten.team(teamId).ifPresent(t -> moten.planeraStandardmoten(t, nu().toLocalDate(), 12));
        }
        web.flash(ctx, "flash.moten.planerade");
        ctx.redirect("/moten");
    }

    /** One extra meeting, at a date and time the koordinator chooses. */
    public void skapa(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Formular f = Formular.av(ctx);
        NyttMote nytt = new NyttMote(f.text("datum"), f.text("tid"), f.text("plats"), f.text("team"));
        Formularfel fel = f.fel();
        LocalDate idag = nu().toLocalDate();
        LocalDate datum = f.datum("datum").format("mote.fel.datum")
                .fran(idag, "mote.fel.datum").till(idag.plusYears(MOTE_FRAMAT_AR)).las();
        LocalTime tid = null;
        try {
            tid = LocalTime.parse(nytt.tid());
        } catch (DateTimeParseException e) {
            fel.add("tid", "mote.fel.tid");
        }
        // With several teams the koordinator chooses; with one, it is that team.
        Long teamId = nytt.team().isEmpty()
                ? user.teamIds().stream().sorted().findFirst().orElseThrow(() -> Felsvar.forbidden(m.get("fel.403")))
                : Formular.positivt(nytt.team());
        if (teamId == null || !user.teamIds().contains(teamId)) {
            fel.add("team", "mote.fel.team");
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            renderKalender(ctx, user, nytt, fel);
            return;
        }
        MoteRepository.Team team = moten.team(teamId).orElseThrow();
        String plats = f.text("plats", Formular.RAD).isEmpty() ? team.motesplats() : nytt.plats();
        if (!f.ok()) {
            ctx.status(400);
            renderKalender(ctx, user, nytt, fel);
            return;
        }
        LocalDateTime start = datum.atTime(tid);
        long id = moten.skapa(teamId, start, start.plus(team.moteslangd()), plats);
        web.flash(ctx, "flash.mote.skapat");
        ctx.redirect("/moten/" + id);
    }

    private MoteRepository.Mote moteForTeam(Context ctx, Anvandare user) {
        long id = Formular.sokvagsId(ctx, "id");
        MoteRepository.Mote mote = moten.mote(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        if (!user.teamIds().contains(mote.teamId())) {
            throw Felsvar.forbidden(web.messages(ctx).get("fel.403"));
        }
        return mote;
    }

    public void visa(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        String sok = ctx.queryParam("sok");
        renderMote(ctx, user, mote, Bokningsform.tom(sok == null ? "" : Formular.av(java.util.Map.of("sok", sok))
                .text("sok", Formular.RAD)), Formularfel.none());
    }

    private void renderMote(Context ctx, Anvandare user, MoteRepository.Mote mote, Bokningsform form,
                            Formularfel fel) {
        renderMote(ctx, user, mote, form, fel, Flyttform.av(mote));
    }

    /** At most this many waiting participants are listed at once; a search finds the others. */
    static final int MAX_VANTANDE = 150;

    private void renderMote(Context ctx, Anvandare user, MoteRepository.Mote mote, Bokningsform form,
                            Formularfel fel, Flyttform flytt) {
        DeltagarAtkomst.Synliga synliga = DeltagarAtkomst.synliga(user);
        List<MoteRepository.Bokning> bokningar = moten.bokningar(mote.id(), synliga);
        List<MoteRepository.BokadTid> alla = moten.bokadeTiderMedId(mote.id());
        java.util.Map<Long, MoteRepository.Bokning> synligaBokningar = new java.util.HashMap<>();
        bokningar.forEach(b -> synligaBokningar.put(b.id(), b));
        List<LocalDateTime> bokade = alla.stream().map(MoteRepository.BokadTid::tid).toList();
        List<LocalDateTime> lediga = bokade.size() >= mote.tider().size() ? List.of()
                : MoteRepository.lediga(mote, bokade);
        // Times taken by participants this user may not see: shown as taken, without a name.
        List<LocalDateTime> dolda = alla.stream().filter(a -> !synligaBokningar.containsKey(a.id()))
                .map(MoteRepository.BokadTid::tid).toList();
        List<Bokningsrad> rader = bokningar.stream().map(b -> new Bokningsrad(b, alla.stream()
                .filter(a -> a.id() != b.id() && MoteRepository.overlappar(a.tid(), b.tid()))
                .map(a -> new Krockpart(a.tid(), synligaBokningar.containsKey(a.id())
                        ? synligaBokningar.get(a.id()).visningsnamn() : null))
                .toList())).toList();
        boolean koordinator = user.roll() == Roll.KOORDINATOR;
        List<MoteRepository.Vantande> allaVantande = koordinator && mote.planerat()
                ? moten.vantande(synliga, mote.teamId()) : List.of();
        String sok = form.sok() == null ? "" : form.sok().strip().toLowerCase(SVENSKA);
        List<MoteRepository.Vantande> traffar = allaVantande.stream()
                .filter(v -> sok.isEmpty() || v.visningsnamn().toLowerCase(SVENSKA).contains(sok)
                        || v.kod().toLowerCase(SVENSKA).contains(sok))
                .toList();
        // The ticked ones stay in the list (first), whatever the search, so that a refusal loses nothing.
        List<MoteRepository.Vantande> vantande = new ArrayList<>(allaVantande.stream()
                .filter(v -> form.vald(v.id())).toList());
        traffar.stream().filter(v -> !form.vald(v.id())).limit(Math.max(0, MAX_VANTANDE - vantande.size()))
                .forEach(vantande::add);
        List<Long> visade = new ArrayList<>(bokningar.stream().map(MoteRepository.Bokning::deltagareId).toList());
        vantande.forEach(v -> visade.add(v.id()));
        access.loggaLista(ctx, visade, "möte " + mote.start().toLocalDate());
        mallar.render(ctx, "mote/mote.jte", new MotePage(mote, rader, vantande, allaVantande.size(), traffar.size(),
                lediga, bokade, form, fel, kontakter.personal(Set.of(mote.teamId())), moten.narvaro(mote.id()),
                koordinator, kontakter.personalUtanfor(mote.teamId()), dolda, flytt));
    }

    private static final java.util.Locale SVENSKA = java.util.Locale.forLanguageTag("sv");

    /**
     * Books the participants ticked in the list, all at once, each into her own free slot from the time chosen.
     * More participants than free slots, or a chosen time that is taken, is refused (409) unless the koordinator
     * ticked the override; the form comes back with everything still ticked and typed. One participant booked goes
     * to her kallelse; several go back to the meeting.
     */
    public void boka(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        Formular f = Formular.av(ctx);
        List<Long> valda = new ArrayList<>();
        boolean ogiltigt = false;
        for (String v : f.alla("deltagare")) {
            Long id = Formular.positivt(v);
            if (id == null) {
                ogiltigt = true;
            } else if (!valda.contains(id)) {
                valda.add(id);
            }
        }
        Bokningsform form = new Bokningsform(List.copyOf(valda), f.text("tid"), f.text("syfte"), f.text("taMed"),
                f.kryss("overboka", "ja"), f.text("sok", Formular.RAD));
        Formularfel fel = f.fel();
        if (!mote.planerat()) {
            fel.add("deltagare", "mote.fel.installt");
            ctx.status(409);
            renderMote(ctx, user, mote, form, fel);
            return;
        }
        Set<Long> vantande = new java.util.HashSet<>(moten.vantande(DeltagarAtkomst.synliga(user), mote.teamId())
                .stream().map(MoteRepository.Vantande::id).toList());
        if (ogiltigt || valda.isEmpty() || !vantande.containsAll(valda)) {
            fel.add("deltagare", "mote.fel.deltagare");
        }
        if (valda.size() > MAX_PER_BOKNING) {
            fel.add("deltagare", "mote.fel.formanga", MAX_PER_BOKNING);
        }
        LocalDateTime tid = null;
        if (!form.tid().isEmpty()) {
            try {
                tid = LocalDateTime.parse(form.tid());
                if (!mote.tider().contains(tid)) {
                    fel.add("tid", "mote.fel.tid");
                }
            } catch (DateTimeParseException e) {
                fel.add("tid", "mote.fel.tid");
            }
        }
        f.text("syfte", MAX_BOKNINGSTEXT);
        f.text("taMed", MAX_BOKNINGSTEXT);
        if (!fel.isEmpty()) {
            ctx.status(400);
            renderMote(ctx, user, mote, form, fel);
            return;
        }
        // Whom the user may book was checked above (those waiting, as the user may see them); the audit log gets
        // the bookings that were made, not the attempts.
        var utfall = moten.bokaFlera(mote.id(), valda, tid, form.syfte().isEmpty() ? null : form.syfte(),
                form.taMed().isEmpty() ? null : form.taMed(), form.overboka(), clock.instant());
        if (utfall instanceof MoteRepository.Bokningsutfall.Bokade b) {
            access.loggaAndring(ctx, valda, "bokad till möte");
            web.flash(ctx, b.overbokat() ? "flash.mote.overbokad"
                    : b.bokningar().size() == 1 ? "flash.mote.bokad" : "flash.mote.bokade");
            ctx.redirect(b.bokningar().size() == 1 ? "/kallelse/" + b.bokningar().get(0) : "/moten/" + mote.id());
            return;
        } else if (utfall instanceof MoteRepository.Bokningsutfall.Fullt full) {
            if (full.fran() == null) {
                fel.add("deltagare", "mote.fel.fullt", full.lediga(), full.valda());
            } else {
                fel.add("deltagare", "mote.fel.fullt.fran", full.lediga(), full.valda(),
                        full.fran().toLocalTime().toString());
            }
        } else if (utfall instanceof MoteRepository.Bokningsutfall.Krock k) {
            fel.add("tid", "mote.fel.krock", k.tid().toLocalTime().toString());
        } else if (utfall instanceof MoteRepository.Bokningsutfall.RedanBokad r) {
            fel.add("deltagare", "mote.fel.redanbokad", moten.vantandeNamn(r.deltagareId()));
        } else if (utfall instanceof MoteRepository.Bokningsutfall.OgiltigTid) {
            fel.add("tid", "mote.fel.tid");
        } else {
            fel.add("deltagare", "mote.fel.installt");
        }
        ctx.status(409);
        renderMote(ctx, user, moten.mote(mote.id()).orElseThrow(), form, fel);
    }

    /** At most this many participants are booked in one go. */
    static final int MAX_PER_BOKNING = 50;

    /** Marks whether the booked participant's interpreter is booked. */
    public void tolk(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        MoteRepository.Bokning bokning = bokningIMote(ctx, mote);
        String bokad = Formular.av(ctx).text("bokad");
        if (!bokning.tolkbehov() || !List.of("ja", "nej").contains(bokad)) {
            throw Felsvar.badRequest(web.messages(ctx).get("mote.fel.tolk"));
        }
        moten.tolkBokad(bokning.id(), "ja".equals(bokad), clock.instant());
        web.flash(ctx, "flash.mote.tolk");
        ctx.redirect("/moten/" + mote.id() + "#bokning-" + bokning.id());
    }

    /** Sets whether the booked participant's kallelse is printed or sent. */
    public void kallelsestatus(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        MoteRepository.Bokning bokning = bokningIMote(ctx, mote);
        String status = Formular.av(ctx).text("status");
        if (!List.of("ej", "utskriven", "skickad").contains(status)) {
            throw Felsvar.badRequest(web.messages(ctx).get("mote.fel.kallelsestatus"));
        }
        moten.kallelsestatus(bokning.id(), status, clock.instant());
        web.flash(ctx, "flash.mote.kallelsestatus");
        ctx.redirect("/moten/" + mote.id() + "#bokning-" + bokning.id());
    }

    /** Every booked participant's kallelse on one page, each in her language on a page of its own. */
    public record KallelserPage(MoteRepository.Mote mote, List<KallelsePage> brev) {

        /** How many letters in each language, in the order of the languages of the app. */
        public List<java.util.Map.Entry<String, Long>> perSprak() {
            java.util.Map<String, Long> antal = new java.util.LinkedHashMap<>();
            Texter.SPRAK.forEach(s -> antal.put(s.kod(), 0L));
            brev.forEach(b -> antal.merge(b.brev().lang(), 1L, Long::sum));
            return antal.entrySet().stream().filter(e -> e.getValue() > 0).toList();
        }

        public long ejUtskrivna() {
            return brev.stream().filter(b -> b.bokning().kallelseUtskriven() == null).count();
        }
    }

    public void kallelser(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        List<MoteRepository.Bokning> bokningar = moten.bokningar(mote.id(), DeltagarAtkomst.synliga(user));
        access.loggaLista(ctx, bokningar.stream().map(MoteRepository.Bokning::deltagareId).toList(), "kallelse");
        List<KallelsePage> brev = bokningar.stream()
                .map(b -> kallelsePage(b, mote, null, false, null)).toList();
        mallar.render(ctx, "mote/kallelser.jte", new KallelserPage(mote, brev));
    }

    /** After printing them all: every booked participant's kallelse is marked as printed. */
    public void kallelserUtskrivna(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        List<MoteRepository.Bokning> bokningar = moten.bokningar(mote.id(), DeltagarAtkomst.synliga(user)).stream()
                .filter(b -> b.kallelseUtskriven() == null).toList();
        moten.kallelserUtskrivna(mote.id(), bokningar.stream().map(MoteRepository.Bokning::id).toList(),
                clock.instant());
        access.loggaAndring(ctx, bokningar.stream().map(MoteRepository.Bokning::deltagareId).toList(),
                "kallelsens status");
        web.flash(ctx, "flash.mote.kallelser.utskrivna");
        ctx.redirect("/moten/" + mote.id());
    }

    public void avboka(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        long bokningId = Formular.sokvagsId(ctx, "bokning");
        MoteRepository.Bokning bokning = moten.bokning(bokningId).filter(b -> b.moteId() == mote.id())
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        moten.avboka(mote.id(), bokningId);
        web.flash(ctx, "flash.mote.avbokad");
        ctx.redirect("/moten/" + mote.id());
    }

    public void installa(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        if (!moten.installa(mote.id())) {
            throw new Felsvar(409, web.messages(ctx).get("mote.fel.installa"));
        }
        web.flash(ctx, "flash.mote.installt");
        ctx.redirect("/moten");
    }

    public void narvaro(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        List<KontaktRepository.Personal> personal = kontakter.personal(Set.of(mote.teamId()));
        Formular f = Formular.av(ctx);
        List<String> valda = f.alla("narvarande");
        List<String> ersattare = f.alla("ersattare");
        List<MoteRepository.Narvaro> lista = new ArrayList<>();
        for (KontaktRepository.Personal p : personal) {
            String id = String.valueOf(p.id());
            if (valda.contains(id)) {
                lista.add(new MoteRepository.Narvaro(p.id(), p.namn(), p.organisationId(), p.organisation(),
                        ersattare.contains(id)));
            }
        }
        for (String kvar : f.alla("externa")) {
            Long externId = Formular.positivt(kvar);
            (externId == null ? java.util.Optional.<KontaktRepository.Personal>empty() : kontakter.personal(externId))
                    .ifPresent(p -> lista.add(
                    new MoteRepository.Narvaro(p.id(), p.namn(), p.organisationId(), p.organisation(), true)));
        }
        // A substitute from outside the team: anyone in the staff directory.
        if (!f.text("extra").isEmpty()) {
            Long extra = f.id("extra");
            KontaktRepository.Personal p = (extra == null ? java.util.Optional.<KontaktRepository.Personal>empty()
                    : kontakter.personal(extra))
                    .orElseThrow(() -> Felsvar.badRequest(web.messages(ctx).get("mote.fel.ersattare")));
            lista.add(new MoteRepository.Narvaro(p.id(), p.namn(), p.organisationId(), p.organisation(), true));
        }
        moten.sparaNarvaro(mote.id(), lista);
        web.flash(ctx, "flash.mote.narvaro");
        ctx.redirect(Webbkontext.safeLocalPath(f.text("tillbaka"), "/moten/" + mote.id()));
    }

    /**
     * Moves the meeting to a new date, time and/or place. Refused: a cancelled meeting, a time that has passed, a
     * time that overlaps another meeting of the team, and a move over someone else's newer one (409, the form keeps
     * what was typed). The booked participants keep their order of slots; each booking's calendar SEQUENCE rises,
     * and the move is written to the audit log for each of them.
     */
    public void flytta(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        Formular f = Formular.av(ctx);
        int version = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, f.heltal("version", -1)));
        Flyttform form = new Flyttform(f.text("flytt-datum"), f.text("flytt-tid"), f.text("flytt-plats"), version);
        Bokningsform tomBokning = Bokningsform.tom("");
        Formularfel fel = f.fel();
        if (!mote.planerat()) {
            fel.add("flytt-datum", "mote.flytta.fel.installt");
            ctx.status(409);
            renderMote(ctx, user, mote, tomBokning, fel, Flyttform.av(mote));
            return;
        }
        LocalDateTime nu = nu();
        LocalDate idag = nu.toLocalDate();
        LocalDate datum = f.datum("flytt-datum").format("mote.fel.datum")
                .fran(idag, "mote.flytta.fel.passerat").till(idag.plusYears(MOTE_FRAMAT_AR)).las();
        LocalTime tid = null;
        try {
            tid = LocalTime.parse(form.tid());
        } catch (DateTimeParseException e) {
            fel.add("flytt-tid", "mote.fel.tid");
        }
        String plats = f.text("flytt-plats", 200, "mote.flytta.fel.plats");
        LocalDateTime start = datum != null && tid != null ? datum.atTime(tid) : null;
        if (start != null && !start.isAfter(nu)) {
            fel.add("flytt-tid", "mote.flytta.fel.passerat");
        }
        if (fel.isEmpty() && start.equals(mote.start()) && plats.equals(mote.plats())) {
            fel.add("flytt-datum", "mote.flytta.fel.samma");
        }
        if (fel.isEmpty()) {
            var krock = moten.krock(mote.teamId(), mote.id(), start,
                    start.plus(Duration.between(mote.start(), mote.slut())));
            krock.ifPresent(k -> fel.add("flytt-tid", "mote.flytta.fel.krock",
                    k.start().toLocalDate().toString(), k.start().toLocalTime().toString(),
                    k.slut().toLocalTime().toString()));
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            renderMote(ctx, user, mote, tomBokning, fel, form);
            return;
        }
        List<Long> flyttade = new ArrayList<>();
        MoteRepository.Flytt utfall = moten.flytta(mote.id(), version, start, plats, clock.instant(), flyttade);
        switch (utfall) {
            case FLYTTAD -> {
                access.loggaAndring(ctx, flyttade, "mötet flyttat");
                web.flash(ctx, "flash.mote.flyttat");
                ctx.redirect("/moten/" + mote.id());
            }
            case KROCK -> {
                fel.add("flytt-tid", "mote.flytta.fel.krock.kort");
                ctx.status(400);
                renderMote(ctx, user, mote, tomBokning, fel, form);
            }
            default -> {
                // Someone else moved or cancelled it meanwhile: show the meeting as it is now, keep what was typed.
                MoteRepository.Mote nu2 = moten.mote(mote.id()).orElseThrow();
                if (nu2.planerat()) {
                    fel.add("flytt-datum", "mote.flytta.fel.version", nu2.start().toLocalDate().toString(),
                            nu2.start().toLocalTime().toString(), nu2.plats());
                } else {
                    fel.add("flytt-datum", "mote.flytta.fel.installt");
                }
                ctx.status(409);
                renderMote(ctx, user, nu2, tomBokning, fel,
                        new Flyttform(form.datum(), form.tid(), form.plats(), nu2.version()));
            }
        }
    }

    /** A booking and where it can be moved: the free times of the team's other coming meetings. */
    public record BokningsflyttPage(MoteRepository.Mote mote, MoteRepository.Bokning bokning,
                                    List<MoteRepository.LedigaTider> alternativ, String valt, Formularfel fel) {
    }

    private MoteRepository.Bokning bokningIMote(Context ctx, MoteRepository.Mote mote) {
        long bokningId = Formular.sokvagsId(ctx, "bokning");
        return moten.bokning(bokningId).filter(b -> b.moteId() == mote.id())
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
    }

    public void flyttaBokningSida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        MoteRepository.Bokning bokning = bokningIMote(ctx, mote);
        mallar.render(ctx, "mote/flytta-bokning.jte", new BokningsflyttPage(mote, bokning,
                moten.ledigaTider(mote.teamId(), mote.id(), nu()), "", Formularfel.none()));
    }

    /** Moves one booking to a free time of another coming meeting of the same team. */
    public void flyttaBokning(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moteForTeam(ctx, user);
        MoteRepository.Bokning bokning = bokningIMote(ctx, mote);
        Formular f = Formular.av(ctx);
        String valt = f.text("till");
        Formularfel fel = f.fel();
        MoteRepository.Mote till = null;
        LocalDateTime tid = null;
        String[] delar = valt.split("\\|", 2);
        if (delar.length == 2) {
            Long tillId = Formular.positivt(delar[0]);
            till = tillId == null ? null
                    : moten.mote(tillId).filter(t -> t.teamId() == mote.teamId()).orElse(null);
            try {
                tid = LocalDateTime.parse(delar[1]);
            } catch (DateTimeParseException e) {
                tid = null;
            }
        }
        if (till == null || tid == null || till.id() == mote.id()) {
            fel.add("till", "mote.flyttabokning.fel.val");
        } else if (!tid.isAfter(nu())) {
            fel.add("till", "mote.flytta.fel.passerat");
        } else {
            switch (moten.flyttaBokning(bokning.id(), till.id(), tid, clock.instant())) {
                case FLYTTAD -> {
                    access.loggaAndring(ctx, List.of(bokning.deltagareId()), "bokning flyttad");
                    web.flash(ctx, "flash.bokning.flyttad");
                    ctx.redirect("/moten/" + till.id());
                    return;
                }
                case INSTALLT -> fel.add("till", "mote.flytta.fel.installt");
                default -> fel.add("till", "mote.fel.upptagen");
            }
        }
        ctx.status(fel.has("till") && till != null && !till.planerat() ? 409 : 400);
        mallar.render(ctx, "mote/flytta-bokning.jte", new BokningsflyttPage(mote, bokning,
                moten.ledigaTider(mote.teamId(), mote.id(), nu()), valt, fel));
    }

    /** The booking as a calendar file in the participant's language, to send with the kallelse. */
    public void kallelseIcs(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        MoteRepository.Bokning bokning = moten.bokning(id)
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        MoteRepository.Mote mote = moten.mote(bokning.moteId()).orElseThrow();
        Texter brev = Texter.of(deltagare.sprak(bokning.deltagareId()));
        var koordinator = kontakter.koordinator(mote.teamId());
        ctx.contentType("text/calendar; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"finsam-mote.ics\"");
        ctx.result(Kalenderfil.skriv(new Kalenderfil.Innehall(bokning.id(), bokning.sekvens(), bokning.tid(),
                mote.plats(), bokning.syfte(), bokning.taMed(), mote.team(),
                moten.myndigheterITeam(mote.teamId(), bokning.deltagareId()),
                koordinator.map(KontaktRepository.Koordinator::namn).orElse(null),
                koordinator.map(KontaktRepository.Koordinator::epost).orElse(null)), brev, clock.getZone(),
                clock.instant()));
    }

    /**
     * A letter with a new activation code for a participant who lost her PIN or her phone, whether or not she is
     * booked into a meeting: in her language (and a Swedish copy when hers is another), with the code and a QR code
     * to the activation page. The old PIN and every session end with the new code.
     */
    public record KodbrevPage(DeltagareRepository.Oversikt deltagare, String team,
                              KontaktRepository.Koordinator koordinator, String aktiveringskod, LocalDate kodGiltigTill,
                              LocalDate idag, Sidkontext brev, String qrUrl) {

        public String qrSvg(Sidkontext l) {
            return QrCode.svg(qrUrl, l.t("utskrift.qr", qrUrl));
        }

        public List<Sidkontext> brevAttSkrivaUt() {
            return brev.lang().equals("sv") ? List.of(brev)
                    : List.of(brev, new Sidkontext(Texter.of("sv"), null, null, null, null, brev.zon()));
        }
    }

    public void kodbrev(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        long id = Formular.sokvagsId(ctx, "id");
        if (moten.harPin(id)) {
            access.require(ctx, id, Handelselogg.Handling.ANDRA, "ny aktiveringskod, gammal PIN upphävd");
        }
        DeltagareRepository.Oversikt oversikt = deltagare.oversikt(id)
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        long teamId = deltagare.teamOf(id).orElseThrow();
        String kod = moten.nyAktiveringskod(id, user.id(), clock.instant(), KOD_GILTIG);
        LocalDate idag = LocalDate.now(clock);
        mallar.render(ctx, "mote/kodbrev.jte", new KodbrevPage(oversikt,
                moten.team(teamId).map(MoteRepository.Team::namn).orElse(""),
                kontakter.koordinator(teamId).orElse(null), kod, idag.plusDays(KOD_GILTIG.toDays()), idag,
                new Sidkontext(Texter.of(deltagare.sprak(id)), null, null, null, null, clock.getZone()),
                baseUrl + "/aktivera"));
    }

    public void kallelse(Context ctx) {
        visaKallelse(ctx, null);
    }

    /** The kallelse again, this time with a fresh activation code printed on it. The code is shown only here. */
    public void aktiveringskod(Context ctx) {
        visaKallelse(ctx, "ny");
    }

    /**
     * The kallelse; with {@code kod} "ny", with a fresh activation code printed on it. When the koordinator chose
     * "skriv ut och skicka" ({@code skicka=ja}), the same code goes to her by SMS or e-mail as well: the outbox row is
     * written in the transaction that makes the code, so the letter and the message always carry one code. Without
     * a channel of hers nothing is made (400), and the page says why.
     */
    private void visaKallelse(Context ctx, String kod) {
        long id = Formular.sokvagsId(ctx, "id");
        MoteRepository.Bokning bokning = moten.bokning(id)
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        Anvandare user = web.requireUser(ctx);
        MoteRepository.Mote mote = moten.mote(bokning.moteId()).orElseThrow();
        String kopia = ctx.queryParam("kopia") != null ? ctx.queryParam("kopia") : ctx.formParam("kopia");
        boolean svenskKopia = kopia == null ? !Texter.of(bokning.sprak()).lang().equals("sv") : "ja".equals(kopia);
        boolean skicka = kod != null && "ja".equals(ctx.formParam("skicka"));
        UtskickRepository.Kallelsekanaler kanaler = user.roll() == Roll.KOORDINATOR
                ? utskick.kallelsekanaler(bokning.deltagareId()) : new UtskickRepository.Kallelsekanaler(null, null);
        if (skicka && !kanaler.nagon()) {
            ctx.status(400);
            mallar.render(ctx, "mote/kallelse.jte", kallelsePage(bokning, mote, null, svenskKopia,
                    meddelande(kanaler, false, "kallelse.skicka.fel.ingen")));
            return;
        }
        if (kod != null && moten.harPin(bokning.deltagareId())) {
            // Besides the route's own audit row: the participant reads this one under "Vem har tittat", and it
            // says in plain words why her PIN no longer works.
            access.require(ctx, bokning.deltagareId(), Handelselogg.Handling.ANDRA,
                    "ny aktiveringskod, gammal PIN upphävd");
        }
        String aktiveringskod = kod == null ? null
                : moten.nyAktiveringskod(bokning.deltagareId(), user.id(), clock.instant(), KOD_GILTIG,
                skicka ? bokning.id() : null);
        mallar.render(ctx, "mote/kallelse.jte", kallelsePage(bokning, mote, aktiveringskod, svenskKopia,
                meddelande(kanaler, skicka, null)));
    }

    /** The channel a kallelse to her goes on from this server: SMS before e-mail, as the sender chooses. */
    private Kallelsemeddelande meddelande(UtskickRepository.Kallelsekanaler kanaler, boolean skickas, String fel) {
        Kanal kanal = kanaler.telefon() != null && serverkanaler.contains(Kanal.SMS) ? Kanal.SMS
                : kanaler.epost() != null && serverkanaler.contains(Kanal.EPOST) ? Kanal.EPOST : null;
        return new Kallelsemeddelande(kanaler, kanal, skickas, fel);
    }

    private KallelsePage kallelsePage(MoteRepository.Bokning bokning, MoteRepository.Mote mote, String aktiveringskod,
                                      boolean svenskKopia, Kallelsemeddelande meddelande) {
        Texter brev = Texter.of(bokning.sprak());
        // With a code the QR code opens the activation page; without, her login.
        String qrUrl = baseUrl + (aktiveringskod != null ? "/aktivera" : "/logga-in/deltagare");
        return new KallelsePage(bokning, mote,
                deltagare.oversikt(bokning.deltagareId()).orElseThrow(),
                moten.myndigheterITeam(mote.teamId(), bokning.deltagareId()),
                kontakter.koordinator(mote.teamId()).orElse(null), aktiveringskod,
                aktiveringskod == null ? null : LocalDate.now(clock).plusDays(KOD_GILTIG.toDays()),
                LocalDate.now(clock), baseUrl, new Sidkontext(brev, null, null, null, null, clock.getZone()),
                svenskKopia, qrUrl, meddelande);
    }
}
