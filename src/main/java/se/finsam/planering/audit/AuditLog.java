package se.finsam.planering.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who read or changed a participant's data, and every login event. Append-only. */
public final class AuditLog {

    public enum Handling { LAS, ANDRA, NEKAD, INLOGGNING, INLOGGNING_MISSLYCKAD, INLOGGNING_SPARRAD, UTLOGGNING, AKTIVERING }

    public record Post(Instant tid, Long anvandareId, String anvandareNamn, String handling, Long deltagareId,
                       String vad) {
    }

    private static final Logger LOG = LoggerFactory.getLogger("audit");

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        jdbi.registerRowMapper(ConstructorMapper.factory(Post.class));
    }

    /**
     * Every page about a person writes here, so under load many requests write at once. Taking turns in
     * Java costs microseconds; letting SQLite's busy handler sort it out costs sleeps of whole milliseconds.
     */
    public void log(Long anvandareId, Handling handling, Long deltagareId, String vad, String adress) {
        String value = handling.name().toLowerCase(java.util.Locale.ROOT);
        synchronized (this) {
            insert(anvandareId, value, deltagareId, vad, adress);
        }
        LOG.info("{} user={} deltagare={} {} from {}", value, anvandareId, deltagareId, vad, adress);
    }

    /**
     * A list that shows people: one row per person shown, so each of them sees it under "Vem har tittat".
     * Written as one batch in one transaction; a long list costs about as much as a single row.
     */
    public void logMany(Long anvandareId, Handling handling, java.util.Collection<Long> deltagareIds, String vad,
                        String adress) {
        if (deltagareIds.isEmpty()) {
            return;
        }
        String value = handling.name().toLowerCase(java.util.Locale.ROOT);
        java.time.Instant tid = clock.instant();
        synchronized (this) {
            jdbi.useTransaction(h -> {
                var batch = h.prepareBatch("INSERT INTO audit_log (tid, anvandare_id, handling, deltagare_id, vad, adress)"
                        + " VALUES (:t, :a, :h, :d, :v, :ip)");
                for (Long d : new java.util.LinkedHashSet<>(deltagareIds)) {
                    batch.bind("t", tid).bind("a", anvandareId).bind("h", value).bind("d", d).bind("v", vad)
                            .bind("ip", adress).add();
                }
                batch.execute();
            });
        }
        LOG.info("{} user={} {} participants: {} from {}", value, anvandareId, deltagareIds.size(), vad, adress);
    }

    private void insert(Long anvandareId, String value, Long deltagareId, String vad, String adress) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO audit_log (tid, anvandare_id, handling, deltagare_id, vad, adress)
                        VALUES (:t, :a, :h, :d, :v, :ip)""")
                .bind("t", clock.instant()).bind("a", anvandareId).bind("h", value).bind("d", deltagareId)
                .bind("v", vad).bind("ip", adress).execute());
    }

    /** The newest entries about one participant, for "who has looked at my data". */
    public List<Post> forDeltagare(long deltagareId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT l.tid, l.anvandare_id, a.namn AS anvandare_namn, l.handling, l.deltagare_id, l.vad
                        FROM audit_log l LEFT JOIN anvandare a ON a.id = l.anvandare_id
                        WHERE l.deltagare_id = :d ORDER BY l.id DESC LIMIT :n""")
                .bind("d", deltagareId).bind("n", limit)
                .mapTo(Post.class)
                .list());
    }
}
