package se.finsam.planering.minauppgifter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.deltagare.SamtyckeRepository;

/**
 * Everything stored about one participant that is hers to see, for "Ladda ner mina uppgifter". The rule is the
 * same as on her plan page: what was written for her is included, internal notes (the case summary, the team's
 * discussion, internal follow-up notes) are not. Each part is read with the participant's id only, so nothing
 * of another person can appear.
 */
public final class MinaUppgifterRepository {

    public record Personuppgifter(String kod, String fornamn, String efternamn, String personnummer, int fodelsear,
                                  String kon, String telefon, String epost, String sprak, boolean tolkbehov,
                                  String tolksprak, boolean skyddadIdentitet, String team, LocalDate anmald) {
    }

    public record Plan(String mal, int version, Instant andrad, Instant overlamnad) {
    }

    /** One status change of a plan item: when it happened, the new status, and a reason when there is one. */
    public record Handelse(LocalDate datum, String status, String orsak) {
    }

    public record Punkt(long id, int ordning, String text, String typ, String ansvarig, LocalDate klartSenast,
                        boolean borttagen, List<Handelse> historik) {
    }

    public record PunktRad(long id, int ordning, String text, String typ, String ansvarig, LocalDate klartSenast,
                            boolean borttagen) {
    }

    public record HandelseRad(long planpunktId, LocalDate datum, String status, String orsak) {
    }

    /** A follow-up as written for her: the note meant for her and what happens next. */
    public record Uppfoljning(LocalDate datum, String notering, String nastaSteg) {
    }

    public record Kontakt(String organisation, String namn, String titel, String telefon, String epost,
                          LocalDate fran, LocalDate till) {
    }

    public record Mote(String tid, String plats, String syfte, String taMed, String status) {
    }

    public record Avslut(LocalDate datum, String orsak, String nastaSteg) {
    }

    /** One look at or change of her data by someone else. */
    /** {@code antal}: identical reads in the same second are one row that says how many they were. */
    public record Logg(Instant tid, String namn, String organisation, String handling, String vad, int antal) {
    }

    public record Allt(Instant hamtad, Personuppgifter person, Plan plan, List<Punkt> punkter,
                       List<Uppfoljning> uppfoljningar, List<Kontakt> kontakter, List<Mote> moten, Avslut avslut,
                       List<SamtyckeRepository.Samtycke> samtycken, List<SamtyckeRepository.Rattelse> rattelser,
                       List<Logg> atkomstlogg) {
    }

    private final Jdbi jdbi;
    private final SamtyckeRepository samtycke;
    private final java.time.Clock clock;

    public MinaUppgifterRepository(Jdbi jdbi, SamtyckeRepository samtycke, java.time.Clock clock) {
        this.jdbi = jdbi;
        this.samtycke = samtycke;
        this.clock = clock;
        for (Class<?> rad : List.of(Personuppgifter.class, Plan.class, PunktRad.class, HandelseRad.class,
                Uppfoljning.class, Kontakt.class, Mote.class, Avslut.class, Logg.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    public Personuppgifter personuppgifter(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.kod, d.fornamn, d.efternamn, d.personnummer, d.fodelsear, d.kon, d.telefon, d.epost,
                               d.sprak, d.tolkbehov, d.tolksprak, d.skyddad_identitet, t.namn AS team,
                               a.datum AS anmald
                        FROM deltagare d JOIN team t ON t.id = d.team_id
                        LEFT JOIN anmalan a ON a.deltagare_id = d.id
                        WHERE d.id = :d""")
                .bind("d", deltagareId).mapTo(Personuppgifter.class).one());
    }

    /** Everything, read in one transaction so the parts agree with each other. */
    public Allt allt(long deltagareId, long egenAnvandare) {
        se.finsam.planering.audit.AuditLog.skrivKlart(jdbi);
        return jdbi.inTransaction(h -> {
            Plan plan = h.createQuery("""
                            SELECT mal, version, andrad, overlamnad FROM planering WHERE deltagare_id = :d""")
                    .bind("d", deltagareId).mapTo(Plan.class).findOne().orElse(null);
            Map<Long, List<Handelse>> historik = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT us.planpunkt_id, u.datum, us.status, us.orsak
                            FROM uppfoljning u JOIN uppfoljning_status us ON us.uppfoljning_id = u.id
                            WHERE u.deltagare_id = :d
                            ORDER BY u.ordningstid, u.id""")
                    .bind("d", deltagareId).mapTo(HandelseRad.class)
                    .forEach(r -> historik.computeIfAbsent(r.planpunktId(), k -> new ArrayList<>())
                            .add(new Handelse(r.datum(), r.status(), r.orsak())));
            List<Punkt> punkter = h.createQuery("""
                            SELECT pp.id, pp.ordning, pp.text, pp.typ,
                                   CASE WHEN pp.ansvarig_deltagaren = 1 THEN NULL ELSE o.namn END AS ansvarig,
                                   pp.klart_senast, pp.borttagen IS NOT NULL AS borttagen
                            FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                            LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                            WHERE p.deltagare_id = :d ORDER BY pp.borttagen IS NOT NULL, pp.ordning, pp.id""")
                    .bind("d", deltagareId).mapTo(PunktRad.class).list().stream()
                    .map(r -> new Punkt(r.id(), r.ordning(), r.text(), r.typ(), r.ansvarig(), r.klartSenast(),
                            r.borttagen(), historik.getOrDefault(r.id(), List.of())))
                    .toList();
            List<Uppfoljning> uppfoljningar = h.createQuery("""
                            SELECT datum, notering_deltagare AS notering, nasta_steg FROM uppfoljning
                            WHERE deltagare_id = :d AND (notering_deltagare IS NOT NULL OR nasta_steg IS NOT NULL)
                            ORDER BY ordningstid DESC, id DESC""")
                    .bind("d", deltagareId).mapTo(Uppfoljning.class).list();
            List<Kontakt> kontakter = h.createQuery("""
                            SELECT o.namn AS organisation, coalesce(a.namn, k.namn) AS namn,
                                   coalesce(a.titel, k.titel) AS titel, coalesce(k.telefon, a.telefon) AS telefon,
                                   coalesce(k.epost, a.epost) AS epost, k.fran_datum AS fran, k.till_datum AS till
                            FROM kontaktperson k JOIN organisation o ON o.id = k.organisation_id
                            LEFT JOIN anvandare a ON a.id = k.anvandare_id
                            WHERE k.deltagare_id = :d ORDER BY k.till_datum IS NOT NULL, o.namn, k.fran_datum DESC""")
                    .bind("d", deltagareId).mapTo(Kontakt.class).list();
            List<Mote> moten = h.createQuery("""
                            SELECT md.tid, m.plats, md.syfte, md.ta_med, m.status
                            FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                            WHERE md.deltagare_id = :d ORDER BY md.tid DESC""")
                    .bind("d", deltagareId).mapTo(Mote.class).list();
            Avslut avslut = h.createQuery("""
                            SELECT datum, orsak, nasta_steg FROM avslut WHERE deltagare_id = :d""")
                    .bind("d", deltagareId).mapTo(Avslut.class).findOne().orElse(null);
            List<Logg> logg = h.createQuery("""
                            SELECT l.tid, a.namn, o.namn AS organisation, l.handling, l.vad, l.antal FROM audit_log l
                            JOIN anvandare a ON a.id = l.anvandare_id
                            LEFT JOIN organisation o ON o.id = a.organisation_id
                            WHERE l.deltagare_id = :d AND l.handling IN ('las', 'andra', 'nekad')
                              AND l.anvandare_id <> :self
                            ORDER BY l.id DESC""")
                    .bind("d", deltagareId).bind("self", egenAnvandare).mapTo(Logg.class).list();
            return new Allt(clock.instant(), personuppgifter(deltagareId), plan, punkter, uppfoljningar, kontakter,
                    moten, avslut, samtycke.historik(deltagareId), samtycke.rattelser(deltagareId), logg);
        });
    }
}
