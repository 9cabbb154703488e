package se.finsam.planering.web;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Where a form sends the user back to after it is saved: the page it was posted from (a work list on its page
 * and filters, a participant's page), given in the form's field {@code tillbaka}. Only a path on this server is
 * followed, never another site; anything else goes to the default.
 */
public final class Aterlank {

    /** A path of this server with an optional query of plain characters; no "//", no scheme, no fragment tricks. */
    private static final Pattern LOKAL = Pattern.compile("/(?!/)[A-Za-z0-9/_-]*(\\?[A-Za-z0-9=&%._+-]*)?(#[A-Za-z0-9_-]*)?");

    private Aterlank() {
    }

    /** The form's {@code tillbaka} when it is a local path within 500 characters, else {@code annars}. */
    public static String fran(Context ctx, String annars) {
        String varde = ctx.formParam("tillbaka");
        return varde != null && varde.length() <= 500 && LOKAL.matcher(varde).matches() ? varde : annars;
    }
}
