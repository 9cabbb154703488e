package se.finsam.planering.web;

import io.javalin.http.HttpResponseException;

/** An error whose message is written for the person using the app (in Swedish) and may be shown as is. */
public final class Fel extends HttpResponseException {

    public Fel(int status, String message) {
        super(status, message);
    }

    public static Fel badRequest(String message) {
        return new Fel(400, message);
    }

    public static Fel forbidden(String message) {
        return new Fel(403, message);
    }

    public static Fel notFound(String message) {
        return new Fel(404, message);
    }
}
