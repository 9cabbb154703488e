package se.finsam.planering.hem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.utskick.Kanal;

/**
 * Reminders a koordinator sends from a work list to the person a row waits for: the receiver of a handover
 * without kvittens, the owner of a stuck or overdue item. A reminder is a row in the outbox (the messages'
 * sender sends it on her channel, in Swedish, with the participant's code and a login link, never a name), at
 * most one per row and day: its key names the row and the day.
 */
public final class Paminnelser {

    /** The outbox type of a reminder about a handover without kvittens (the row is the handover). */
    public static final String KVITTENS = "paminnelse_kvittens";
    /** The outbox type of a reminder about a stuck or overdue item (the row is the item). */
    public static final String PUNKT = "paminnelse_punkt";

    /** The lists whose rows can be reminded of, and what kind of reminder each sends. */
    private static final Map<String, String> LISTOR = Map.of(Arbetslistor.SENA_KVITTENSER, KVITTENS,
            Arbetslistor.UTAN_KVITTENS, KVITTENS, Arbetslistor.FASTNADE, PUNKT);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Set<Kanal> kanaler;

    /** {@code kanaler}: the channels this server sends on (none: reminders are not offered, the rows say whom to call). */
    public Paminnelser(Jdbi jdbi, Clock clock, Set<Kanal> kanaler) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.kanaler = Set.copyOf(kanaler);
    }

    /** Whether this server sends messages at all. */
    public boolean harKanaler() {
        return !kanaler.isEmpty();
    }

    /** The kind of reminder a list's rows take, or null when its rows wait for no one but the user. */
    public static String typ(String lista) {
        return LISTOR.get(lista);
    }

    /** The day each row (by its id) was last reminded of, for the rows given. */
    public Map<Long, LocalDate> senast(String lista, Collection<Long> radIds) {
        String typ = typ(lista);
        Map<Long, LocalDate> svar = new HashMap<>();
        if (typ == null || radIds.isEmpty()) {
            return svar;
        }
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT sak_id, max(skapad) AS skapad FROM utskick
                        WHERE typ = :typ AND sak_id IN (<ids>) GROUP BY sak_id""")
                .bind("typ", typ).bindList("ids", List.copyOf(radIds))
                .map((rs, ctx) -> svar.put(rs.getLong("sak_id"),
                        LocalDate.ofInstant(Instant.parse(rs.getString("skapad")), clock.getZone()))).list());
        return svar;
    }

    /**
     * Which of these staff members a message reaches: an e-mail address or a phone she lets messages go to, on
     * a channel this server has. The others are called or written to by hand.
     */
    public Set<Long> nabara(Collection<Long> personer) {
        if (personer.isEmpty() || kanaler.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id FROM anvandare a LEFT JOIN utskick_val v ON v.anvandare_id = a.id
                        WHERE a.id IN (<ids>) AND a.aktiv = 1
                          AND ((:epost = 1 AND coalesce(v.epost, 1) = 1 AND coalesce(trim(a.epost), '') <> '')
                            OR (:sms = 1 AND coalesce(v.sms, 0) = 1 AND v.sms_stoppad IS NULL
                                AND coalesce(trim(a.telefon), '') <> ''))""")
                .bindList("ids", List.copyOf(personer)).bind("epost", kanaler.contains(Kanal.EPOST) ? 1 : 0)
                .bind("sms", kanaler.contains(Kanal.SMS) ? 1 : 0).mapTo(Long.class).list()));
    }

    /** What became of a reminder asked for. */
    public enum Utfall { SKICKAD, REDAN_I_DAG, INGEN_KANAL }

    /**
     * Puts a reminder about the row in the outbox, to the person it waits for, unless one went today or she
     * cannot be reached by a message.
     */
    public Utfall skicka(String lista, Arbetslistor.Arbetsrad rad) {
        if (rad.personId() == null || !nabara(List.of(rad.personId())).contains(rad.personId())) {
            return Utfall.INGEN_KANAL;
        }
        String typ = typ(lista);
        Instant nu = clock.instant();
        LocalDate idag = LocalDate.ofInstant(nu, clock.getZone());
        int gjorda = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, sak_id, skapad, planerad)
                        SELECT :nyckel, :typ, d.team_id, d.id, :till, :sak, :nu, NULL FROM deltagare d
                        WHERE d.id = :d
                        ON CONFLICT DO NOTHING""")
                .bind("nyckel", typ + ":" + rad.id() + ":" + idag).bind("typ", typ).bind("till", rad.personId())
                .bind("sak", rad.id()).bind("nu", nu.toString()).bind("d", rad.deltagareId()).execute());
        return gjorda == 1 ? Utfall.SKICKAD : Utfall.REDAN_I_DAG;
    }
}
