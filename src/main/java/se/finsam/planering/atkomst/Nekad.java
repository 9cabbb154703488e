package se.finsam.planering.atkomst;

import io.javalin.http.HttpResponseException;

/** A refused request (401, 403 or 404) whose message is written, in the user's language, to be shown as is. */
public final class Nekad extends HttpResponseException {

    public Nekad(int status, String message) {
        super(status, message);
    }
}
