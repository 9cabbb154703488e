package se.finsam.planering.anmalan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.db.Dialekt;
import se.finsam.planering.kontakt.KontaktRepository;

/** Saves a referral: the participant, the anmälan, samtycke per organisation and the ordinary handläggare. */
public final class AnmalanRepository {

    /** Someone already registered who may be the same person. */
    public record Dubblett(long id, String kod, long teamId, String team, boolean sammaPersonnummer) {
    }

    /** Whom to ask about a possible duplicate the user may not see: the koordinator of that team. */
    public record Koordinator(String namn, String telefon, String epost) {
    }

    /** Everything the form collected, already checked. Name and contact details are null with skyddad identitet. */
    public record NyAnmalan(long teamId, String fornamn, String efternamn, String personnummer, int fodelsear,
                            String kon, String telefon, String epost, String sprak, boolean tolkbehov,
                            String tolksprak, boolean skyddad, List<Long> samtycke, LocalDate samtyckeDatum,
                            String samtyckeHur, Map<Long, Long> ordinarie, String sammanfattning,
                            String tidigareInsatser, String forsorjning, boolean informerad,
                            Inskrivning inskrivning) {
    }

    /**
     * What meeting mode shows beside the plan: earlier efforts, who referred (name and organisation) and the
     * personnummer, which the page masks for those who do not need it.
     */
    public record Remiss(String tidigareInsatser, String remitterande, long remitterandeId, String personnummer) {
    }

    private final Jdbi jdbi;

    public AnmalanRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Dubblett.class, Koordinator.class, Team.class, Remiss.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    public Remiss remiss(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.tidigare_insatser, u.namn || ', ' || o.namn AS remitterande, a.remitterande_id,
                               d.personnummer
                        FROM deltagare d LEFT JOIN anmalan a ON a.deltagare_id = d.id
                        LEFT JOIN anvandare u ON u.id = a.remitterande_id
                        LEFT JOIN organisation o ON o.id = a.remitterande_organisation_id WHERE d.id = :d""")
                .bind("d", deltagareId).mapTo(Remiss.class).one());
    }

    public List<Dubblett> mojligaDubbletter(String personnummer, String fornamn, String efternamn, int fodelsear) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id, d.kod, t.namn AS team, d.team_id, (d.personnummer = :pnr) AS samma_personnummer
                        FROM deltagare d JOIN team t ON t.id = d.team_id
                        WHERE ((:pnr IS NOT NULL AND d.personnummer = :pnr)
                           OR (:fornamn IS NOT NULL AND lower(d.fornamn) = lower(:fornamn)
                               AND lower(d.efternamn) = lower(:efternamn) AND d.fodelsear = :ar))
                          -- a closed participant is no duplicate: the person is referred again
                          AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)
                        ORDER BY d.id""")
                .bind("pnr", personnummer).bind("fornamn", fornamn).bind("efternamn", efternamn)
                .bind("ar", fodelsear)
                .mapTo(Dubblett.class)
                .list());
    }

    /** The team's koordinatorer, with the details a colleague needs to reach them. */
    public List<Koordinator> koordinatorer(long teamId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.namn, a.telefon, a.epost FROM anvandare a
                        JOIN team_medlem m ON m.anvandare_id = a.id
                        WHERE m.team_id = :t AND a.roll = 'koordinator' AND a.aktiv = 1 ORDER BY a.namn""")
                .bind("t", teamId).mapTo(Koordinator.class)
                .list());
    }

    /** The authorities that sit in the team: those of its representatives and its koordinator. */
    public java.util.Set<Long> teametsOrganisationer(long teamId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT a.organisation_id FROM anvandare a JOIN team_medlem m ON m.anvandare_id = a.id
                        WHERE m.team_id = :t AND a.aktiv = 1 AND a.roll IN ('teamrepresentant', 'koordinator')
                          AND a.organisation_id IS NOT NULL""")
                .bind("t", teamId).mapTo(Long.class).collect(java.util.stream.Collectors.toSet()));
    }

    public record Team(long id, String namn) {
    }

    public List<Team> team(java.util.Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT id, namn FROM team WHERE id IN (<t>) AND aktiv = 1 ORDER BY namn")
                .bindList("t", List.copyOf(teamIds))
                .mapTo(Team.class).list());
    }

    /** Saves it all in one transaction and returns the new participant's id. */
    public long spara(NyAnmalan a, long remitterandeId, long remitterandeOrganisationId, Instant nu, LocalDate idag) {
        return jdbi.inTransaction(h -> {
            String kod = nastaKod(h, a.teamId());
            // Referred again after an earlier avslut: the new participant names the closed one, and the
            // personnummer (unique) moves to the new row, so the person is found in one place, the latest.
            Long tidigare = a.personnummer() == null ? null : h.createQuery("""
                            SELECT d.id FROM deltagare d WHERE d.personnummer = :p
                              AND EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)""")
                    .bind("p", a.personnummer()).mapTo(Long.class).findOne().orElse(null);
            if (tidigare != null) {
                h.createUpdate("UPDATE deltagare SET personnummer = NULL WHERE id = :d").bind("d", tidigare).execute();
            }
            long id = h.createUpdate("""
                            INSERT INTO deltagare (kod, team_id, fornamn, efternamn, personnummer, fodelsear, kon,
                                                   telefon, epost, sprak, tolkbehov, tolksprak, skyddad_identitet, skapad,
                                                   tidigare_deltagare_id)
                            VALUES (:kod, :team, :fornamn, :efternamn, :pnr, :ar, :kon, :tel, :epost, :sprak, :tolk,
                                    :tolksprak, :skyddad, :nu, :tidigare)""")
                    .bind("tidigare", tidigare)
                    .bind("kod", kod).bind("team", a.teamId()).bind("fornamn", a.fornamn())
                    .bind("efternamn", a.efternamn()).bind("pnr", a.personnummer()).bind("ar", a.fodelsear())
                    .bind("kon", a.kon()).bind("tel", a.telefon()).bind("epost", a.epost()).bind("sprak", a.sprak())
                    .bind("tolk", a.tolkbehov() ? 1 : 0).bind("tolksprak", a.tolkbehov() ? a.tolksprak() : null)
                    .bind("skyddad", a.skyddad() ? 1 : 0).bind("nu", nu)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO anmalan (deltagare_id, remitterande_id, remitterande_organisation_id, datum,
                                                 sammanfattning, tidigare_insatser, forsorjning, informerad_om_mote, skapad,
                                                 utbildning, tid_forsorjning, sysselsattning, anstallning_vid_start)
                            VALUES (:d, :r, :ro, :datum, :sammanfattning, :tidigare, :forsorjning, :informerad, :nu,
                                    :utbildning, :tid, :syss, :anst)""")
                    .bind("utbildning", Inskrivning.lagra(a.inskrivning().utbildning()))
                    .bind("tid", Inskrivning.lagra(a.inskrivning().tidForsorjning()))
                    .bind("syss", Inskrivning.lagra(a.inskrivning().sysselsattning()))
                    .bind("anst", Inskrivning.lagra(a.inskrivning().anstallningVidStart()))
                    .bind("d", id).bind("r", remitterandeId).bind("ro", remitterandeOrganisationId)
                    .bind("datum", idag).bind("sammanfattning", a.sammanfattning())
                    .bind("tidigare", a.tidigareInsatser()).bind("forsorjning", a.forsorjning())
                    .bind("informerad", a.informerad() ? 1 : 0).bind("nu", nu).execute();
            for (Long org : a.samtycke()) {
                h.createUpdate("""
                                INSERT INTO samtycke (deltagare_id, organisation_id, givet_datum, hur, registrerad_av)
                                VALUES (:d, :o, :datum, :hur, :av)""")
                        .bind("d", id).bind("o", org).bind("datum", a.samtyckeDatum()).bind("hur", a.samtyckeHur())
                        .bind("av", remitterandeId).execute();
            }
            for (var e : a.ordinarie().entrySet()) {
                KontaktRepository.byt(h, id, new KontaktRepository.NyKontakt(e.getKey(), e.getValue(), null, null,
                        null, null, null), idag);
            }
            return id;
        });
    }

    /** Codes are the team's prefix and a running number, e.g. KIS-0042. */
    private static String nastaKod(Handle h, long teamId) {
        Dialekt dialekt = Dialekt.av(h);
        Optional<String> senaste = h.createQuery("SELECT kod FROM deltagare WHERE team_id = :t AND "
                        + dialekt.arLopnummerkod("kod") + " ORDER BY " + dialekt.talEfterBindestreck("kod")
                        + " DESC LIMIT 1")
                .bind("t", teamId).mapTo(String.class).findOne();
        String prefix;
        int nummer;
        if (senaste.isPresent()) {
            String s = senaste.get();
            prefix = s.substring(0, s.indexOf('-'));
            nummer = Integer.parseInt(s.substring(s.indexOf('-') + 1)) + 1;
        } else {
            String namn = h.createQuery("SELECT namn FROM team WHERE id = :t").bind("t", teamId)
                    .mapTo(String.class).one();
            String sista = namn.substring(namn.lastIndexOf(' ') + 1);
            prefix = java.text.Normalizer.normalize(sista, java.text.Normalizer.Form.NFD)
                    .replaceAll("[^A-Za-z]", "").toUpperCase(java.util.Locale.ROOT);
            prefix = (prefix + "XXX").substring(0, 3);
            nummer = 1;
        }
        return String.format(java.util.Locale.ROOT, "%s-%04d", prefix, nummer);
    }

    public record InskrivningRad(String utbildning, String tidForsorjning, String sysselsattning,
                                  String anstallningVidStart, String forstaMote, boolean overlamnad) {
    }

    /** The participant's inskrivning values, her first team meeting, and whether the plan is handed over. */
    public java.util.Optional<Inskrivning.Visning> inskrivning(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT coalesce(a.utbildning, '') AS utbildning, coalesce(a.tid_forsorjning, '') AS tid_forsorjning,
                               coalesce(a.sysselsattning, '') AS sysselsattning,
                               coalesce(a.anstallning_vid_start, '') AS anstallning_vid_start,
                               (SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                                 WHERE md.deltagare_id = a.deltagare_id AND m.status <> 'installt') AS forsta_mote,
                               EXISTS (SELECT 1 FROM planering p WHERE p.deltagare_id = a.deltagare_id
                                         AND p.overlamnad IS NOT NULL) AS overlamnad
                        FROM anmalan a WHERE a.deltagare_id = :d""")
                .bind("d", deltagareId)
                .map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.of(InskrivningRad.class))
                .findOne()
                .map(r -> new Inskrivning.Visning(new Inskrivning(r.utbildning(), r.tidForsorjning(),
                        r.sysselsattning(), r.anstallningVidStart()),
                        r.forstaMote() == null ? null : LocalDate.parse(r.forstaMote()), !r.overlamnad())));
    }

    /** Stores the values while the plan is not handed over; false when it is (then nothing changes). */
    public boolean sparaInskrivning(long deltagareId, Inskrivning i) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE anmalan SET utbildning = :u, tid_forsorjning = :t, sysselsattning = :s,
                                           anstallning_vid_start = :a
                        WHERE deltagare_id = :d AND NOT EXISTS (SELECT 1 FROM planering p
                              WHERE p.deltagare_id = :d AND p.overlamnad IS NOT NULL)""")
                .bind("u", Inskrivning.lagra(i.utbildning())).bind("t", Inskrivning.lagra(i.tidForsorjning()))
                .bind("s", Inskrivning.lagra(i.sysselsattning())).bind("a", Inskrivning.lagra(i.anstallningVidStart()))
                .bind("d", deltagareId).execute()) == 1;
    }
}
