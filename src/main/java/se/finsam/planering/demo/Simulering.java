package se.finsam.planering.demo;

import static se.finsam.planering.demo.Referensdata.JOBBTORG;
import static se.finsam.planering.demo.Referensdata.MYNDIGHETER;
import static se.finsam.planering.demo.Referensdata.ORGS;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import se.finsam.planering.demo.Referensdata.OrgDef;
import se.finsam.planering.demo.Referensdata.StaffDef;
import se.finsam.planering.demo.Referensdata.TeamDef;
import se.finsam.planering.demo.Teamlage.SimuleratMote;
import se.finsam.planering.demo.Urval.Spec;

/**
 * The whole simulation: writes the reference data and two years of team meetings, then sends
 * each participant chosen by {@link Urval} along their path ({@link Deltagarbana}).
 */
final class Simulering extends Simuleringsdel {

    private final String staffHash;
    private final String pinHash;
    Simulering(Handle handle, Clock clock, String staffHash, String pinHash, boolean small, Omfang omfang) {
        super(handle, clock, small, omfang);
        this.staffHash = staffHash;
        this.pinHash = pinHash;
    }

    void run() {
        insertOrganisations();
        insertTeamsAndStaff();
        insertMeetings();
        Urval urval = new Urval(this);
        List<List<Spec>> specs = small ? urval.smallSpecs()
                : omfang.region() ? urval.regionSpecs(omfang.deltagare()) : urval.largeSpecs(omfang.deltagare());
        Deltagarbana bana = new Deltagarbana(this, pinHash);
        for (int t = 0; t < teams.size(); t++) {
            for (Spec spec : specs.get(t)) {
                bana.participant(teams.get(t), spec);
            }
        }
        if (small) {
            Deltagarbana sist = new Deltagarbana(new Simuleringsdel(this, rutin) { }, pinHash);
            sist.telefonNummer = bana.telefonNummer;
            for (Spec spec : Urval.medTolkTillNastaMote()) {
                sist.participant(teams.get(0), spec);
            }
        }
        rader.flush();
    }

    private void insertOrganisations() {
        for (OrgDef o : ORGS) {
            long id = rader.nyttId(Rader.Organisation.class);
            orgIds.put(o.kod(), id);
            rader.add(new Rader.Organisation(id, o.kod(), o.typ(), o.namn(), o.kanHjalpaMed(), o.telefon(),
                    o.telefontider(), o.webbplats()));
        }
    }

    private void insertTeamsAndStaff() {
        Map<String, Teamlage> byName = new HashMap<>();
        for (TeamDef def : omfang.teams()) {
            Teamlage team = new Teamlage(def);
            team.id = rader.nyttId(Rader.Team.class);
            rader.add(new Rader.Team(team.id, def.namn(), def.motesplats(), def.veckodag(), def.motestid(), 2,
                    "1,3,6", 5, 4));
            // Where a participant can turn when her plan is closed and nobody takes over.
            rader.add(new Rader.TeamHjalpkontakt(team.id, 1, "1177 Vårdguiden", "1177",
                    "Råd om vård dygnet runt, och hjälp att hitta rätt vårdcentral."));
            rader.add(new Rader.TeamHjalpkontakt(team.id, 2, "Stockholms stads växel", "08-508 000 00",
                    "Frågor om ekonomiskt bistånd och annat stöd från kommunen."));
            teams.add(team);
            byName.put(def.namn(), team);
        }
        Instant skapad = at(today.minusMonths(18).withDayOfMonth(1), 8, 0);
        for (StaffDef s : omfang.staff()) {
            long id = rader.nyttId(Rader.Anvandare.class);
            staffIds.put(s.anvandarnamn(), id);
            staffById.put(id, s);
            rader.add(new Rader.Anvandare(id, s.anvandarnamn(), s.namn(), s.roll(),
                    s.org() == null ? null : orgIds.get(s.org()), s.titel(), s.telefon(), s.epost(),
                    s.telefontider(), staffHash, null, "sv", true, skapad));
            if (s.team() == null) {
                continue;
            }
            Teamlage team = byName.get(s.team());
            rader.add(new Rader.TeamMedlem(team.id, id));
            switch (s.roll()) {
                case "koordinator" -> team.koordinator = id;
                case "teamrepresentant" -> team.rep.put(s.org(), id);
                case "handlaggare" -> team.ordinarie.put(s.org(), id);
                default -> {
                }
            }
        }
        for (Teamlage team : teams) {
            team.ordinarie.put(JOBBTORG, team.rep.get(JOBBTORG));
        }
    }

    private void insertMeetings() {
        for (Teamlage team : teams) {
            LocalTime tid = LocalTime.parse(team.def.motestid());
            LocalDate anchor = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(team.def.veckodag())));
            for (int k = -omfang.motenBakat(); k <= 4; k++) {
                SimuleratMote mote = new SimuleratMote();
                mote.id = rader.nyttId(Rader.Mote.class);
                mote.datum = anchor.plusWeeks(2L * k);
                mote.start = mote.datum.atTime(tid);
                mote.slut = mote.start.plusHours(3);
                String status;
                if (semester(mote.datum)) {
                    status = "installt";
                } else if (!mote.datum.isBefore(today)) {
                    status = "planerat";
                    team.coming.add(mote);
                } else {
                    status = "genomfort";
                    team.past.add(mote);
                }
                rader.add(new Rader.Mote(mote.id, team.id, mote.start, mote.slut, team.def.motesplats(), status));
                if (status.equals("genomfort")) {
                    insertAttendance(team, mote);
                }
            }
        }
    }

    /** The teams do not meet in July or over Christmas and New Year. */
    private static boolean semester(LocalDate date) {
        return date.getMonth() == Month.JULY
                || (date.getMonth() == Month.DECEMBER && date.getDayOfMonth() >= 22)
                || (date.getMonth() == Month.JANUARY && date.getDayOfMonth() <= 6);
    }

    private void insertAttendance(Teamlage team, SimuleratMote mote) {
        rader.add(new Rader.MoteNarvaro(mote.id, team.koordinator, orgIds.get(JOBBTORG), false));
        for (String org : MYNDIGHETER) {
            double r = rnd.nextDouble();
            if (r < 0.88) {
                rader.add(new Rader.MoteNarvaro(mote.id, team.rep.get(org), orgIds.get(org), false));
            } else if (r < 0.96) {
                rader.add(new Rader.MoteNarvaro(mote.id, team.ordinarie.get(org), orgIds.get(org), true));
            }
        }
        if (chance(0.6)) {
            rader.add(new Rader.MoteNarvaro(mote.id, team.rep.get(JOBBTORG), orgIds.get(JOBBTORG), false));
        }
    }

}
