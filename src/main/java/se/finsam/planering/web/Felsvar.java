package se.finsam.planering.web;

import io.javalin.http.HttpResponseException;

/** An error answer (4xx) whose message is written for the person using the app, in her language, and shown as is. */
public final class Felsvar extends HttpResponseException {

    public Felsvar(int status, String message) {
        super(status, message);
    }

    public static Felsvar badRequest(String message) {
        return new Felsvar(400, message);
    }

    public static Felsvar forbidden(String message) {
        return new Felsvar(403, message);
    }

    public static Felsvar notFound(String message) {
        return new Felsvar(404, message);
    }
}
