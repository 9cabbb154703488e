package se.finsam.planering.admin;

import io.javalin.http.Context;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.web.Alternativ;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Formular;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * The administrator's pages for organisations and teams, and the page of what administrators did. Every change
 * is written to the audit log with what changed; no page here shows a participant.
 */
public final class AdminRoutes {

    static final int PER_SIDA = 50;

    public record Val(String varde, String namn) {
    }

    /** A form's values as typed, by field name. */
    public record Varden(Map<String, String> varden, Set<String> flera) {
        public String v(String falt) {
            return Objects.requireNonNullElse(varden.get(falt), "");
        }

        public boolean vald(String varde) {
            return flera.contains(varde);
        }
    }

    public record OrganisationerPage(List<OrganisationRepository.Organisation> organisationer) {
    }

    public record OrganisationPage(OrganisationRepository.Organisation organisation, Varden form, Formularfel fel,
                                   List<String> typer) {
    }

    public record TeamListaPage(List<TeamRepository.Team> team) {
    }

    public record TeamPage(TeamRepository.Team team, Varden form, Formularfel fel, List<Val> veckodagar,
                           List<Alternativ> organisationer, Formularfel.Meddelande meddelande) {
    }

    public record HandelserPage(HandelseRepository.Sida sida, String slag, List<String> slagen,
                                se.finsam.planering.audit.Kedjekontroll.Kontroll kedjan) {
    }

    private final OrganisationRepository organisationer;
    private final TeamRepository team;
    private final HandelseRepository handelser;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;

    public AdminRoutes(OrganisationRepository organisationer, TeamRepository team, HandelseRepository handelser,
                       Handelselogg audit, Mallar mallar, Webbkontext web) {
        this.organisationer = organisationer;
        this.team = team;
        this.handelser = handelser;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
    }

    // ---- Organisations ----

    public void organisationer(Context ctx) {
        mallar.render(ctx, "admin/organisationer.jte", new OrganisationerPage(organisationer.alla()));
    }

    public void nyOrganisation(Context ctx) {
        mallar.render(ctx, "admin/organisation.jte", new OrganisationPage(null,
                new Varden(Map.of("typ", ""), Set.of()), Formularfel.none(), OrganisationRepository.TYPER));
    }

    public void organisation(Context ctx) {
        OrganisationRepository.Organisation o = organisation(ctx, "id");
        mallar.render(ctx, "admin/organisation.jte", new OrganisationPage(o, new Varden(varden(o.uppgifter()),
                Set.of()), Formularfel.none(), OrganisationRepository.TYPER));
    }

    public void skapaOrganisation(Context ctx) {
        sparaOrganisation(ctx, null);
    }

    public void andraOrganisation(Context ctx) {
        sparaOrganisation(ctx, organisation(ctx, "id"));
    }

    private void sparaOrganisation(Context ctx, OrganisationRepository.Organisation fore) {
        Anvandare admin = web.requireUser(ctx);
        Formular f = Formular.av(ctx);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("namn", f.text("namn", 120, "admin.fel.kravs"));
        if (!f.fel().has("namn") && organisationer.namnUpptaget(v.get("namn"), fore == null ? null : fore.id())) {
            f.fel("namn", "admin.org.fel.namnfinns");
        }
        v.put("typ", f.val("typ", OrganisationRepository.TYPER, "admin.org.fel.typ"));
        if (v.get("typ").isEmpty()) {
            f.fel("typ", "admin.org.fel.typ");
        }
        v.put("enhetstyp", f.text("enhetstyp", 60));
        v.put("telefon", f.telefon("telefon"));
        v.put("telefontider", f.text("telefontider", 100));
        if (!v.get("telefontider").isEmpty()
                && se.finsam.planering.kontakt.Telefontid.tolka(v.get("telefontider")).isEmpty()) {
            f.fel("telefontider", "telefontid.fel.tolka");
        }
        v.put("epost", f.epost("epost"));
        v.put("kan_hjalpa_med", f.text("kan_hjalpa_med", 300, "admin.fel.kravs"));
        v.put("kan_hjalpa_med_en", f.text("kan_hjalpa_med_en", 300));
        v.put("kan_hjalpa_med_ar", f.text("kan_hjalpa_med_ar", 300));
        if (!f.ok()) {
            ctx.status(400);
            mallar.render(ctx, "admin/organisation.jte", new OrganisationPage(fore, new Varden(v, Set.of()), f.fel(),
                    OrganisationRepository.TYPER));
            return;
        }
        OrganisationRepository.Uppgifter u = new OrganisationRepository.Uppgifter(v.get("namn"), v.get("typ"),
                v.get("typ").equals("region") ? tomNull(v.get("enhetstyp")) : null, tomNull(v.get("telefon")),
                tomNull(v.get("telefontider")), tomNull(v.get("epost")), v.get("kan_hjalpa_med"),
                tomNull(v.get("kan_hjalpa_med_en")), tomNull(v.get("kan_hjalpa_med_ar")));
        if (fore == null) {
            long id = organisationer.skapa(u);
            logga(ctx, admin, "organisation", id, "skapad: " + beskriv(varden(u)));
            web.flash(ctx, "flash.admin.org.skapad");
        } else {
            String andrat = skillnad(varden(fore.uppgifter()), varden(u));
            organisationer.andra(fore.id(), u);
            logga(ctx, admin, "organisation", fore.id(), andrat.isEmpty() ? "sparad utan ändringar" : "ändrad: " + andrat);
            web.flash(ctx, "flash.admin.org.sparad");
        }
        ctx.redirect("/admin/organisationer");
    }

    public void avaktiveraOrganisation(Context ctx) {
        satOrganisationAktiv(ctx, false);
    }

    public void aktiveraOrganisation(Context ctx) {
        satOrganisationAktiv(ctx, true);
    }

    private void satOrganisationAktiv(Context ctx, boolean aktiv) {
        Anvandare admin = web.requireUser(ctx);
        OrganisationRepository.Organisation o = organisation(ctx, "id");
        if (o.aktiv() != aktiv) {
            organisationer.satAktiv(o.id(), aktiv);
            logga(ctx, admin, "organisation", o.id(), (aktiv ? "aktiverad" : "avaktiverad") + " (" + o.namn() + ")");
        }
        web.flash(ctx, aktiv ? "flash.admin.org.aktiverad" : "flash.admin.org.avaktiverad");
        ctx.redirect("/admin/organisationer");
    }

    private static Map<String, String> varden(OrganisationRepository.Uppgifter u) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("namn", u.namn());
        v.put("typ", u.typ());
        v.put("enhetstyp", u.enhetstyp());
        v.put("telefon", u.telefon());
        v.put("telefontider", u.telefontider());
        v.put("epost", u.epost());
        v.put("kan_hjalpa_med", u.kanHjalpaMed());
        v.put("kan_hjalpa_med_en", u.kanHjalpaMedEn());
        v.put("kan_hjalpa_med_ar", u.kanHjalpaMedAr());
        return v;
    }

    private OrganisationRepository.Organisation organisation(Context ctx, String parameter) {
        return organisationer.hamta(id(ctx, parameter))
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
    }

    // ---- Teams ----

    public void teamLista(Context ctx) {
        mallar.render(ctx, "admin/team-lista.jte", new TeamListaPage(team.alla()));
    }

    public void nyttTeam(Context ctx) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("motesveckodag", "2");
        v.put("motestid", "09:00");
        v.put("motesintervall_veckor", "2");
        v.put("moteslangd_minuter", "180");
        v.put("uppfoljning_manader", "1,3,6");
        v.put("kvittens_arbetsdagar", "5");
        v.put("fastnat_veckor", "4");
        renderTeam(ctx, null, new Varden(v, Set.of()), Formularfel.none(), null);
    }

    public void teamSida(Context ctx) {
        TeamRepository.Team t = teamFran(ctx);
        renderTeam(ctx, t, varden(t.uppgifter()), Formularfel.none(), null);
    }

    public void skapaTeam(Context ctx) {
        sparaTeam(ctx, null);
    }

    public void andraTeam(Context ctx) {
        sparaTeam(ctx, teamFran(ctx));
    }

    private void sparaTeam(Context ctx, TeamRepository.Team fore) {
        Anvandare admin = web.requireUser(ctx);
        Formular f = Formular.av(ctx);
        Map<String, String> v = new LinkedHashMap<>();
        for (String falt : List.of("motesveckodag", "motesintervall_veckor", "moteslangd_minuter", "uppfoljning_manader",
                "kvittens_arbetsdagar", "fastnat_veckor")) {
            v.put(falt, f.text(falt));
        }
        v.put("namn", f.text("namn", 100, "admin.fel.kravs"));
        if (!f.fel().has("namn") && team.namnUpptaget(v.get("namn"), fore == null ? null : fore.id())) {
            f.fel("namn", "admin.team.fel.namnfinns");
        }
        v.put("forbund", f.text("forbund", 120));
        v.put("motesplats", f.text("motesplats", 200, "admin.fel.kravs"));
        Long veckodag = f.tal("motesveckodag").mellan(1, 7, null).las();
        v.put("motestid", f.text("motestid"));
        if (!v.get("motestid").matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            f.fel("motestid", "admin.team.fel.tid");
        }
        Long intervall = f.tal("motesintervall_veckor").mellan(1, 8, null).las();
        Long langd = f.tal("moteslangd_minuter").mellan(45, 480, null).las();
        String manader = uppfoljningManader(v.get("uppfoljning_manader"));
        if (manader == null) {
            f.fel("uppfoljning_manader", "admin.team.fel.manader");
        }
        Long kvittens = f.tal("kvittens_arbetsdagar").mellan(1, 30, null).las();
        Long fastnat = f.tal("fastnat_veckor").mellan(1, 52, null).las();
        Set<String> valda = new LinkedHashSet<>(f.alla("organisation"));
        List<Alternativ> erbjudna = erbjudna(valda);
        Set<Long> orgIds = new TreeSet<>();
        for (String s : valda) {
            if (erbjudna.stream().noneMatch(a -> a.varde().equals(s))) {
                f.fel(organisationFel(erbjudna), "admin.team.fel.organisation");
            } else {
                orgIds.add(Long.parseLong(s));
            }
        }
        v.put("hjalpkontakt_namn", f.text("hjalpkontakt_namn", 100));
        // A fallback contact is often a short national number (1177, 112), shorter than a subscriber's number.
        v.put("hjalpkontakt_telefon", f.text("hjalpkontakt_telefon", 40));
        if (!v.get("hjalpkontakt_telefon").isEmpty() && !v.get("hjalpkontakt_telefon").matches("[+0-9 ()-]{3,20}")) {
            f.fel("hjalpkontakt_telefon", "form.fel.telefon");
        }
        v.put("hjalpkontakt_beskrivning", f.text("hjalpkontakt_beskrivning", 300));
        if (v.get("hjalpkontakt_namn").isEmpty()
                && !(v.get("hjalpkontakt_telefon") + v.get("hjalpkontakt_beskrivning")).isEmpty()) {
            f.fel("hjalpkontakt_namn", "admin.team.fel.hjalpkontakt");
        }
        if (!f.ok()) {
            ctx.status(400);
            renderTeam(ctx, fore, new Varden(v, valda), f.fel(), null);
            return;
        }
        TeamRepository.Hjalpkontakt kontakt = v.get("hjalpkontakt_namn").isEmpty() ? null
                : new TeamRepository.Hjalpkontakt(v.get("hjalpkontakt_namn"), tomNull(v.get("hjalpkontakt_telefon")),
                tomNull(v.get("hjalpkontakt_beskrivning")));
        TeamRepository.Uppgifter u = new TeamRepository.Uppgifter(v.get("namn"), tomNull(v.get("forbund")),
                v.get("motesplats"), veckodag.intValue(), v.get("motestid"), intervall.intValue(), langd.intValue(), manader,
                kvittens.intValue(), fastnat.intValue(), orgIds,
                kontakt);
        if (fore == null) {
            long id = team.skapa(u);
            logga(ctx, admin, "team", id, "skapat: " + beskriv(varden(u).varden()));
            web.flash(ctx, "flash.admin.team.skapat");
        } else {
            String andrat = skillnad(varden(fore.uppgifter()).varden(), varden(u).varden());
            team.andra(fore.id(), u);
            logga(ctx, admin, "team", fore.id(), andrat.isEmpty() ? "sparat utan ändringar" : "ändrat: " + andrat);
            web.flash(ctx, "flash.admin.team.sparat");
        }
        ctx.redirect("/admin/team");
    }

    public void avaktiveraTeam(Context ctx) {
        satTeamAktiv(ctx, false);
    }

    public void aktiveraTeam(Context ctx) {
        satTeamAktiv(ctx, true);
    }

    private void satTeamAktiv(Context ctx, boolean aktiv) {
        Anvandare admin = web.requireUser(ctx);
        TeamRepository.Team t = teamFran(ctx);
        if (t.aktiv() != aktiv) {
            team.satAktiv(t.id(), aktiv);
            logga(ctx, admin, "team", t.id(), (aktiv ? "aktiverat" : "avaktiverat") + " (" + t.namn() + ")");
        }
        web.flash(ctx, aktiv ? "flash.admin.team.aktiverat" : "flash.admin.team.avaktiverat");
        ctx.redirect("/admin/team");
    }

    /** A team is deleted only when it never had participants or meetings; otherwise the refusal says why. */
    public void taBortTeam(Context ctx) {
        Anvandare admin = web.requireUser(ctx);
        TeamRepository.Team t = teamFran(ctx);
        if (t.deltagare() > 0 || !team.taBort(t.id())) {
            Formularfel.Meddelande varfor = t.deltagare() > 0
                    ? new Formularfel.Meddelande("admin.team.kanintetasbort.deltagare", t.deltagare())
                    : new Formularfel.Meddelande("admin.team.kanintetasbort.moten");
            ctx.status(409);
            renderTeam(ctx, t, varden(t.uppgifter()), Formularfel.none(), varfor);
            return;
        }
        logga(ctx, admin, "team", t.id(), "borttaget (" + t.namn() + ")");
        web.flash(ctx, "flash.admin.team.borttaget");
        ctx.redirect("/admin/team");
    }

    /** The organisations the form offers: the active ones, and any already chosen. */
    private List<Alternativ> erbjudna(Set<String> valda) {
        List<Alternativ> orgs = new ArrayList<>();
        for (OrganisationRepository.Organisation o : organisationer.alla()) {
            if (o.aktiv() || valda.contains(String.valueOf(o.id()))) {
                orgs.add(new Alternativ(String.valueOf(o.id()), o.namn()));
            }
        }
        return orgs;
    }

    /** The checkbox group's error sits at its first box, where the error summary leads. */
    private static String organisationFel(List<Alternativ> erbjudna) {
        return "organisation-" + (erbjudna.isEmpty() ? "" : erbjudna.get(0).varde());
    }

    private void renderTeam(Context ctx, TeamRepository.Team t, Varden form, Formularfel fel,
                            Formularfel.Meddelande meddelande) {
        Locale locale = Locale.forLanguageTag(web.messages(ctx).lang());
        List<Val> dagar = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            dagar.add(new Val(String.valueOf(d.getValue()), d.getDisplayName(TextStyle.FULL_STANDALONE, locale)));
        }
        mallar.render(ctx, "admin/team.jte", new TeamPage(t, form, fel, dagar, erbjudna(form.flera()), meddelande));
    }

    private static Varden varden(TeamRepository.Uppgifter u) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("namn", u.namn());
        v.put("forbund", u.forbund());
        v.put("motesplats", u.motesplats());
        v.put("motesveckodag", String.valueOf(u.motesveckodag()));
        v.put("motestid", u.motestid());
        v.put("motesintervall_veckor", String.valueOf(u.motesintervallVeckor()));
        v.put("moteslangd_minuter", String.valueOf(u.moteslangdMinuter()));
        v.put("uppfoljning_manader", u.uppfoljningManader());
        v.put("kvittens_arbetsdagar", String.valueOf(u.kvittensArbetsdagar()));
        v.put("fastnat_veckor", String.valueOf(u.fastnatVeckor()));
        TeamRepository.Hjalpkontakt k = u.hjalpkontakt();
        v.put("hjalpkontakt_namn", k == null ? null : k.namn());
        v.put("hjalpkontakt_telefon", k == null ? null : k.telefon());
        v.put("hjalpkontakt_beskrivning", k == null ? null : k.beskrivning());
        Set<String> orgs = new LinkedHashSet<>();
        u.organisationer().forEach(o -> orgs.add(String.valueOf(o)));
        v.put("organisationer", String.join(",", orgs));
        return new Varden(v, orgs);
    }

    private TeamRepository.Team teamFran(Context ctx) {
        return team.hamta(id(ctx, "id")).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
    }

    /** "1,3,6": one to six distinct months from 1 to 36, rising; returned normalised, or null when wrong. */
    static String uppfoljningManader(String text) {
        String[] delar = text.replace(" ", "").split(",");
        if (delar.length < 1 || delar.length > 6) {
            return null;
        }
        List<String> ut = new ArrayList<>();
        int forra = 0;
        for (String del : delar) {
            int n;
            try {
                n = Integer.parseInt(del);
            } catch (NumberFormatException e) {
                return null;
            }
            if (n < 1 || n > 36 || n <= forra) {
                return null;
            }
            forra = n;
            ut.add(String.valueOf(n));
        }
        return String.join(",", ut);
    }

    // ---- Events ----

    public void handelser(Context ctx) {
        String slag = ctx.queryParam("slag");
        if (slag != null && !slag.isEmpty() && !HandelseRepository.SLAG.contains(slag)) {
            throw Felsvar.badRequest(web.messages(ctx).get("admin.handelser.fel.slag"));
        }
        int sida = 1;
        String s = ctx.queryParam("sida");
        if (s != null && !s.isEmpty()) {
            try {
                sida = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                sida = 0;
            }
            if (sida < 1 || sida > 100_000) {
                throw Felsvar.badRequest(web.messages(ctx).get("admin.handelser.fel.sida"));
            }
        }
        mallar.render(ctx, "admin/handelser.jte", new HandelserPage(
                handelser.sida(slag == null || slag.isEmpty() ? null : slag, sida, PER_SIDA),
                slag == null ? "" : slag, HandelseRepository.SLAG, handelser.kedjan()));
    }

    /** Checks the audit log's whole chain now, then shows the events page with the result. */
    public void kontrolleraKedjan(Context ctx) {
        handelser.kontrolleraKedjan();
        ctx.redirect("/admin/handelser#logg-kedja");
    }

    // ---- Shared ----

    private void logga(Context ctx, Anvandare admin, String slag, long id, String text) {
        audit.log(admin.id(), Handelselogg.Handling.ANDRA, null, HandelseRepository.vad(slag, id, text), ctx.ip());
    }

    private static long id(Context ctx, String parameter) {
        return Formular.sokvagsId(ctx, parameter);
    }

    private static String tomNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String beskriv(Map<String, String> v) {
        List<String> delar = new ArrayList<>();
        v.forEach((k, val) -> {
            if (val != null && !val.isEmpty()) {
                delar.add(k + "=\"" + kort(val) + "\"");
            }
        });
        return String.join(", ", delar);
    }

    /** What changed, field by field: {@code namn: "A" → "B"}. */
    static String skillnad(Map<String, String> fore, Map<String, String> efter) {
        List<String> delar = new ArrayList<>();
        efter.forEach((k, val) -> {
            String a = Objects.requireNonNullElse(fore.get(k), "");
            String b = Objects.requireNonNullElse(val, "");
            if (!a.equals(b)) {
                delar.add(k + ": \"" + kort(a) + "\" → \"" + kort(b) + "\"");
            }
        });
        return String.join("; ", delar);
    }

    private static String kort(String s) {
        String rad = s.replaceAll("\\s+", " ");
        return rad.length() <= 80 ? rad : rad.substring(0, 80) + "…";
    }
}
