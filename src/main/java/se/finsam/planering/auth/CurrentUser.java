package se.finsam.planering.auth;

import java.util.Set;

/** Who is logged in on this request. */
public record CurrentUser(long id, String namn, Roll roll, Long organisationId, String sprak, Set<Long> teamIds,
                          Long deltagareId) {

    public boolean ar(Roll annan) {
        return roll == annan;
    }
}
