package se.finsam.planering.demo;

import static se.finsam.planering.demo.Referensdata.AF;
import static se.finsam.planering.demo.Referensdata.JOBBTORG;
import static se.finsam.planering.demo.Referensdata.SOC;
import static se.finsam.planering.demo.Exempeltexter.AVSLAGEN_ORSAK;
import static se.finsam.planering.demo.Exempeltexter.EGNA_STEG;
import static se.finsam.planering.demo.Exempeltexter.FASTNAT_ORSAK;
import static se.finsam.planering.demo.Exempeltexter.ITEM_TEXTS;
import static se.finsam.planering.demo.Exempeltexter.MAL;
import static se.finsam.planering.demo.Exempeltexter.TEAMANTECKNING;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.finsam.planering.demo.Teamlage.SimuleratMote;
import se.finsam.planering.demo.Exempeltexter.ItemText;
import se.finsam.planering.demo.Urval.Fate;
import se.finsam.planering.demo.Urval.ItemSpec;
import se.finsam.planering.demo.Urval.Spec;
import se.finsam.planering.demo.Urval.Stage;

/**
 * A participant's plan from the meeting on: the plan and its items, how each item goes, the
 * handover to the responsible handläggare, and the follow-ups ({@link Uppfoljningar}).
 */
final class Planforlopp extends Simuleringsdel {

    private final Uppfoljningar uppfoljare;

    Planforlopp(Simuleringsdel del) {
        super(del);
        this.uppfoljare = new Uppfoljningar(del);
    }

    /** One plan item as the simulation sees it: what happens to it, and when, is drawn up front. */
    static final class Item {
        long id;
        String org;
        Long ansvarig;
        String typ;
        String text;
        LocalDate klartSenast;
        Fate fate;
        LocalDate fateDatum;
        LocalDate startDatum;
        /** When a stuck item moves again (null: it stays stuck). */
        LocalDate losDatum;
        String orsak;
        boolean borttagen;
        boolean statusandring;
    }

    record PlanResult(String forsorjning, LocalDate senast) {
    }

    PlanResult plan(Teamlage team, Spec spec, long deltagareId, Long anvandareId, SimuleratMote mote,
                            Set<String> samtycken, String forsorjning, String orsak, int uppfoljningarFore,
                            boolean tolk) {
        LocalDate m = mote.datum;
        boolean overlamnad = spec.stage != Stage.PLANERAD;
        long planId = rader.nyttId(Rader.Planering.class);
        Instant skapad = mote.start.plusMinutes(20L + (long) rnd.nextInt(90)).atZone(ZONE).toInstant();
        Instant overlamnadTid = overlamnad ? mote.slut.atZone(ZONE).toInstant() : null;

        // Follow-ups at 1, 3 and 6 months, as far as time (and a closure) allows.
        List<LocalDate> uppfoljningar = new ArrayList<>();
        if (overlamnad) {
            for (int manader : new int[] {1, 3, 6}) {
                if (uppfoljningar.size() >= uppfoljningarFore) {
                    break;
                }
                LocalDate d = vardag(m.plusMonths(manader).plusDays(spec.demoLogin ? 1 : between(-2, 6)));
                if (!d.isBefore(today)) {
                    break;
                }
                uppfoljningar.add(d);
            }
        }
        // The last recorded day; a closure comes after it, and no event comes after the closure.
        LocalDate senast = uppfoljningar.isEmpty() ? m.plusDays(between(10, 30))
                : uppfoljningar.get(uppfoljningar.size() - 1);
        LocalDate slutDatum = today;
        if (spec.stage == Stage.AVSLUTAD) {
            senast = min(senast, today.minusDays(1));
            slutDatum = senast.plusDays(1);
        }

        int version = 1;
        Instant andrad = skapad;
        if (spec.demoLogin && uppfoljningar.size() >= 2) {
            version = 2;
            andrad = during(uppfoljningar.get(1));
        } else if (!uppfoljningar.isEmpty() && chance(0.2)) {
            version = 2;
            andrad = during(uppfoljningar.get(0));
        }
        rader.add(new Rader.Planering(planId, deltagareId, mote.id, spec.mal != null ? spec.mal : pick(MAL),
                tolk && chance(0.5) ? TEAMANTECKNING.get(6) : pick(TEAMANTECKNING), version, skapad, andrad,
                team.koordinator, overlamnadTid));

        List<Item> items = spec.items != null ? handWritten(team, spec.items, m)
                : randomItems(team, spec, samtycken, m);
        Item socPunkt = utanforSamtycket(team, spec, items);
        if (!small && spec.items == null) {
            vardagsarbete(spec, items);
        }
        int ordning = 0;
        for (Item item : items) {
            item.id = rader.nyttId(Rader.Planpunkt.class);
            boolean deltagaren = item.org == null;
            item.borttagen = spec.items == null && overlamnad && chance(0.03) && item != socPunkt;
            rader.add(new Rader.Planpunkt(item.id, planId, ++ordning, item.text, item.typ, deltagaren,
                    deltagaren ? null : orgIds.get(item.org), item.ansvarig, item.klartSenast, skapad,
                    item.borttagen ? skapad.plusSeconds(25 * 60) : null));
        }

        if (overlamnad) {
            handover(team, spec, items, overlamnadTid, m);
        }
        if (spec.demoLogin) {
            rader.add(new Rader.Lasbekraftelse(rader.nyttId(Rader.Lasbekraftelse.class), deltagareId, 1,
                    overlamnadTid.plus(Duration.ofDays(2))));
        }

        String forsorjningNu = forsorjning;
        if (overlamnad) {
            forsorjningNu = uppfoljare.followUps(team, spec, deltagareId, anvandareId, items, uppfoljningar, slutDatum,
                    forsorjning, orsak, m);
        }
        if (spec.demoLogin && !uppfoljningar.isEmpty()) {
            LocalDate d = uppfoljningar.get(uppfoljningar.size() - 1);
            audit(d.plusDays(1), staffIds.get("koordinator"), deltagareId, "planering");
            audit(d.plusDays(2), staffIds.get("handlaggare"), deltagareId, "planering");
            audit(d.plusDays(4), staffIds.get("fk.handlaggare"), deltagareId, "kontaktpersoner");
        }
        return new PlanResult(forsorjningNu, senast);
    }

    /**
     * The large set's everyday work, as a real team does it: a stuck item is sorted out within two to ten weeks
     * and moves again, and the date of an item still open today has been moved forward when it passed (the plan
     * revised at a follow-up), so that only a few percent of a team's open items are stuck or late.
     */
    private void vardagsarbete(Spec spec, List<Item> items) {
        for (Item item : items) {
            if (item.fate == Fate.FASTNAT) {
                item.losDatum = vardag(item.fateDatum.plusDays(14 + rutin.nextInt(57)));
            }
            boolean klarIdag = (item.fate == Fate.KLAR || item.fate == Fate.AVSLAGEN)
                    && !item.fateDatum.isAfter(today);
            if (spec.stage != Stage.AVSLUTAD && !klarIdag && item.klartSenast.isBefore(today)
                    && rutin.nextDouble() < 0.96) {
                item.klartSenast = today.plusDays(7 + rutin.nextInt(84));
            }
        }
    }

    /**
     * Items drawn for organisations outside her samtycke go to Socialtjänsten instead, and for a participant who
     * should have one, an open Socialtjänsten item is ensured. Returns that item (or null). Draws no random numbers,
     * so the rest of the demo data stays as it was.
     */
    private Item utanforSamtycket(Teamlage team, Spec spec, List<Item> items) {
        Item soc = null;
        List<ItemText> socTexter = ITEM_TEXTS.get(SOC);
        for (Item item : items) {
            if (item.org != null && spec.utanSamtycke.contains(item.org)) {
                item.org = SOC;
                item.ansvarig = team.ordinarie.get(SOC);
                item.typ = socTexter.get(1).typ();
                item.text = socTexter.get(1).text();
            }
            if (soc == null && SOC.equals(item.org)) {
                soc = item;
            }
        }
        if (!spec.socialtjanstPunktUtanKontakt) {
            return null;
        }
        if (soc == null) {
            for (Item item : items) {
                if (item.org != null) {
                    soc = item;
                }
            }
            soc.org = SOC;
            soc.ansvarig = team.ordinarie.get(SOC);
            soc.typ = socTexter.get(2).typ();
            soc.text = socTexter.get(2).text();
        }
        soc.fate = Fate.PAGAR;
        soc.orsak = null;
        return soc;
    }

    private void audit(LocalDate datum, long anvandareId, long deltagareId, String vad) {
        datum = vardag(datum);
        if (datum.isBefore(today)) {
            rader.add(new Rader.AuditLog(rader.nyttId(Rader.AuditLog.class), during(datum), anvandareId, "las", deltagareId, vad,
                    null));
        }
    }

    private List<Item> handWritten(Teamlage team, List<ItemSpec> specs, LocalDate m) {
        List<Item> items = new ArrayList<>();
        for (ItemSpec s : specs) {
            Item item = new Item();
            item.org = s.org();
            item.ansvarig = s.org() == null ? null : team.ordinarie.get(s.org());
            item.typ = s.typ();
            item.text = s.text();
            item.klartSenast = m.plusWeeks(s.klartVeckor());
            item.fate = s.fate();
            item.fateDatum = vardag(m.plusWeeks(s.fateVeckor()));
            item.startDatum = m.plusDays(3);
            item.orsak = s.orsak();
            item.statusandring = s.statusandring();
            items.add(item);
        }
        return items;
    }

    private List<Item> randomItems(Teamlage team, Spec spec, Set<String> samtycken, LocalDate m) {
        int n = small ? between(3, 8) : between(4, 6);
        int egna = n >= 5 && chance(0.3) ? 2 : 1;
        List<String> orgs = new ArrayList<>(samtycken);
        Collections.shuffle(orgs, rnd);
        if (spec.nyligenOverlamnad) {
            orgs.remove(AF);
            orgs.add(0, AF);
        }
        Map<String, List<ItemText>> unused = new HashMap<>();
        List<String> egnaTexter = new ArrayList<>(EGNA_STEG);
        Collections.shuffle(egnaTexter, rnd);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Item item = new Item();
            if (i >= n - egna) { // the participant's own steps read best last
                item.typ = "eget_steg";
                item.text = egnaTexter.get(i % egnaTexter.size());
            } else {
                item.org = orgs.get(i % orgs.size());
                List<ItemText> texts = unused.computeIfAbsent(item.org, k -> {
                    List<ItemText> list = new ArrayList<>(ITEM_TEXTS.get(k));
                    Collections.shuffle(list, rnd);
                    return list;
                });
                ItemText text = texts.isEmpty() ? pick(ITEM_TEXTS.get(item.org)) : texts.remove(0);
                item.typ = text.typ();
                item.text = text.text();
                item.ansvarig = team.ordinarie.get(item.org);
            }
            fate(item, m);
            items.add(item);
        }
        return items;
    }

    /** How the item goes: the dates are drawn now, and every follow-up reads them off. */
    private void fate(Item item, LocalDate m) {
        item.startDatum = m.plusDays(between(0, 21));
        if (chance(0.6)) {
            item.fate = Fate.KLAR;
            item.fateDatum = vardag(m.plusDays(between(7, 150)));
            item.klartSenast = chance(0.85) ? item.fateDatum.plusDays(between(0, 21))
                    : item.fateDatum.minusDays(between(7, 30));
            if (item.klartSenast.isBefore(m.plusDays(7))) {
                item.klartSenast = m.plusDays(7);
            }
            item.statusandring = chance(0.3);
        } else {
            item.klartSenast = m.plusDays(between(21, 140));
            item.fate = Fate.valueOf(weighted("PAGAR", 50, "FASTNAT", 25, "AVSLAGEN", 15, "EJ_PABORJAD", 10));
            if (item.fate == Fate.AVSLAGEN && item.org == null) {
                item.fate = Fate.PAGAR; // nobody rejects the participant's own step
            }
            switch (item.fate) {
                case FASTNAT -> {
                    item.fateDatum = vardag(m.plusDays(between(25, 120)));
                    item.orsak = pick(FASTNAT_ORSAK.get(item.org == null ? "" : item.org));
                    item.statusandring = chance(0.3);
                }
                case AVSLAGEN -> {
                    item.fateDatum = vardag(m.plusDays(between(20, 100)));
                    item.orsak = AVSLAGEN_ORSAK.get(item.org);
                    item.statusandring = chance(0.5);
                }
                case EJ_PABORJAD -> item.startDatum = m.plusYears(5);
                default -> {
                }
            }
        }
    }

    private void handover(Teamlage team, Spec spec, List<Item> items, Instant overlamnad, LocalDate moteDatum) {
        boolean nylig = overlamnad.isAfter(now.minus(Duration.ofDays(14)));
        for (Item item : items) {
            if (item.ansvarig == null || item.borttagen) {
                continue;
            }
            if (!nylig && !spec.nyligenOverlamnad && spec.items == null && chance(small ? 0.04 : 0.02)) {
                // "Not mine": the handover goes back and on to the team's representative.
                Instant avvisad = during(vardag(moteDatum.plusDays(between(1, 3))));
                Long ny = item.org.equals(JOBBTORG) ? team.koordinator : team.rep.get(item.org);
                rader.add(new Rader.Overlamning(rader.nyttId(Rader.Overlamning.class), item.id, item.ansvarig, overlamnad, null,
                        avvisad, "Inte min deltagare längre, har bytt handläggare. Skickas till teamets representant."));
                Instant kvitterad = avvisad.plus(Duration.ofMinutes(between(30, 240)));
                rader.add(new Rader.Overlamning(rader.nyttId(Rader.Overlamning.class), item.id, ny, avvisad,
                        kvitterad.isBefore(now) ? kvitterad : null, null, null));
                item.ansvarig = ny;
                continue;
            }
            Instant kvitterad = null;
            // As in a real team: nearly every handover is confirmed within days; what waits is recent, and a
            // handover older than four weeks, or of a participant since closed, has long been confirmed. (The same
            // random draws as before, so the rest of the demo data stays as it was.)
            boolean gammal = overlamnad.isBefore(now.minus(Duration.ofDays(28)));
            boolean dragning = !spec.nyligenOverlamnad && (nylig ? chance(0.5) : chance(0.93));
            boolean kvittera = !spec.nyligenOverlamnad && (gammal || spec.stage == Stage.AVSLUTAD);
            LocalDate kvittensDatum = vardag(moteDatum.plusDays(between(1, 6)));
            if (dragning && kvittensDatum.isBefore(today)) {
                kvitterad = during(kvittensDatum);
            } else if (kvittera && kvittensDatum.isBefore(today)) {
                kvitterad = at(kvittensDatum, 10, 15); // no random draw: the draws after it stay as they were
            }
            rader.add(new Rader.Overlamning(rader.nyttId(Rader.Overlamning.class), item.id, item.ansvarig, overlamnad, kvitterad,
                    null, null));
        }
    }
}
