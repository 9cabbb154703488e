package se.finsam.planering.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.finsam.planering.demo.Referensdata.TeamDef;

/** One team as the simulation goes: its ids, its staff by role and its meetings. */
final class Teamlage {
    final TeamDef def;
    long id;
    long koordinator;
    final Map<String, Long> rep = new HashMap<>();
    /** The ordinary handläggare per organisation (for Jobbtorg: the jobbcoach). */
    final Map<String, Long> ordinarie = new HashMap<>();
    final List<SimuleratMote> past = new ArrayList<>();
    final List<SimuleratMote> coming = new ArrayList<>();
    int kodNummer;

    Teamlage(TeamDef def) {
        this.def = def;
    }

    /** One of the team's meetings and how many participants are booked into it. */
    static final class SimuleratMote {
        long id;
        LocalDate datum;
        LocalDateTime start;
        LocalDateTime slut;
        int bokade;
    }
}
