package se.finsam.planering.demo;

import static se.finsam.planering.demo.Referensdata.MYNDIGHETER;
import static se.finsam.planering.demo.Referensdata.REGION;
import static se.finsam.planering.demo.Referensdata.orgDef;
import static se.finsam.planering.demo.Exempeltexter.INTERN_FASTNAT;
import static se.finsam.planering.demo.Exempeltexter.INTERN_FRAMSTEG;
import static se.finsam.planering.demo.Exempeltexter.NASTA_STEG;
import static se.finsam.planering.demo.Exempeltexter.NASTA_STEG_FASTNAT;
import static se.finsam.planering.demo.Exempeltexter.NOTERING_FASTNAT;
import static se.finsam.planering.demo.Exempeltexter.NOTERING_FASTNAT_EGET;
import static se.finsam.planering.demo.Exempeltexter.NOTERING_FASTNAT_VARD;
import static se.finsam.planering.demo.Exempeltexter.NOTERING_FRAMSTEG;
import static se.finsam.planering.demo.Exempeltexter.NOTERING_KLART;
import static se.finsam.planering.demo.Exempeltexter.SYSSELSATTNING;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.finsam.planering.demo.Urval.Fate;
import se.finsam.planering.demo.Urval.Spec;

/**
 * The follow-ups of one plan: at each follow-up every item's status as of that day, the notes to
 * the participant and between staff, sometimes a correction, and the status changes recorded
 * between follow-ups.
 */
final class Uppfoljningar extends Simuleringsdel {

    Uppfoljningar(Simuleringsdel del) {
        super(del);
    }

    private static final class Event {
        long id;
        String typ;
        LocalDate datum;
        Instant registrerad;
        long av;
        String forsorjning;
        String sysselsattning;
        String noteringDeltagare;
        String noteringIntern;
        String nastaSteg;
        boolean eskalera;
        Event korrigerar;
        final List<Object[]> statusar = new ArrayList<>();
    }

    private String status(Planforlopp.Item item, LocalDate datum) {
        if (item.fate == Fate.KLAR && !item.fateDatum.isAfter(datum)) {
            return "genomford";
        }
        if (item.fate == Fate.FASTNAT && !item.fateDatum.isAfter(datum)) {
            return item.losDatum != null && !item.losDatum.isAfter(datum) ? "pagar" : "fastnat";
        }
        if (item.fate == Fate.AVSLAGEN && !item.fateDatum.isAfter(datum)) {
            return "avslagen";
        }
        return datum.isBefore(item.startDatum) ? "ej_paborjad" : "pagar";
    }

    String followUps(Teamlage team, Spec spec, long deltagareId, Long anvandareId, List<Planforlopp.Item> items,
                             List<LocalDate> datum, LocalDate slut, String forsorjning, String orsak,
                             LocalDate moteDatum) {
        List<Event> events = new ArrayList<>();
        Set<Long> fastnatRapporterad = new HashSet<>();
        String forsorjningNu = forsorjning;
        for (int k = 0; k < datum.size(); k++) {
            LocalDate d = datum.get(k);
            boolean sista = k == datum.size() - 1;
            Event e = new Event();
            e.typ = "uppfoljning";
            e.datum = d;
            e.registrerad = at(d, between(9, 15), between(0, 59));
            e.av = chance(0.75) ? team.koordinator : team.rep.get(pick(MYNDIGHETER));
            Planforlopp.Item nyttFastnat = null;
            boolean allaKlara = true;
            for (Planforlopp.Item item : items) {
                if (item.borttagen) {
                    continue;
                }
                String s = status(item, d);
                String sOrsak = s.equals("fastnat") || s.equals("avslagen") ? item.orsak : null;
                e.statusar.add(new Object[] {item.id, s, sOrsak});
                if (s.equals("fastnat") && fastnatRapporterad.add(item.id) && nyttFastnat == null) {
                    nyttFastnat = item;
                }
                allaKlara &= s.equals("genomford") || s.equals("avslagen");
            }
            if (spec.items == null) {
                forsorjningNu = nextForsorjning(forsorjningNu, sista ? orsak : null);
            }
            e.forsorjning = forsorjningNu;
            if (spec.sysselsattning != null) {
                e.sysselsattning = spec.sysselsattning;
            } else if (forsorjningNu.equals("lon")) {
                e.sysselsattning = pick("Anställning med lönestöd 75 %", "Timanställning i restaurangkök",
                        "Visstidsanställning på lager");
            } else {
                e.sysselsattning = pick(SYSSELSATTNING);
            }
            if (nyttFastnat != null) {
                String org = nyttFastnat.org;
                e.noteringDeltagare = org == null ? NOTERING_FASTNAT_EGET : org.equals(REGION)
                        ? NOTERING_FASTNAT_VARD : String.format(NOTERING_FASTNAT, orgDef(org).kortNamn());
                e.noteringIntern = String.format(INTERN_FASTNAT,
                        org == null ? "deltagarens eget steg" : orgDef(org).kortNamn());
                e.nastaSteg = NASTA_STEG_FASTNAT;
                e.eskalera = true;
            } else if (allaKlara) {
                e.noteringDeltagare = NOTERING_KLART;
                e.noteringIntern = "Samtliga punkter klara. Teamet diskuterar avslut vid nästa möte.";
                e.nastaSteg = pick(NASTA_STEG);
            } else {
                e.noteringDeltagare = pick(NOTERING_FRAMSTEG);
                e.noteringIntern = pick(INTERN_FRAMSTEG);
                e.nastaSteg = pick(NASTA_STEG);
            }
            events.add(e);
            if (chance(0.03)) {
                Event c = new Event();
                c.typ = "uppfoljning";
                c.datum = d;
                c.registrerad = e.registrerad.plus(Duration.ofHours(2));
                c.av = e.av;
                c.forsorjning = e.forsorjning.equals("forsorjningsstod") ? "aktivitetsstod" : "forsorjningsstod";
                c.sysselsattning = e.sysselsattning;
                c.noteringDeltagare = e.noteringDeltagare;
                c.noteringIntern = "Rättelse: försörjningen angavs fel vid uppföljningen.";
                c.nastaSteg = e.nastaSteg;
                c.eskalera = e.eskalera;
                c.korrigerar = e;
                c.statusar.addAll(e.statusar);
                events.add(c);
                forsorjningNu = c.forsorjning;
            }
        }
        // Status changes recorded between follow-ups by whoever carries the item out.
        for (Planforlopp.Item item : items) {
            if (item.borttagen || !item.statusandring || item.fate == Fate.PAGAR || item.fate == Fate.EJ_PABORJAD) {
                continue;
            }
            LocalDate d = item.fateDatum;
            if (!d.isBefore(slut) || !d.isBefore(today)) {
                continue;
            }
            Event e = new Event();
            e.typ = "statusandring";
            e.datum = d;
            e.registrerad = at(d, 8, between(0, 59));
            e.av = item.ansvarig != null ? item.ansvarig : anvandareId != null ? anvandareId : team.koordinator;
            String s = status(item, d);
            e.noteringDeltagare = item.org == null && s.equals("genomford") ? "Du har gjort ditt steg klart." : null;
            e.statusar.add(new Object[] {item.id, s, s.equals("genomford") ? null : item.orsak});
            e.eskalera = s.equals("fastnat");
            events.add(e);
        }
        if (!small && spec.items == null) {
            vardagsarbete(team, spec, anvandareId, items, events, slut, moteDatum);
        }
        // The current status is the latest event's, so ids follow time.
        events.sort(Comparator.comparing((Event e) -> e.registrerad));
        for (Event e : events) {
            e.id = rader.nyttId(Rader.Uppfoljning.class);
            String uuid = UUID.nameUUIDFromBytes(("finsam-demo/uppfoljning/" + e.id)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            rader.add(new Rader.Uppfoljning(e.id, uuid, deltagareId, e.typ, e.datum, e.registrerad, e.av,
                    e.forsorjning, e.sysselsattning, e.noteringDeltagare,
                    e.noteringIntern, e.nastaSteg,
                    e.eskalera, e.korrigerar == null ? null : e.korrigerar.id));
            for (Object[] s : e.statusar) {
                rader.add(new Rader.UppfoljningStatus(e.id, (Long) s[0], (String) s[1], (String) s[2]));
            }
        }
        return forsorjningNu;
    }

    /**
     * The large set's everyday work between follow-ups: an item done or rejected is recorded so by its handläggare
     * on the day, a stuck item that moves again is recorded as under way, and an item still open today has been looked at within the last few weeks (its status
     * recorded again), as the team's rule for items unchanged for weeks asks. Draws from {@link #rutin} only.
     */
    private void vardagsarbete(Teamlage team, Spec spec, Long anvandareId, List<Planforlopp.Item> items,
                               List<Event> events, LocalDate slut, LocalDate moteDatum) {
        for (Planforlopp.Item item : items) {
            boolean slutstatus = item.fate == Fate.KLAR || item.fate == Fate.AVSLAGEN;
            LocalDate d = slutstatus ? item.fateDatum : item.losDatum;
            if (item.borttagen || d == null || !d.isBefore(slut) || !d.isBefore(today)) {
                continue;
            }
            String s = status(item, d);
            boolean redan = false;
            for (Event e : events) {
                for (Object[] st : e.statusar) {
                    redan |= st[0].equals(item.id) && st[1].equals(s) && !e.datum.isBefore(d);
                }
            }
            if (!redan) {
                // Done or rejected is recorded when it happens, not at the next follow-up months later.
                events.add(statusEvent(team, anvandareId, item, d, false));
            }
        }
        if (spec.stage == Urval.Stage.AVSLUTAD || moteDatum.isAfter(today.minusDays(21))) {
            return;
        }
        for (Planforlopp.Item item : items) {
            String nu = status(item, today);
            if (item.borttagen || nu.equals("genomford") || nu.equals("avslagen")) {
                continue;
            }
            LocalDate senast = moteDatum;
            for (Event e : events) {
                for (Object[] st : e.statusar) {
                    if (st[0].equals(item.id) && e.datum.isAfter(senast)) {
                        senast = e.datum;
                    }
                }
            }
            LocalDate d = vardag(today.minusDays(1 + rutin.nextInt(20)));
            if (senast.isAfter(today.minusDays(21)) || !d.isAfter(senast) || rutin.nextDouble() >= 0.96) {
                continue;
            }
            events.add(statusEvent(team, anvandareId, item, d, false));
        }
    }

    private Event statusEvent(Teamlage team, Long anvandareId, Planforlopp.Item item, LocalDate d, boolean eskalera) {
        Event e = new Event();
        e.typ = "statusandring";
        e.datum = d;
        e.registrerad = at(d, 8 + rutin.nextInt(8), rutin.nextInt(60));
        e.av = item.ansvarig != null ? item.ansvarig : anvandareId != null ? anvandareId : team.koordinator;
        String s = status(item, d);
        e.statusar.add(new Object[] {item.id, s, s.equals("fastnat") || s.equals("avslagen") ? item.orsak : null});
        e.eskalera = eskalera;
        return e;
    }

    private String nextForsorjning(String nu, String avslutOrsak) {
        if ("arbete".equals(avslutOrsak)) {
            return "lon";
        }
        if ("studier".equals(avslutOrsak)) {
            return "studiemedel";
        }
        if (!chance(0.2)) {
            return nu;
        }
        return switch (nu) {
            case "sjukpenning" -> "rehabiliteringsersattning";
            case "forsorjningsstod" -> "aktivitetsstod";
            case "etableringsersattning" -> "aktivitetsstod";
            default -> nu;
        };
    }

}
