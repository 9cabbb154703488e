package se.finsam.planering.admin;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.audit.Kedjekontroll;

/**
 * The administrator's view of the audit log: what administrators changed (accounts, teams, organisations) and
 * failed or locked logins. Never a row about a participant, and never a participant's name: a failed login shows
 * what was typed, and the account's name only when it is a staff account.
 */
public final class HandelseRepository {

    /** The kinds the page filters by; an administrator's change is written as "kind id: what changed". */
    public static final List<String> SLAG = List.of("organisation", "team", "konto", "inloggning");

    public record Handelse(Instant tid, String vem, String handling, String vad, String adress) {
    }

    public record Sida(List<Handelse> handelser, int sida, boolean fler) {
    }

    private final Jdbi jdbi;
    private final Kedjekontroll kedjekontroll;

    public HandelseRepository(Jdbi jdbi, Kedjekontroll kedjekontroll) {
        this.jdbi = jdbi;
        this.kedjekontroll = kedjekontroll;
    }

    /** The text an administrator's change is written with, so the page can filter it by kind. */
    public static String vad(String slag, long id, String text) {
        return slag + " " + id + ": " + text;
    }

    /** The latest check of the audit log's hash chain (made now if none has run since start). */
    public Kedjekontroll.Kontroll kedjan() {
        return kedjekontroll.senaste();
    }

    /** Checks the audit log's hash chain over every row now. */
    public Kedjekontroll.Kontroll kontrolleraKedjan() {
        return kedjekontroll.kontrollera();
    }

    /** One page (from 1) of events, newest first; {@code slag} null or blank means every kind. */
    public Sida sida(String slag, int sida, int perSida) {
        String villkor = switch (slag == null ? "" : slag) {
            case "inloggning" -> "l.handling IN ('inloggning_misslyckad', 'inloggning_sparrad')";
            case "organisation", "team", "konto" -> "l.handling = 'andra' AND a.roll = 'admin' AND l.vad LIKE :prefix";
            default -> "(l.handling IN ('inloggning_misslyckad', 'inloggning_sparrad')"
                    + " OR (l.handling = 'andra' AND a.roll = 'admin'))";
        };
        se.finsam.planering.audit.Handelselogg.skrivKlart(jdbi);
        List<Handelse> rader = jdbi.withHandle(h -> h.createQuery("""
                        SELECT l.tid, CASE WHEN a.roll <> 'deltagare' THEN a.namn END AS vem, l.handling, l.vad, l.adress
                        FROM audit_log l LEFT JOIN anvandare a ON a.id = l.anvandare_id
                        WHERE l.deltagare_id IS NULL AND l.gallrad IS NULL""" + " AND " + villkor + " ORDER BY l.id DESC LIMIT :n OFFSET :fran")
                .bind("prefix", (slag == null ? "" : slag) + " %")
                .bind("n", perSida + 1).bind("fran", (long) (sida - 1) * perSida)
                .map((rs, c) -> new Handelse(Instant.parse(rs.getString("tid")), rs.getString("vem"),
                        rs.getString("handling"), rs.getString("vad"), rs.getString("adress")))
                .list());
        boolean fler = rader.size() > perSida;
        return new Sida(fler ? rader.subList(0, perSida) : rader, sida, fler);
    }
}
