package se.finsam.planering.atkomst;

import java.util.Set;

/** Who is logged in on this request. */
public record Anvandare(long id, String namn, Roll roll, Long organisationId, String sprak, Set<Long> teamIds,
                          Long deltagareId) {

    /** The request attribute that holds the logged-in user; set by the web layer once the session is read. */
    public static final String ATTRIBUT = "finsam.user";

    /** The logged-in user of this request, or null. */
    public static Anvandare fran(io.javalin.http.Context ctx) {
        return ctx.attribute(ATTRIBUT);
    }

    public boolean ar(Roll annan) {
        return roll == annan;
    }
}
