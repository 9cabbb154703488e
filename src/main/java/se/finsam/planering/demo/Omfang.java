package se.finsam.planering.demo;

import java.util.List;
import se.finsam.planering.demo.Referensdata.StaffDef;
import se.finsam.planering.demo.Referensdata.TeamDef;

/**
 * How much the simulation makes: which teams and staff, how many participants, and how far back the teams have
 * met and the closed participants were closed.
 *
 * @param teams the teams, the demo logins' team first
 * @param staff their staff, and the admin and styrgrupp accounts
 * @param deltagare how many participants (the small demo's are hand-made and not counted here)
 * @param manader how many months back closed participants were called to their first meeting
 * @param motenBakat how many two-weekly meetings back each team's calendar goes
 * @param region the regional set: teams of equal size, most participants closed over the years
 */
record Omfang(List<TeamDef> teams, List<StaffDef> staff, int deltagare, int manader, int motenBakat,
              boolean region) {

    /** The small demo and the 10 000-participant set: five teams, a little over a year back. */
    static Omfang stockholm(int deltagare) {
        return new Omfang(Referensdata.TEAMS, Referensdata.STAFF, deltagare, 13, 30, false);
    }

    /** The regional set: twenty teams, five years back. */
    static Omfang region(int deltagare) {
        return new Omfang(Referensdata.REGION_TEAMS, Referensdata.REGION_STAFF, deltagare, 60, 131, true);
    }
}
