package se.finsam.planering.hem;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.deltagare.SamtyckeRepository;
import se.finsam.planering.mote.MoteRepository;
import se.finsam.planering.overlamning.Arbetsdagar;
import se.finsam.planering.personal.SlutadAnsvarig;
import se.finsam.planering.uppfoljning.UppfoljningOversikt;

/**
 * The work lists: everything that waits for someone, one list per kind, each row with what to do about it. A list
 * holds only participants the user may see (the samtycke rule of {@link DeltagarAtkomst}) and never a closed one.
 * {@link #rader} gives a whole list, most urgent first; {@link #sida} one page of it, searched and filtered.
 * {@link Idag} counts the same lists, so a count and its list always agree.
 */
public final class Arbetslistor {

    /** Items waiting for the user's own kvittens, newest first. */
    public static final String KVITTERA = "kvittera";
    /** The user's own items due within {@link #DAGAR_FRAMAT} days or overdue. */
    public static final String MINA_PUNKTER = "mina-punkter";
    /** Follow-ups (and, for the koordinator, the checks 6 and 12 months after avslut) due by the end of this week. */
    public static final String UPPFOLJNINGAR = "uppfoljningar";
    /** Items stuck, past their date or unchanged too long (the koordinator's teams, or the user's own). */
    public static final String FASTNADE = "fastnade";
    /** Escalations not handled, newest first. */
    public static final String ESKALERINGAR = "eskaleringar";
    /** Handovers without kvittens past the team's limit. */
    public static final String SENA_KVITTENSER = "sena-kvittenser";
    /** Every handover without an answer. */
    public static final String UTAN_KVITTENS = "utan-kvittens";
    /** Participants' requests for correction. */
    public static final String RATTELSER = "rattelser";
    /** Samtycke a participant withdrew herself. */
    public static final String ATERKALLELSER = "aterkallelser";
    /** Open items whose responsible person has been deactivated. */
    public static final String SLUTAT = "slutat";
    /** Referred participants not yet booked to a meeting. */
    public static final String UTAN_MOTE = "utan-mote";
    /** Items answered "not mine", waiting for the koordinator to name someone else. */
    public static final String ATERLAMNADE = "aterlamnade";
    /** Participants whose plan is begun at a meeting and not yet handed over. */
    public static final String PLANERADE = "planerade";
    /** Participants booked to a meeting, the plan not yet begun. */
    public static final String KALLADE = "kallade";

    /** Lists every staff member has (about her own work). */
    public static final List<String> EGNA = List.of(KVITTERA, MINA_PUNKTER, UPPFOLJNINGAR, FASTNADE);
    /** Lists only the koordinator has (about her teams). */
    public static final List<String> KOORDINATORNS = List.of(ESKALERINGAR, SENA_KVITTENSER, UTAN_KVITTENS, RATTELSER,
            ATERKALLELSER, SLUTAT, UTAN_MOTE, ATERLAMNADE, PLANERADE, KALLADE);
    /** Lists whose rows come from a team meeting, so they can be narrowed to one. */
    public static final List<String> MED_MOTE = List.of(KVITTERA, MINA_PUNKTER, FASTNADE, SENA_KVITTENSER,
            UTAN_KVITTENS, ATERLAMNADE, PLANERADE, KALLADE);
    /** Lists whose rows each wait for a named person, so they are grouped by her. */
    public static final List<String> MED_PERSON = List.of(SENA_KVITTENSER, UTAN_KVITTENS, FASTNADE, ESKALERINGAR);

    /** How far ahead "my items due" looks, in days. */
    public static final int DAGAR_FRAMAT = 7;
    /** Rows on one page of a list. */
    public static final int PER_SIDA = 50;

    /**
     * One row of a work list. {@code id} is what the row's action acts on (the handover, the follow-up, the task,
     * the item); {@code person} the one who must act, with her phone and e-mail; {@code datum} the date the row is
     * judged by (due, deadline, referred); {@code dagar} working days waited (handovers) or days overdue; {@code ny}
     * that it came in after the user last opened the list; {@code typ} what kind of row it is where a list mixes
     * them ("uppfoljning:6", "efterkontroll:12"; for a stuck item the rule that caught it).
     */
    public record Arbetsrad(long id, long deltagareId, String kod, String namn, Long teamId, String team,
                            Long personId, String person, String telefon, String epost, Long organisationId,
                            String organisation, String text, String detalj, LocalDate datum, Instant tid, int dagar,
                            boolean forsenad, boolean ny, String typ, Long moteId, String mote) {
        public String visningsnamn() {
            return namn != null ? namn : kod;
        }
    }

    /**
     * What narrows a list: a search on name or code, the person, her organisation, the team, due on or before,
     * the team meeting the row comes from.
     */
    public record Urval(String sok, Long person, Long organisation, Long team, LocalDate senast, Long mote,
                        int sida) {
        public static final Urval ALLT = new Urval(null, null, null, null, null, null, 1);

        /** Whether anything narrows the list. */
        public boolean filtrerad() {
            return sok != null || person != null || organisation != null || team != null || senast != null
                    || mote != null;
        }

        boolean tar(Arbetsrad r) {
            if (sok != null) {
                String s = sok.toLowerCase(Locale.ROOT);
                boolean namn = r.namn() != null && r.namn().toLowerCase(Locale.ROOT).contains(s);
                if (!namn && !r.kod().toLowerCase(Locale.ROOT).contains(s)) {
                    return false;
                }
            }
            return (person == null || person.equals(r.personId()))
                    && (organisation == null || organisation.equals(r.organisationId()))
                    && (team == null || team.equals(r.teamId()))
                    && (senast == null || (r.datum() != null && !r.datum().isAfter(senast)))
                    && (mote == null || mote.equals(r.moteId()));
        }
    }

    /** The person a group of rows waits for, and how many. */
    public record Grupp(Long personId, String person, String telefon, String epost, String organisation, int antal) {
    }

    /** A choice in a filter: its value and what it shows. */
    public record Val(long id, String namn) {
    }

    /**
     * One page of a list: {@code rader} are rows {@link #fran()} to {@link #till()} of the {@code antal} that
     * match the urval, of {@code totalt} in the whole list; the filters offer the people, organisations and teams
     * found in the whole list, and {@code grupper} counts the matching rows per person.
     */
    public record Sida(String lista, Urval urval, List<Arbetsrad> rader, int antal, int totalt, int sida, int sidor,
                       List<Grupp> grupper, List<Val> personer, List<Val> organisationer, List<Val> team,
                       List<Val> moten, Map<Long, LocalDate> paminda, java.util.Set<Long> nabara,
                       boolean kanaler, LocalDate idag) {
        /**
         * The same page, with the day each row was last reminded of, whom a reminder reaches, and whether this
         * server sends messages at all.
         */
        public Sida medPaminnelser(Map<Long, LocalDate> paminda, java.util.Set<Long> nabara, boolean kanaler) {
            return new Sida(lista, urval, rader, antal, totalt, sida, sidor, grupper, personer, organisationer, team,
                    moten, paminda, nabara, kanaler, idag);
        }

        /** The day the row was last reminded of, as "7 dec", or null when it never was. */
        public String paminnelseDag(Arbetsrad r) {
            LocalDate dag = paminda.get(r.id());
            return dag == null ? null : dag.format(java.time.format.DateTimeFormatter.ofPattern("d MMM",
                    Locale.forLanguageTag("sv"))).replace(".", "");
        }

        /** A reminder about the row can be sent now: it waits for someone a message reaches, none went today. */
        public boolean kanPaminna(Arbetsrad r) {
            return r.personId() != null && nabara.contains(r.personId()) && !idag.equals(paminda.get(r.id()));
        }

        public int fran() {
            return antal == 0 ? 0 : (sida - 1) * PER_SIDA + 1;
        }

        public int till() {
            return fran() + rader.size() - 1;
        }

        /** The list's address with the same search and filters, on another page. */
        public String url(int sidan) {
            return Arbetslistor.url(lista, urval, sidan);
        }

        /** The list's address narrowed to one person, every other filter kept. */
        public String personUrl(Long person) {
            Urval u = new Urval(urval.sok(), person, urval.organisation(), urval.team(), urval.senast(), urval.mote(),
                    1);
            return Arbetslistor.url(lista, u, 1);
        }

        /** This page's own address, where an action on one of its rows returns to. */
        public String har() {
            return url(sida);
        }

        /** More than one team in the list, so rows name theirs. */
        public boolean visaTeam() {
            return team.size() > 1;
        }
    }

    private final ArbetslistaRepository repo;
    private final UppfoljningOversikt uppfoljning;
    private final SamtyckeRepository samtycke;
    private final MoteRepository moten;
    private final org.jdbi.v3.core.Jdbi jdbi;
    private final Clock clock;
    private final java.util.function.LongSupplier datautgava;

    /**
     * Lists and counts kept while the data version, the day and the hour stay the same (what a list holds depends
     * on nothing else), so a start page reloaded, or a list paged through, does not read every row again. The
     * list of items waiting for the user's own kvittens is never kept: it marks what came in since her last visit,
     * and a visit changes no data version. Bounded so that a few long lists fit the heap.
     */
    private final se.finsam.planering.web.Sidcache<Nyckel, List<Arbetsrad>> kept =
            new se.finsam.planering.web.Sidcache<>(16);
    private final se.finsam.planering.web.Sidcache<Nyckel, Integer> rakningar =
            new se.finsam.planering.web.Sidcache<>(512);

    private record Nyckel(String lista, long anvandare, String synliga, List<Long> team, LocalDate idag, long timme) {
    }

    /** Without a data version nothing is kept (tools and tests that change the data behind its back). */
    public Arbetslistor(ArbetslistaRepository repo, UppfoljningOversikt uppfoljning, SamtyckeRepository samtycke,
                        MoteRepository moten, org.jdbi.v3.core.Jdbi jdbi, Clock clock) {
        this(repo, uppfoljning, samtycke, moten, jdbi, clock, null);
    }

    public Arbetslistor(ArbetslistaRepository repo, UppfoljningOversikt uppfoljning, SamtyckeRepository samtycke,
                        MoteRepository moten, org.jdbi.v3.core.Jdbi jdbi, Clock clock,
                        java.util.function.LongSupplier datautgava) {
        this.datautgava = datautgava;
        this.repo = repo;
        this.uppfoljning = uppfoljning;
        this.samtycke = samtycke;
        this.moten = moten;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Whether the user has this list. */
    public static boolean har(Anvandare user, String lista) {
        return EGNA.contains(lista) || (user.roll() == Roll.KOORDINATOR && KOORDINATORNS.contains(lista));
    }

    /** The address of a list, filtered and on a page (the first page and empty filters are left out). */
    public static String url(String lista, Urval u, int sida) {
        StringBuilder s = new StringBuilder("/arbetslista?lista=").append(lista);
        if (u.sok() != null) {
            s.append("&sok=").append(java.net.URLEncoder.encode(u.sok(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (u.person() != null) {
            s.append("&person=").append(u.person());
        }
        if (u.organisation() != null) {
            s.append("&organisation=").append(u.organisation());
        }
        if (u.team() != null) {
            s.append("&team=").append(u.team());
        }
        if (u.senast() != null) {
            s.append("&senast=").append(u.senast());
        }
        if (u.mote() != null) {
            s.append("&mote=").append(u.mote());
        }
        if (sida > 1) {
            s.append("&sida=").append(sida);
        }
        return s.toString();
    }

    /** The whole list for the user, most urgent first; empty for a list she does not have. */
    public List<Arbetsrad> rader(Anvandare user, String lista) {
        Nyckel nyckel = nyckel(user, lista);
        if (nyckel == null) {
            return rader(user, lista, false);
        }
        // The version is read first: what is built after it is at least that new.
        return kept.hamta(nyckel, datautgava.getAsLong(), () -> rader(user, lista, false));
    }

    /** What a list is kept by, or null when it is not kept. */
    private Nyckel nyckel(Anvandare user, String lista) {
        if (datautgava == null || KVITTERA.equals(lista) || !har(user, lista)) {
            return null;
        }
        return new Nyckel(lista, user.id(), DeltagarAtkomst.synliga(user).sql(),
                user.teamIds().stream().sorted().toList(), LocalDate.now(clock),
                Math.floorDiv(clock.instant().getEpochSecond(), 3600));
    }

    /** How many rows a list holds, and how many of them came in since the user last opened it. */
    public record Antal(int antal, int nya) {
    }

    /**
     * The size of a list, found by the same rules as its rows but without what only a shown row needs (each
     * participant's team and code), so a start page can count every list of the day cheaply.
     */
    public Antal antal(Anvandare user, String lista) {
        Nyckel nyckel = nyckel(user, lista);
        if (nyckel == null) {
            List<Arbetsrad> rader = rader(user, lista, true);
            return new Antal(rader.size(), nya(rader));
        }
        long utgava = datautgava.getAsLong();
        // Only the kvittens list marks rows new, and it is never kept: a kept count has none.
        return new Antal(rakningar.hamta(nyckel, utgava, () -> ESKALERINGAR.equals(lista)
                ? repo.antalEskaleringar(DeltagarAtkomst.synliga(user), user.teamIds())
                : rader(user, lista, true).size()), 0);
    }

    /** The list; {@code rakna}: only for counting, so rows lack the participant's team (and, for follow-ups, code). */
    private List<Arbetsrad> rader(Anvandare user, String lista, boolean rakna) {
        if (!har(user, lista)) {
            return List.of();
        }
        DeltagarAtkomst.Synliga synliga = DeltagarAtkomst.synliga(user);
        LocalDate idag = LocalDate.now(clock);
        Instant nu = clock.instant();
        Map<Long, ArbetslistaRepository.Team> team = rakna ? Map.of() : repo.team(synliga);
        boolean koordinator = user.roll() == Roll.KOORDINATOR;
        // Before her first visit to the list, what came in during the last day counts as new.
        Instant sedd = KVITTERA.equals(lista)
                ? repo.sedd(user.id(), lista).orElse(nu.minus(java.time.Duration.ofDays(1))) : null;
        List<Arbetsrad> rader = switch (lista) {
            case KVITTERA -> fran(repo.attKvittera(synliga, user.id()), team, lista, idag, sedd);
            case SENA_KVITTENSER, UTAN_KVITTENS -> fran(repo.utanKvittens(synliga, user.teamIds()), team, lista,
                    idag, null).stream().filter(r -> UTAN_KVITTENS.equals(lista) || r.forsenad()).toList();
            case ESKALERINGAR -> fran(repo.eskaleringar(synliga, user.teamIds()), team, lista, idag, null);
            case FASTNADE -> fran(repo.fastnade(synliga, user.teamIds(), koordinator ? null : user.id(), idag,
                    nu.truncatedTo(java.time.temporal.ChronoUnit.HOURS)), team, lista, idag, null);
            case MINA_PUNKTER -> fran(repo.minaPunkter(synliga, user.id(), idag, DAGAR_FRAMAT), team, lista,
                    idag, null);
            case UPPFOLJNINGAR -> uppfoljningar(user, synliga, team, idag, rakna);
            case RATTELSER, ATERKALLELSER -> uppgifter(synliga, team,
                    RATTELSER.equals(lista) ? "rattelse" : "samtycke_aterkallat");
            case SLUTAT -> slutat(synliga, user, team);
            case UTAN_MOTE -> utanMote(synliga, user, team);
            case ATERLAMNADE -> fran(repo.aterlamnade(synliga, user.teamIds()), team, lista, idag, null);
            case PLANERADE, KALLADE -> fran(repo.bokade(synliga, user.teamIds(),
                    PLANERADE.equals(lista) ? "planerad" : "kallad"), team, lista, idag, null);
            default -> List.of();
        };
        if (rakna) {
            return rader;
        }
        List<Arbetsrad> sorterade = new ArrayList<>(rader);
        sorterade.sort(ordning(lista));
        return sorterade;
    }

    /** Most urgent first: newest for what was just handed over or lifted, else longest waited or earliest due. */
    private static Comparator<Arbetsrad> ordning(String lista) {
        Comparator<Arbetsrad> stabil = Comparator.comparingLong(Arbetsrad::deltagareId)
                .thenComparingLong(Arbetsrad::id);
        Comparator<LocalDate> datum = Comparator.nullsLast(Comparator.naturalOrder());
        Comparator<Instant> tid = Comparator.nullsLast(Comparator.naturalOrder());
        return switch (lista) {
            case KVITTERA -> Comparator.comparing(Arbetsrad::tid, tid).reversed().thenComparing(stabil);
            case ESKALERINGAR -> Comparator.comparing(Arbetsrad::datum, datum).thenComparing(Arbetsrad::tid, tid)
                    .reversed().thenComparing(stabil);
            case SENA_KVITTENSER, UTAN_KVITTENS -> Comparator.comparingInt(Arbetsrad::dagar).reversed()
                    .thenComparing(Arbetsrad::tid, tid).thenComparing(stabil);
            case RATTELSER, ATERKALLELSER -> Comparator.comparing(Arbetsrad::tid, tid).thenComparing(stabil);
            case SLUTAT -> stabil;
            case KALLADE -> Comparator.comparing(Arbetsrad::mote, Comparator.nullsLast(Comparator.<String>naturalOrder()))
                    .thenComparing(stabil);
            default -> Comparator.comparing(Arbetsrad::datum, datum).thenComparing(stabil);
        };
    }

    private List<Arbetsrad> fran(List<ArbetslistaRepository.Rad> rader, Map<Long, ArbetslistaRepository.Team> team,
                                 String lista, LocalDate idag,
                                 Instant sedd) {
        boolean overlamning = KVITTERA.equals(lista) || SENA_KVITTENSER.equals(lista) || UTAN_KVITTENS.equals(lista);
        List<Arbetsrad> svar = new ArrayList<>(rader.size());
        for (ArbetslistaRepository.Rad r : rader) {
            var t = team.get(r.deltagareId());
            int dagar;
            boolean forsenad;
            if (overlamning) {
                dagar = Arbetsdagar.mellan(r.tid().atZone(clock.getZone()).toLocalDate(), idag);
                forsenad = dagar >= r.kvittensArbetsdagar();
            } else {
                dagar = r.datum() == null ? 0 : (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(r.datum(), idag));
                // A returned item or a booking is judged by how long it has waited, not by a due date.
                forsenad = r.datum() != null && r.datum().isBefore(idag) && !ATERLAMNADE.equals(lista)
                        && !PLANERADE.equals(lista) && !KALLADE.equals(lista);
            }
            boolean ny = sedd != null && r.tid() != null && r.tid().isAfter(sedd);
            svar.add(new Arbetsrad(r.id(), r.deltagareId(), r.kod(), r.namn(), t == null ? null : t.id(),
                    t == null ? null : t.namn(), r.personId(), r.person(), r.telefon(), r.epost(), r.organisationId(),
                    r.organisation(), r.text(), r.detalj(), r.datum(), r.tid(), dagar, forsenad, ny, r.typ(),
                    r.moteId(), r.mote()));
        }
        return svar;
    }

    private static Arbetsrad enkel(long id, long deltagareId, String kod, String namn,
                                   Map<Long, ArbetslistaRepository.Team> team, String text, String detalj,
                                   LocalDate datum, Instant tid, int dagar, boolean forsenad, String typ,
                                   String person) {
        var t = team.get(deltagareId);
        return new Arbetsrad(id, deltagareId, kod, namn, t == null ? null : t.id(), t == null ? null : t.namn(),
                null, person, null, null, null, null, text, detalj, datum, tid, dagar, forsenad, false, typ, null,
                null);
    }

    /** Follow-ups due by the end of this week or overdue, from the same schedule as the follow-up overview. */
    private List<Arbetsrad> uppfoljningar(Anvandare user, DeltagarAtkomst.Synliga synliga,
                                         Map<Long, ArbetslistaRepository.Team> team, LocalDate idag,
                                         boolean rakna) {
        boolean koordinator = user.roll() == Roll.KOORDINATOR;
        LocalDate veckoslut = idag.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        var resultat = uppfoljning.berakna(new UppfoljningOversikt.Filter(synliga, user.teamIds(), null,
                koordinator ? null : user.id(), null), idag, clock.instant());
        List<Arbetsrad> svar = new ArrayList<>();
        List<UppfoljningOversikt.Forfallen> alla = new ArrayList<>(resultat.forsenade());
        alla.addAll(resultat.kommande());
        Map<Long, String> koder = rakna ? Map.of() : koder(synliga);
        for (var f : alla) {
            if (f.forfaller().isAfter(veckoslut)) {
                continue;
            }
            svar.add(enkel(f.deltagareId(), f.deltagareId(), koder.getOrDefault(f.deltagareId(), ""),
                    Objects.equals(f.namn(), koder.get(f.deltagareId())) ? null : f.namn(), team, null, null,
                    f.forfaller(), null, (int) Math.max(0, f.dagarForsenad()), f.dagarForsenad() > 0,
                    f.efterAvslut() ? "efterkontroll:" + f.manader() : "uppfoljning:" + f.manader(), null));
        }
        return svar;
    }

    /** The participants' codes, for the rows whose source gives the name or (protected identity) the code. */
    private Map<Long, String> koder(DeltagarAtkomst.Synliga synliga) {
        Map<Long, String> svar = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT sy.deltagare_id, sy.kod FROM (<synliga>) sy")
                .define("synliga", synliga.sql())
                .map((rs, ctx) -> svar.put(rs.getLong("deltagare_id"), rs.getString("kod"))).list());
        return svar;
    }

    private List<Arbetsrad> uppgifter(DeltagarAtkomst.Synliga synliga, Map<Long, ArbetslistaRepository.Team> team,
                                      String typ) {
        List<Arbetsrad> svar = new ArrayList<>();
        for (SamtyckeRepository.Uppgift u : samtycke.oppna(synliga)) {
            if (typ.equals(u.typ())) {
                svar.add(enkel(u.id(), u.deltagareId(), u.kod(), u.namn(), team,
                        "rattelse".equals(typ) ? u.text() : u.organisation(),
                        u.punkterHosOrganisationen() > 0 ? String.valueOf(u.punkterHosOrganisationen()) : null,
                        null, u.skapad(), 0, false, typ, null));
            }
        }
        return svar;
    }

    private List<Arbetsrad> slutat(DeltagarAtkomst.Synliga synliga, Anvandare user,
                                   Map<Long, ArbetslistaRepository.Team> team) {
        List<Arbetsrad> svar = new ArrayList<>();
        for (SlutadAnsvarig.Punkt p : SlutadAnsvarig.iTeam(jdbi, synliga, user.teamIds())) {
            svar.add(enkel(p.planpunktId(), p.deltagareId(), p.kod(), p.namn(), team, p.punkt(), null, null, null,
                    0, false, null, p.ansvarig()));
        }
        return svar;
    }

    private List<Arbetsrad> utanMote(DeltagarAtkomst.Synliga synliga, Anvandare user,
                                     Map<Long, ArbetslistaRepository.Team> team) {
        LocalDate idag = LocalDate.now(clock);
        List<Arbetsrad> svar = new ArrayList<>();
        for (MoteRepository.Anmald a : moten.anmaldaUtanMote(synliga, user.teamIds())) {
            int dagar = a.anmald() == null ? 0 : (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(a.anmald(), idag));
            svar.add(enkel(a.id(), a.id(), a.kod(), a.namn(), team, null, null, a.anmald(), null, dagar, false, null,
                    null));
        }
        return svar;
    }

    /**
     * One page of the list for the user, narrowed by the urval; a page past the end shows the last. For the list
     * of items waiting for her kvittens, rows that came in since she last opened it are marked new, and the
     * visit is noted.
     */
    public Sida sida(Anvandare user, String lista, Urval urval) {
        List<Arbetsrad> alla = rader(user, lista);
        if (KVITTERA.equals(lista)) {
            repo.sett(user.id(), lista, clock.instant());
        }
        List<Arbetsrad> traffar = alla.stream().filter(urval::tar).toList();
        int sidor = Math.max(1, (traffar.size() + PER_SIDA - 1) / PER_SIDA);
        int sida = Math.min(Math.max(1, urval.sida()), sidor);
        List<Arbetsrad> rader = traffar.subList((sida - 1) * PER_SIDA, Math.min(sida * PER_SIDA, traffar.size()));
        List<Grupp> grupper = new ArrayList<>();
        if (MED_PERSON.contains(lista)) {
            Map<Long, Grupp> perPerson = new LinkedHashMap<>();
            for (Arbetsrad r : traffar) {
                if (r.personId() != null) {
                    perPerson.merge(r.personId(), new Grupp(r.personId(), r.person(), r.telefon(), r.epost(),
                            r.organisation(), 1), (a, b) -> new Grupp(a.personId(), a.person(), a.telefon(),
                            a.epost(), a.organisation(), a.antal() + 1));
                }
            }
            grupper.addAll(perPerson.values());
            grupper.sort(Comparator.comparingInt(Grupp::antal).reversed()
                    .thenComparing(Grupp::person, String.CASE_INSENSITIVE_ORDER));
        }
        return new Sida(lista, new Urval(urval.sok(), urval.person(), urval.organisation(), urval.team(),
                urval.senast(), urval.mote(), sida), rader, traffar.size(), alla.size(), sida, sidor, grupper,
                val(alla, Arbetsrad::personId, Arbetsrad::person),
                val(alla, Arbetsrad::organisationId, Arbetsrad::organisation),
                val(alla, Arbetsrad::teamId, Arbetsrad::team), moten(alla), Map.of(), java.util.Set.of(), false,
                LocalDate.now(clock));
    }

    /** The team meetings the rows come from, newest first, each named by its day and time. */
    private static List<Val> moten(List<Arbetsrad> rader) {
        Map<Long, String> valen = new java.util.TreeMap<>();
        for (Arbetsrad r : rader) {
            if (r.moteId() != null && r.mote() != null) {
                valen.putIfAbsent(r.moteId(), r.mote());
            }
        }
        return valen.entrySet().stream()
                .sorted(Map.Entry.<Long, String>comparingByValue().reversed())
                .map(e -> new Val(e.getKey(), motesnamn(e.getValue()))).toList();
    }

    /** A meeting's start ("2026-12-08T09:00") as a koordinator reads it: "8 dec 2026 kl. 09:00". */
    public static String motesnamn(String start) {
        try {
            var tid = java.time.LocalDateTime.parse(start.length() > 16 ? start.substring(0, 16) : start);
            return tid.format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy 'kl.' HH:mm",
                    Locale.forLanguageTag("sv")));
        } catch (java.time.format.DateTimeParseException e) {
            return start;
        }
    }

    private static List<Val> val(List<Arbetsrad> rader, Function<Arbetsrad, Long> id,
                                 Function<Arbetsrad, String> namn) {
        Map<Long, String> valen = new java.util.TreeMap<>();
        for (Arbetsrad r : rader) {
            if (id.apply(r) != null && namn.apply(r) != null) {
                valen.putIfAbsent(id.apply(r), namn.apply(r));
            }
        }
        return valen.entrySet().stream().map(e -> new Val(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Val::namn, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** How many rows of the list came in since the user last opened it (only the kvittens list keeps track). */
    int nya(List<Arbetsrad> rader) {
        return (int) rader.stream().filter(Arbetsrad::ny).count();
    }
}
