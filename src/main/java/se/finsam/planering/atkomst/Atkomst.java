package se.finsam.planering.atkomst;

import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.List;

/**
 * The access rule of a route whose path names a person's data: which path parameter holds which kind of id.
 * Declared in the route table beside the roles and passed to Javalin with them, so the one check before every
 * handler finds it; a route with a path parameter and no rule cannot be registered.
 */
public record Atkomst(List<Regel> regler) implements RouteRole {

    /**
     * What a path parameter names. Each kind leads to one participant, except a meeting, which leads to a team,
     * an account (only an administrator acts on one), and {@code INGEN}: a parameter that names nobody's data
     * (a language, say), declared as such.
     */
    public enum Slag { DELTAGARE, MOTE, BOKNING, OVERLAMNING, PLANPUNKT, UPPFOLJNING, KONTO, INGEN }

    /** One path parameter, its kind, and what the audit log says was read or changed through it. */
    public record Regel(String parameter, Slag slag, String vad) {
    }

    public Atkomst {
        regler = List.copyOf(regler);
    }

    public static Atkomst deltagare(String parameter, String vad) {
        return new Atkomst(List.of(new Regel(parameter, Slag.DELTAGARE, vad)));
    }

    /** A meeting: the user must belong to its team. Its participants are checked where they are listed. */
    public static Atkomst mote(String parameter) {
        return new Atkomst(List.of(new Regel(parameter, Slag.MOTE, "möte")));
    }

    /**
     * A user account, as an administrator acts on it (logging it out everywhere, say): no case data is read, and
     * only an administrator passes.
     */
    public static Atkomst konto(String parameter) {
        return new Atkomst(List.of(new Regel(parameter, Slag.KONTO, "konto")));
    }

    public static Atkomst bokning(String parameter, String vad) {
        return new Atkomst(List.of(new Regel(parameter, Slag.BOKNING, vad)));
    }

    public static Atkomst overlamning(String parameter, String vad) {
        return new Atkomst(List.of(new Regel(parameter, Slag.OVERLAMNING, vad)));
    }

    public static Atkomst planpunkt(String parameter, String vad) {
        return new Atkomst(List.of(new Regel(parameter, Slag.PLANPUNKT, vad)));
    }

    /** A recorded follow-up (or escalation): it belongs to one participant. */
    public static Atkomst uppfoljning(String parameter, String vad) {
        return new Atkomst(List.of(new Regel(parameter, Slag.UPPFOLJNING, vad)));
    }

    /** The parameter names no participant's data; {@code varfor} says what it is instead. */
    public static Atkomst utanPerson(String parameter, String varfor) {
        return new Atkomst(List.of(new Regel(parameter, Slag.INGEN, varfor)));
    }

    /** Both rules hold, e.g. a meeting and one of its bookings. */
    public Atkomst och(Atkomst annan) {
        List<Regel> alla = new ArrayList<>(regler);
        alla.addAll(annan.regler());
        return new Atkomst(alla);
    }

    public boolean tacker(String parameter) {
        return regler.stream().anyMatch(r -> r.parameter().equals(parameter));
    }

    /** Checks a route's rule before its handler runs; refuses with an error page. */
    public interface Kontroll {
        void kontrollera(io.javalin.http.Context ctx, Atkomst atkomst);
    }
}
