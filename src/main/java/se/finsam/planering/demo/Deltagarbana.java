package se.finsam.planering.demo;

import static se.finsam.planering.demo.Referensdata.AF;
import static se.finsam.planering.demo.Referensdata.FK;
import static se.finsam.planering.demo.Referensdata.JOBBTORG;
import static se.finsam.planering.demo.Referensdata.MYNDIGHETER;
import static se.finsam.planering.demo.Referensdata.REGION;
import static se.finsam.planering.demo.Referensdata.SOC;
import static se.finsam.planering.demo.Referensdata.ascii;
import static se.finsam.planering.demo.Referensdata.orgDef;
import static se.finsam.planering.demo.Exempeltexter.EXTERNA_VARDKONTAKTER;
import static se.finsam.planering.demo.Exempeltexter.SAMMANFATTNING;
import static se.finsam.planering.demo.Exempeltexter.TA_MED;
import static se.finsam.planering.demo.Exempeltexter.TA_MED_TOLK;
import static se.finsam.planering.demo.Exempeltexter.TIDIGARE_INSATSER;
import static se.finsam.planering.demo.Ursprung.ORIGINS;
import static se.finsam.planering.demo.Ursprung.SVENSK;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.finsam.planering.auth.Aktiveringskoder;
import se.finsam.planering.demo.Referensdata.StaffDef;
import se.finsam.planering.demo.Teamlage.SimuleratMote;
import se.finsam.planering.demo.Urval.Spec;
import se.finsam.planering.demo.Urval.Stage;
import se.finsam.planering.demo.Ursprung.Origin;

/**
 * One participant's path: who she is, the referral, consent and contacts, the meeting she is
 * called to, her plan ({@link Planforlopp}) and, for those who have left, the closure.
 */
final class Deltagarbana extends Simuleringsdel {

    private final String pinHash;
    private final Planforlopp planforlopp;
    /** A real meeting has a handful of 45-minute slots; the benchmark set packs far more in. */
    private final int slotMinuter;
    int telefonNummer;

    Deltagarbana(Simuleringsdel del, String pinHash) {
        super(del);
        this.pinHash = pinHash;
        this.planforlopp = new Planforlopp(del);
        this.slotMinuter = small ? 45 : 2;
    }

    void participant(Teamlage team, Spec spec) {
        String forsorjning = spec.forsorjning != null ? spec.forsorjning : weighted(
                "forsorjningsstod", 57, "sjukpenning", 21, "etableringsersattning", 8, "aktivitetsstod", 6,
                "aktivitetsersattning", 5, "rehabiliteringsersattning", 1, "a_kassa", 1, "ingen", 1);

        // Who the participant is.
        String kon = spec.kon != null ? spec.kon : weighted("kvinna", 50, "man", 48.5, "annat", 1.5);
        Origin origin = pickOrigin(forsorjning.equals("etableringsersattning"));
        int alder = spec.alder != null ? spec.alder : pickAge();
        if (forsorjning.equals("aktivitetsersattning") && alder > 29) {
            alder = between(19, 29);
        } else if (forsorjning.equals("etableringsersattning") && alder > 55) {
            alder = between(22, 50);
        }
        List<String> fornamnLista = switch (kon) {
            case "kvinna" -> origin.kvinnor();
            case "man" -> origin.man();
            default -> chance(0.5) ? origin.kvinnor() : origin.man();
        };
        String fornamn = spec.fornamn != null ? spec.fornamn : pick(fornamnLista);
        String efternamn = spec.efternamn != null ? spec.efternamn : pick(origin.efternamn());
        String sprak = spec.sprak;
        String tolksprak = spec.tolksprak;
        if (!spec.spraketSatt && origin.tolksprak() != null) {
            if (origin.sprak() != null && chance(0.3)) {
                sprak = origin.sprak();
                tolksprak = chance(0.8) && !origin.sprak().equals("en") ? origin.tolksprak() : null;
            } else if (chance(0.15)) {
                tolksprak = origin.tolksprak();
            }
        }
        boolean skyddad = spec.skyddad;
        String telefon = null;
        String epost = null;
        if (!skyddad) {
            telefon = chance(0.9) || spec.demoLogin || spec.activation
                    ? String.format(Locale.ROOT, "070-174 06 %02d", 5 + telefonNummer++ % 95) : null;
            epost = chance(0.5) || spec.demoLogin ? ascii(fornamn + "." + efternamn).replace(' ', '.')
                    + "@example.com" : null;
        }

        // Where in the journey: the meeting and the dates around it.
        String orsak = null;
        int uppfoljningarFore = Integer.MAX_VALUE;
        SimuleratMote mote = null;
        LocalDate anmalanDatum;
        switch (spec.stage) {
            case ANMALD -> anmalanDatum = vardag(today.minusDays(between(1, 20)));
            case KALLAD -> {
                List<SimuleratMote> soon = team.coming.subList(0, Math.min(3, team.coming.size()));
                mote = spec.nastaMote ? team.coming.get(0) : pickWithRoom(soon);
                anmalanDatum = mote.datum.minusDays(between(14, 35));
            }
            case PLANERAD -> {
                mote = team.past.get(team.past.size() - 1);
                anmalanDatum = mote.datum.minusDays(between(14, 35));
            }
            case UPPFOLJNING -> {
                if (spec.nyligenOverlamnad) {
                    mote = team.past.get(team.past.size() - 1);
                } else if (spec.moteDagarSedan != null) {
                    mote = nearestPast(team, today.minusDays(spec.moteDagarSedan));
                } else {
                    mote = pickPast(team, today.minusMonths(11), today.minusDays(1));
                }
                anmalanDatum = mote.datum.minusDays(between(14, 35));
            }
            default -> {
                boolean foreMotet = spec.orsak == null && !small && chance(0.04);
                orsak = spec.orsak != null ? spec.orsak : foreMotet
                        ? weighted("avbrutit", 2, "flyttat", 1, "felregistrering", 1)
                        : weighted("fortsatt_rehabilitering", 52, "arbete", 24, "studier", 4,
                                "ratt_ersattning", 6, "arbetssokande", 5, "flyttat", 3, "avbrutit", 3,
                                "samtycke_aterkallat", 1, "annat", 2);
                if (foreMotet) {
                    uppfoljningarFore = 0;
                    anmalanDatum = today.minusDays(between(60, omfang.manader() * 30));
                } else {
                    uppfoljningarFore = switch (orsak) {
                        case "avbrutit", "flyttat", "samtycke_aterkallat" -> between(1, 2);
                        case "arbete" -> chance(0.3) ? 2 : 3;
                        default -> 3;
                    };
                    int manader = switch (uppfoljningarFore) {
                        case 1 -> 2;
                        case 2 -> 4;
                        default -> 7;
                    };
                    mote = pickPast(team, today.minusMonths(omfang.manader()), today.minusMonths(manader));
                    anmalanDatum = mote.datum.minusDays(between(14, 35));
                }
            }
        }
        if (!anmalanDatum.isBefore(today)) {
            anmalanDatum = today.minusDays(between(1, 10));
        }
        anmalanDatum = vardag(anmalanDatum);
        Instant skapad = during(anmalanDatum);

        // Referral: who sends the participant depends mostly on what they live on.
        long remittent;
        String remittentOrg;
        if (spec.remittent != null) {
            remittent = staffIds.get(spec.remittent);
            remittentOrg = staffById.get(remittent).org();
        } else {
            remittentOrg = switch (forsorjning) {
                case "forsorjningsstod" -> weighted(SOC, 60, AF, 25, REGION, 15);
                case "sjukpenning", "rehabiliteringsersattning" -> weighted(FK, 55, REGION, 45);
                case "aktivitetsersattning", "sjukersattning" -> FK;
                case "etableringsersattning", "aktivitetsstod", "a_kassa" -> AF;
                default -> pick(AF, REGION, SOC);
            };
            remittent = chance(0.8) ? team.ordinarie.get(remittentOrg) : team.rep.get(remittentOrg);
        }

        // Consent: usually all five; sometimes not for FK or the region, never without the referrer's.
        Set<String> samtycken = new LinkedHashSet<>(List.of(AF, FK, REGION, SOC, JOBBTORG));
        if (spec.items == null && spec.remittent == null) {
            if (!remittentOrg.equals(FK) && chance(0.08)) {
                samtycken.remove(FK);
            }
            if (!remittentOrg.equals(REGION) && chance(0.06)) {
                samtycken.remove(REGION);
            }
        }

        // The participant's own login, where the demo needs one.
        Long anvandareId = null;
        String namn = fornamn + " " + efternamn;
        if (spec.demoLogin || spec.activation) {
            anvandareId = rader.nyttId(Rader.Anvandare.class);
            rader.add(new Rader.Anvandare(anvandareId, spec.demoLogin ? DemoData.DEMO_PARTICIPANT_USERNAME : null, namn,
                    "deltagare", null, null, telefon, epost, null, null, spec.demoLogin ? pinHash : null,
                    sprak, true, skapad));
        }

        long deltagareId = rader.nyttId(Rader.Deltagare.class);
        String kod = String.format(Locale.ROOT, "%s-%04d", team.def.prefix(), ++team.kodNummer);
        rader.add(new Rader.Deltagare(deltagareId, kod, team.id, anvandareId, skyddad ? null : fornamn,
                skyddad ? null : efternamn, null, today.getYear() - alder, kon, telefon, epost, sprak,
                tolksprak != null, tolksprak, skyddad, skapad));

        if (spec.activation) {
            rader.add(new Rader.Aktiveringskod(rader.nyttId(Rader.Aktiveringskod.class), anvandareId,
                    Aktiveringskoder.hash(DemoData.DEMO_ACTIVATION_CODE), now, now.plus(Duration.ofDays(365)), null,
                    remittent));
        }

        Utfall.Inskrivning inskrivning = Utfall.inskrivning(deltagareId, forsorjning,
                spec.stage == Stage.ANMALD || spec.stage == Stage.KALLAD);
        rader.add(new Rader.Anmalan(rader.nyttId(Rader.Anmalan.class), deltagareId, remittent, orgIds.get(remittentOrg),
                anmalanDatum, withYear(pick(SAMMANFATTNING)),
                chance(0.9) ? withYear(pick(TIDIGARE_INSATSER)) : null, forsorjning,
                !(spec.stage == Stage.ANMALD && chance(0.3)), skapad, inskrivning.utbildning(),
                inskrivning.tidForsorjning(), inskrivning.sysselsattning(), inskrivning.anstallningVidStart()));

        contacts(team, spec, deltagareId, samtycken, anmalanDatum, mote);

        if (mote != null) {
            LocalDateTime tid = mote.start.plusMinutes((long) mote.bokade++ * slotMinuter);
            Instant kallelse = during(vardag(min(anmalanDatum.plusDays(between(2, 5)), today.minusDays(1))));
            if (kallelse.isBefore(skapad)) {
                kallelse = skapad.plusSeconds(3600);
            }
            Forberedelse f = forberedelse(deltagareId, mote, kallelse.isBefore(now) ? kallelse : null,
                    tolksprak != null);
            rader.add(new Rader.MoteDeltagare(rader.nyttId(Rader.MoteDeltagare.class), mote.id, deltagareId, tid,
                    taMed(sprak, tolksprak != null ? TA_MED_TOLK : pick(TA_MED)), kallelse.isBefore(now) ? kallelse : null,
                    f.utskriven(), f.skickad(), f.tolkBokad()));
        }

        boolean harPlan = spec.stage == Stage.PLANERAD || spec.stage == Stage.UPPFOLJNING
                || (spec.stage == Stage.AVSLUTAD && mote != null);
        String forsorjningNu = forsorjning;
        LocalDate senast = anmalanDatum;
        if (harPlan) {
            Planforlopp.PlanResult result = planforlopp.plan(team, spec, deltagareId, anvandareId, mote, samtycken, forsorjning,
                    orsak, uppfoljningarFore, tolksprak != null);
            forsorjningNu = result.forsorjning();
            senast = result.senast();
        }
        LocalDate aterkallat = null;
        if (spec.stage == Stage.AVSLUTAD) {
            LocalDate avslutDatum = min(senast.plusDays(between(3, 25)), today.minusDays(1));
            avslutDatum = vardag(max(avslutDatum, senast));
            closure(team, deltagareId, orsak, avslutDatum, forsorjningNu, forsorjning, alder);
            aterkallat = orsak.equals("samtycke_aterkallat") ? avslutDatum : null;
        }

        // Consent is written last, when it is known whether it was withdrawn at the closure.
        LocalDate givet = vardag(anmalanDatum.minusDays(between(0, 5)));
        for (String org : samtycken) {
            String hur = weighted("skriftligt", 70, "digitalt", 20, "muntligt", 10);
            if (spec.utanSamtycke.contains(org)) {
                continue;
            }
            rader.add(new Rader.Samtycke(rader.nyttId(Rader.Samtycke.class), deltagareId, orgIds.get(org), givet, hur, aterkallat,
                    remittent));
        }
    }

    /**
     * The "ta med" of a booking is free text in Swedish; for a reader of another language it is left empty, so her
     * letter gives the standard text in her language (the draw is made all the same, so the rest stays as it was).
     */
    private static String taMed(String sprak, String text) {
        return "sv".equals(sprak) ? text : null;
    }

    /** When a booking's kallelse was printed and sent and its interpreter booked (null: not yet). */
    record Forberedelse(Instant utskriven, Instant skickad, Instant tolkBokad) {
    }

    /**
     * How far the koordinator has come in preparing a booking. For a meeting held, every letter went out and every
     * interpreter was booked; for a coming one, most letters are sent, some only printed, and about half of the
     * interpreters are booked, so the meeting page shows every state. Decided by the participant's id, without a
     * random draw, so the rest of the demo data stays as it was.
     */
    private Forberedelse forberedelse(long deltagareId, SimuleratMote mote, Instant kallelse, boolean tolk) {
        if (kallelse == null) {
            return new Forberedelse(null, null, null);
        }
        boolean hallet = mote.datum.isBefore(today);
        Instant utskriven = kallelse.plus(Duration.ofMinutes(10));
        Instant skickad = hallet || deltagareId % 4 != 0 ? kallelse.plus(Duration.ofMinutes(40)) : null;
        Instant tolkBokad = tolk && (hallet || deltagareId % 2 == 0) ? kallelse.plus(Duration.ofMinutes(25)) : null;
        return new Forberedelse(utskriven, skickad, tolkBokad);
    }

    private Origin pickOrigin(boolean nyanland) {
        double total = 0;
        for (Origin o : ORIGINS) {
            total += nyanland && o == SVENSK ? 0 : o.weight();
        }
        double r = rnd.nextDouble() * total;
        for (Origin o : ORIGINS) {
            r -= nyanland && o == SVENSK ? 0 : o.weight();
            if (r < 0) {
                return o;
            }
        }
        return ORIGINS.get(ORIGINS.size() - 1);
    }

    /** Skewed to 45–59 and 16–29, as in the evaluations. */
    private int pickAge() {
        return switch (weighted("16-29", 30, "30-44", 25, "45-59", 37, "60-64", 8)) {
            case "16-29" -> between(18, 29);
            case "30-44" -> between(30, 44);
            case "45-59" -> between(45, 59);
            default -> between(60, 64);
        };
    }

    private void contacts(Teamlage team, Spec spec, long deltagareId, Set<String> samtycken,
                          LocalDate fran, SimuleratMote mote) {
        boolean historik = spec.kontaktHistorik
                || (mote != null && mote.datum.isBefore(today) && !small && chance(0.08))
                || (mote != null && mote.datum.isBefore(today) && small && chance(0.12));
        for (String org : samtycken) {
            if (spec.utanSamtycke.contains(org) || (spec.socialtjanstPunktUtanKontakt && org.equals(SOC))) {
                continue;
            }
            if (org.equals(REGION) && !spec.demoLogin && chance(0.25)) {
                String[] ext = pick(EXTERNA_VARDKONTAKTER);
                rader.add(new Rader.Kontaktperson(rader.nyttId(Rader.Kontaktperson.class), deltagareId, orgIds.get(org), null,
                        ext[0], ext[1].replace("{vc}", team.def.vardcentral()),
                        String.format(Locale.ROOT, "08-123 %03d %02d", 600 + rnd.nextInt(300), rnd.nextInt(100)),
                        null, ext[2], true, fran, null));
                continue;
            }
            LocalDate nyFran = fran;
            if (historik && org.equals(samtycken.contains(FK) ? FK : AF)) {
                LocalDate byte_ = vardag(min(mote.datum.plusDays(between(14, 60)), today.minusDays(1)));
                byte_ = max(byte_, fran);
                boolean fk = org.equals(FK);
                rader.add(new Rader.Kontaktperson(rader.nyttId(Rader.Kontaktperson.class), deltagareId, orgIds.get(org), null,
                        fk ? "Peter Åberg" : "Lina Hamid",
                        fk ? "Handläggare, sjukpenning" : "Arbetsförmedlare",
                        fk ? "010-116 47 20" : "010-488 52 31",
                        fk ? "peter.aberg@forsakringskassan.se" : "lina.hamid@arbetsformedlingen.se",
                        "Tis och tors 9–11", true, fran, byte_));
                nyFran = byte_;
            }
            rader.add(new Rader.Kontaktperson(rader.nyttId(Rader.Kontaktperson.class), deltagareId, orgIds.get(org),
                    team.ordinarie.get(org), null, null, null, null, null, true, nyFran, null));
        }
        // The koordinator is everyone's way into the team, though not an ordinary handläggare.
        rader.add(new Rader.Kontaktperson(rader.nyttId(Rader.Kontaktperson.class), deltagareId, orgIds.get(JOBBTORG),
                team.koordinator, null, null, null, null, null, false, fran, null));
    }


    private void closure(Teamlage team, long deltagareId, String orsak, LocalDate datum, String forsorjningNu,
                         String forsorjningFore, int alder) {
        String forsorjning = switch (orsak) {
            case "arbete" -> "lon";
            case "studier" -> "studiemedel";
            case "ratt_ersattning" -> alder < 30 ? "aktivitetsersattning" : "sjukersattning";
            case "arbetssokande" -> pick("aktivitetsstod", "a_kassa", "forsorjningsstod");
            case "felregistrering" -> forsorjningFore;
            default -> forsorjningNu;
        };
        String org = null;
        String nasta = null;
        boolean ingen = false;
        switch (orsak) {
            case "fortsatt_rehabilitering" -> {
                org = pick(MYNDIGHETER);
                nasta = switch (org) {
                    case AF -> "Fortsätter i arbetsträning via Arbetsförmedlingen med målet ett jobb med lönestöd.";
                    case FK -> "Försäkringskassan samordnar den fortsatta rehabiliteringen tillsammans med vårdcentralen.";
                    case REGION -> "Fortsatt behandling inom psykiatrin. Ny avstämning med Försäkringskassan om tre månader.";
                    default -> "Socialtjänsten fortsätter med stöd och planering. Möte med Arbetsförmedlingen är bokat.";
                };
            }
            case "arbete" -> {
                org = chance(0.6) ? JOBBTORG : AF;
                nasta = org.equals(JOBBTORG) ? "Jobbcoachen följer upp hur det går på jobbet efter tre månader."
                        : "Anställning med lönestöd. Arbetsförmedlingen följer upp anställningen.";
            }
            case "studier" -> {
                org = SOC;
                nasta = "Börjar på Komvux nästa termin. Studievägledaren hjälper till med ansökan till CSN.";
            }
            case "ratt_ersattning" -> {
                org = FK;
                nasta = "Ersättningen är beviljad. Försäkringskassan är fortsatt kontakt.";
            }
            case "arbetssokande" -> {
                org = AF;
                nasta = "Inskriven som arbetssökande och matchas mot lediga jobb.";
            }
            case "annat" -> {
                org = SOC;
                nasta = "Har fått en annan insats via socialtjänsten.";
            }
            case "flyttat" -> {
                ingen = true;
                nasta = "Har flyttat från Stockholm och fått veta att kontakta Arbetsförmedlingen och Försäkringskassan på den nya orten.";
            }
            case "avbrutit" -> {
                ingen = true;
                nasta = "Vill inte fortsätta just nu. Är välkommen att höra av sig till koordinatorn igen.";
            }
            default -> ingen = true; // samtycke återkallat, felregistrering
        }
        String ansvarig = null;
        if (org != null) {
            StaffDef s = staffById.get(team.ordinarie.get(org));
            String titel = Character.toLowerCase(s.titel().charAt(0)) + s.titel().substring(1);
            ansvarig = s.namn() + ", " + titel + " (" + orgDef(org).kortNamn() + ")";
        }
        Utfall.Avslutet utfall = Utfall.avslut(deltagareId, orsak);
        rader.add(new Rader.Avslut(rader.nyttId(Rader.Avslut.class), deltagareId, datum, orsak, forsorjning,
                org == null ? null : orgIds.get(org), ansvarig, nasta, ingen, at(datum, 15, 30),
                team.koordinator, utfall.sysselsattning(), utfall.steg()));
        if (!orsak.equals("felregistrering")) {
            for (int manader : new int[] {6, 12}) {
                Utfall.Kontroll k = Utfall.kontroll(deltagareId, manader, datum, orsak, forsorjning,
                        utfall.sysselsattning(), today);
                if (k == null) {
                    break;
                }
                rader.add(new Rader.Efterkontroll(rader.nyttId(Rader.Efterkontroll.class), deltagareId, k.manader(),
                        k.nadd(), k.forsorjning(), k.sysselsattning(), k.datum(), team.koordinator,
                        k.registrerad()));
            }
        }
    }
}
