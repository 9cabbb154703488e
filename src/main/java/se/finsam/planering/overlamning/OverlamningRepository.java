package se.finsam.planering.overlamning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.kontakt.KontaktRepository;

/** Handing plan items over to their responsible handläggare, and their answers (kvittens or "not mine"). */
public final class OverlamningRepository {

    /** One handed-over item, as the receiver and the koordinator see it. */
    public record Post(long id, long deltagareId, String kod, String namn, String punkt, LocalDate klartSenast,
                       String till, Instant skapad, Instant avvisad, String orsak, int arbetsdagar, boolean forsenad) {
        public String visningsnamn() {
            return namn != null ? namn : kod;
        }
    }

    /** The answer to "close the meeting": how many items went out, or which items (ids) lack a named person. */
    public record Resultat(int overlamnade, List<Long> utanMottagare) {
    }

    public record Kvittens(long id, long deltagareId, long tillId) {
    }

    /** A handover as stored, with the team's limit for its kvittens; {@link Post} adds the working days since. */
    public record PostRad(long id, long deltagareId, String kod, String namn, String text, LocalDate klartSenast,
                          String till, Instant skapad, Instant avvisad, String avvisadOrsak,
                          int kvittensArbetsdagar) {
    }

    /** An authority's item of the plan and whom it names as responsible. */
    public record AnsvarigPlanpunkt(long id, String text, Long ansvarigOrganisationId, Long ansvarigAnvandareId) {
    }

    private final Jdbi jdbi;
    private final KontaktRepository kontakter;
    private final ZoneId zone;

    public OverlamningRepository(Jdbi jdbi, KontaktRepository kontakter, java.time.Clock clock) {
        this.jdbi = jdbi;
        this.kontakter = kontakter;
        this.zone = clock.getZone();
        for (Class<?> rad : List.of(Kvittens.class, PostRad.class, AnsvarigPlanpunkt.class, OppenPlanpunkt.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    /**
     * Hands every item of the participant's plan to its responsible handläggare: the named person, or else the
     * authority's current contact. Nothing is handed over if some item has nobody to receive it.
     */
    public Resultat overlamna(long deltagareId, Instant nu) {
        return jdbi.inTransaction(h -> {
            Long planeringId = h.createQuery("SELECT id FROM planering WHERE deltagare_id = :d").bind("d", deltagareId)
                    .mapTo(Long.class).findOne().orElse(null);
            if (planeringId == null) {
                return new Resultat(0, List.of());
            }
            List<AnsvarigPlanpunkt> rader = h.createQuery("""
                            SELECT id, text, ansvarig_organisation_id, ansvarig_anvandare_id FROM planpunkt
                            WHERE planering_id = :p AND borttagen IS NULL AND ansvarig_deltagaren = 0
                            ORDER BY ordning, id""")
                    .bind("p", planeringId)
                    .mapTo(AnsvarigPlanpunkt.class)
                    .list();
            List<Long> saknas = new ArrayList<>();
            List<long[]> till = new ArrayList<>();
            for (AnsvarigPlanpunkt r : rader) {
                Optional<Long> mottagare = r.ansvarigAnvandareId() != null ? Optional.of(r.ansvarigAnvandareId())
                        : kontakter.aktuellHandlaggare(h, deltagareId, r.ansvarigOrganisationId());
                if (mottagare.isEmpty()) {
                    saknas.add(r.id());
                } else {
                    till.add(new long[] {r.id(), mottagare.get()});
                }
            }
            if (!saknas.isEmpty()) {
                return new Resultat(0, saknas);
            }
            int antal = 0;
            for (long[] t : till) {
                // An item whose responsible person changed: the old, unanswered handover is withdrawn.
                h.createUpdate("""
                                DELETE FROM overlamning WHERE planpunkt_id = :p AND till_id <> :t
                                  AND kvitterad IS NULL AND avvisad IS NULL""")
                        .bind("p", t[0]).bind("t", t[1]).execute();
                antal += h.createUpdate("""
                                INSERT INTO overlamning (planpunkt_id, till_id, skapad)
                                SELECT :p, :t, :nu WHERE NOT EXISTS (
                                    SELECT 1 FROM overlamning WHERE planpunkt_id = :p AND till_id = :t AND avvisad IS NULL)""")
                        .bind("p", t[0]).bind("t", t[1]).bind("nu", nu).execute();
            }
            h.createUpdate("UPDATE planering SET overlamnad = coalesce(overlamnad, :nu) WHERE id = :p")
                    .bind("nu", nu).bind("p", planeringId).execute();
            return new Resultat(antal, List.of());
        });
    }

    /** An open item of an authority, which a contact change can move to the new person. */
    public record OppenPlanpunkt(long id, long organisationId, String organisation, String text, String ansvarig) {
    }

    /** Items of the participant's plan that authorities still carry: not done, not rejected, not removed. */
    public List<OppenPlanpunkt> oppnaPunkter(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT pp.id, pp.ansvarig_organisation_id AS organisation_id, o.namn AS organisation, pp.text,
                               a.namn AS ansvarig
                        FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                        JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                        LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 0
                          AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                        ORDER BY o.namn, pp.ordning, pp.id""")
                .bind("d", deltagareId)
                .mapTo(OppenPlanpunkt.class)
                .list());
    }

    /**
     * A new contact at an authority, and (if asked) that authority's open items move to the new person: each is
     * handed over to them as at the meeting, so they confirm it and the old person no longer holds it.
     * Returns how many items moved.
     */
    public int bytKontakt(long deltagareId, KontaktRepository.NyKontakt ny, boolean flytta, LocalDate idag,
                          Instant nu) {
        return jdbi.inTransaction(h -> {
            KontaktRepository.byt(h, deltagareId, ny, idag);
            if (!flytta || ny.anvandareId() == null) {
                return 0;
            }
            List<Long> punkter = h.createQuery("""
                            SELECT pp.id FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                            LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                            WHERE p.deltagare_id = :d AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 0
                              AND pp.ansvarig_organisation_id = :o
                              AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                              AND (pp.ansvarig_anvandare_id IS NULL OR pp.ansvarig_anvandare_id <> :a)""")
                    .bind("d", deltagareId).bind("o", ny.organisationId()).bind("a", ny.anvandareId())
                    .mapTo(Long.class).list();
            boolean overlamnad = h.createQuery(
                            "SELECT overlamnad IS NOT NULL FROM planering WHERE deltagare_id = :d")
                    .bind("d", deltagareId).mapTo(Boolean.class).findOne().orElse(false);
            for (long punkt : punkter) {
                h.createUpdate("UPDATE planpunkt SET ansvarig_anvandare_id = :a WHERE id = :p")
                        .bind("a", ny.anvandareId()).bind("p", punkt).execute();
                if (overlamnad) {
                    h.createUpdate("""
                                    DELETE FROM overlamning WHERE planpunkt_id = :p AND till_id <> :t
                                      AND kvitterad IS NULL AND avvisad IS NULL""")
                            .bind("p", punkt).bind("t", ny.anvandareId()).execute();
                    h.createUpdate("""
                                    INSERT INTO overlamning (planpunkt_id, till_id, skapad)
                                    SELECT :p, :t, :nu WHERE NOT EXISTS (SELECT 1 FROM overlamning
                                        WHERE planpunkt_id = :p AND till_id = :t AND avvisad IS NULL)""")
                            .bind("p", punkt).bind("t", ny.anvandareId()).bind("nu", nu).execute();
                }
            }
            if (!punkter.isEmpty()) {
                // Someone with the editor open must not save the old owner back over this.
                h.createUpdate("UPDATE planering SET version = version + 1 WHERE deltagare_id = :d")
                        .bind("d", deltagareId).execute();
            }
            return punkter.size();
        });
    }

    public Optional<Kvittens> hitta(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.id, p.deltagare_id, o.till_id FROM overlamning o
                        JOIN planpunkt pp ON pp.id = o.planpunkt_id JOIN planering p ON p.id = pp.planering_id
                        WHERE o.id = :id""")
                .bind("id", id).mapTo(Kvittens.class).findOne());
    }

    /** Confirms receipt; false if it was already answered or is not the user's. */
    public boolean kvittera(long id, long anvandareId, Instant nu) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE overlamning SET kvitterad = :nu
                        WHERE id = :id AND till_id = :u AND kvitterad IS NULL AND avvisad IS NULL""")
                .bind("nu", nu).bind("id", id).bind("u", anvandareId).execute()) == 1;
    }

    /** "Not mine": the item goes back to the koordinator with the reason. */
    public boolean avvisa(long id, long anvandareId, String orsak, Instant nu) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE overlamning SET avvisad = :nu, avvisad_orsak = :orsak
                        WHERE id = :id AND till_id = :u AND kvitterad IS NULL AND avvisad IS NULL""")
                .bind("nu", nu).bind("orsak", orsak).bind("id", id).bind("u", anvandareId).execute()) == 1;
    }

    private static final String POST_SQL = """
            SELECT o.id, d.id AS deltagare_id, d.kod, sy.namn,
                   pp.text, pp.klart_senast, a.namn AS till, o.skapad, o.avvisad, o.avvisad_orsak,
                   t.kvittens_arbetsdagar
            FROM overlamning o
            JOIN planpunkt pp ON pp.id = o.planpunkt_id AND pp.borttagen IS NULL
            JOIN planering p ON p.id = pp.planering_id
            JOIN deltagare d ON d.id = p.deltagare_id
            JOIN (<synliga>) sy ON sy.deltagare_id = d.id
            JOIN team t ON t.id = d.team_id
            JOIN anvandare a ON a.id = o.till_id""";

    /** Handed-over items of participants the user may see; a closed participant's are never listed. */
    private List<Post> poster(DeltagarAtkomst.Synliga synliga, String villkor, LocalDate idag,
                              java.util.function.Consumer<org.jdbi.v3.core.statement.Query> bind) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery(POST_SQL + " WHERE NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)"
                            + " AND (" + villkor + ") ORDER BY o.skapad, o.id")
                    .define("synliga", synliga.sql());
            bind.accept(q);
            return q.mapTo(PostRad.class).list().stream().map(r -> {
                int dagar = Arbetsdagar.mellan(r.skapad().atZone(zone).toLocalDate(), idag);
                return new Post(r.id(), r.deltagareId(), r.kod(), r.namn(), r.text(), r.klartSenast(), r.till(),
                        r.skapad(), r.avvisad(), r.avvisadOrsak(), dagar, dagar >= r.kvittensArbetsdagar());
            }).collect(java.util.stream.Collectors.toList());
        });
    }

    /** Items handed to this person that wait for their kvittens. */
    public List<Post> attKvittera(DeltagarAtkomst.Synliga synliga, long anvandareId, LocalDate idag) {
        return poster(synliga, "o.till_id = :u AND o.kvitterad IS NULL AND o.avvisad IS NULL", idag, q -> q.bind("u", anvandareId));
    }

    /** Items of one participant handed to this person that wait for their kvittens. */
    public List<Post> attKvittera(DeltagarAtkomst.Synliga synliga, long anvandareId, long deltagareId, LocalDate idag) {
        return poster(synliga, "o.till_id = :u AND d.id = :d AND o.kvitterad IS NULL AND o.avvisad IS NULL", idag,
                q -> q.bind("u", anvandareId).bind("d", deltagareId));
    }

    /** Handovers in the teams still without an answer; {@link Post#forsenad()} marks those past the team's limit. */
    public List<Post> utanKvittens(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds, LocalDate idag) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return poster(synliga, "d.team_id IN (<teams>) AND o.kvitterad IS NULL AND o.avvisad IS NULL", idag,
                q -> q.bindList("teams", List.copyOf(teamIds)));
    }

    /**
     * Items answered "not mine" that still wait for the koordinator: not handed over again since, still an
     * authority's item (one given to the participant needs no handover, so nothing is left to do), and of a
     * participant not closed (the closure decided what happens to each item).
     */
    public List<Post> aterlamnade(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds, LocalDate idag) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return poster(synliga, """
                d.team_id IN (<teams>) AND o.avvisad IS NOT NULL AND pp.ansvarig_deltagaren = 0
                AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)
                AND NOT EXISTS (SELECT 1 FROM overlamning n WHERE n.planpunkt_id = o.planpunkt_id AND n.id > o.id)""",
                idag, q -> q.bindList("teams", List.copyOf(teamIds)));
    }
}
