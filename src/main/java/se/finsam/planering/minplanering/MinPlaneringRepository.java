package se.finsam.planering.minplanering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.kontakt.Telefontid;
import se.finsam.planering.uppfoljning.UppfoljningRepository;
import se.finsam.planering.uppfoljning.Uppfoljningsschema;

/** What a participant sees of their own case: never internal notes or summaries. */
public final class MinPlaneringRepository {

    /**
     * A person to contact, from the staff directory or entered as an external contact. {@code telefontid} holds the
     * telephone hours as days and times ({@link Telefontid#avKod}); {@code telefontider} is the old free text,
     * shown only when there are none.
     */
    public record Kontakt(String namn, String titel, String telefon, String epost, String telefontider,
                          String telefontid, boolean koordinator) {

        public Telefontid tider() {
            return Telefontid.avKod(telefontid);
        }
    }

    /** One card per authority. */
    public record Myndighet(String organisation, String typ, String kanHjalpaMed, String telefon,
                            String telefontider, String telefontid, String webbplats, List<Kontakt> kontakter,
                            String kanHjalpaMedEn, String kanHjalpaMedAr, String epost) {

        public Telefontid tider() {
            return Telefontid.avKod(telefontid);
        }

        /** The organisation's own sentence in the given language (English or Arabic), or null when not written. */
        public String kanHjalpaMedPa(String sprak) {
            return switch (sprak) {
                case "en" -> kanHjalpaMedEn;
                case "ar" -> kanHjalpaMedAr;
                default -> kanHjalpaMed;
            };
        }
    }

    /** Her next meeting; {@code flyttadFranTid} and {@code flyttadFranPlats} are set when it was moved. */
    public record BokatMote(LocalDateTime tid, String plats, String syfte, String taMed, List<String> narvarande,
                       String team, long bokningId, int sekvens, LocalDateTime flyttadFranTid,
                       String flyttadFranPlats) {

        public boolean flyttat() {
            return flyttadFranTid != null;
        }

        /** Whether the place changed with the latest move. */
        public boolean nyPlats() {
            return flyttadFranPlats != null && !flyttadFranPlats.equals(plats);
        }
    }

    /** The newest follow-up note or next step written for the participant; either may be missing. */
    public record Notering(LocalDate datum, String text, String nastaSteg) {
    }

    /**
     * Something that changed since the participant last confirmed reading: the plan, one item (its newest
     * change, with the status it has now and the reason given for it) or a note written for her.
     */
    public record Nyhet(Instant tid, String typ, String punkt, String status, String text) {
    }

    /** Someone the team names for a participant to turn to when nobody takes over her plan. */
    public record Hjalpkontakt(String namn, String telefon, String beskrivning) {
    }

    public record Deltagaren(long id, String namn, long teamId, String team, String uppfoljningManader,
                             boolean avslutad) {
    }

    /** The closure and who takes over, for a closed plan; {@code ingenFortsattning} when nobody does. */
    public record Avslut(LocalDate datum, String orsak, String organisation, String ansvarig, String nastaSteg,
                         boolean ingenFortsattning) {
    }

    /** One look at her data; {@code vad} is the audit log's Swedish description, {@code handling} las or andra. */
    public record Tittat(Instant tid, String namn, String organisation, String vad, String handling) {

        /** What was done, in her language: each known description has a key, anything else a general sentence. */
        public String beskrivning(se.finsam.planering.sprak.Texter m) {
            String key = nyckel(vad);
            return m.has(key) ? m.get(key) : m.get("tittat.handling." + ("andra".equals(handling) ? "andra" : "las"));
        }

        /** The bundle key for an audit description: "registrerade uppföljning (synk)" is tittat.vad.registrerade_uppfoljning_synk. */
        public static String nyckel(String vad) {
            String ascii = java.text.Normalizer.normalize(vad == null ? "" : vad.toLowerCase(java.util.Locale.ROOT),
                    java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            return "tittat.vad." + ascii.replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        }
    }

    /** One contact row of {@link #kontakter}: the authority's card and one person on it. */
    public record KontaktRad(long orgId, String org, String typ, String kanHjalpaMed, String orgTelefon,
                             String orgTider, String orgTelefontid, String webbplats, @Nested Kontakt kontakt, String kanHjalpaMedEn,
                             String kanHjalpaMedAr, String orgEpost) {
    }

    /** The booked meeting as stored; who will be there is looked up per team. */
    public record MoteRad(LocalDateTime tid, String plats, String syfte, String taMed, long teamId, String team,
                          long moteId, long bokningId, int sekvens, LocalDateTime flyttadFranTid,
                          String flyttadFranPlats) {
    }

    private final Jdbi jdbi;

    public MinPlaneringRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Deltagaren.class, KontaktRad.class, Kontakt.class, MoteRad.class, Avslut.class,
                Hjalpkontakt.class, Notering.class, Nyhet.class, Tittat.class, AgdPunkt.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    public Deltagaren deltagaren(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id, coalesce(d.fornamn || ' ' || d.efternamn, d.kod) AS namn, t.id AS team_id,
                               t.namn AS team, t.uppfoljning_manader,
                               EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id) AS avslutad
                        FROM deltagare d JOIN team t ON t.id = d.team_id WHERE d.id = :d""")
                .bind("d", deltagareId)
                .mapTo(Deltagaren.class)
                .one());
    }

    /**
     * Current contacts grouped by authority, the koordinator included, and everyone (still working) who owns one of
     * her open plan items: whoever her plan names, she finds here with a way to reach them.
     */
    public List<Myndighet> kontakter(long deltagareId) {
        List<KontaktRad> rader = jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.id AS org_id, o.namn AS org, o.typ, o.kan_hjalpa_med, o.telefon AS org_telefon,
                               o.telefontider AS org_tider, <otid> AS org_telefontid, o.webbplats,
                               o.kan_hjalpa_med_en, o.kan_hjalpa_med_ar, o.epost AS org_epost,
                               coalesce(a.namn, k.namn) AS namn, coalesce(a.titel, k.titel) AS titel,
                               coalesce(k.telefon, a.telefon) AS telefon, coalesce(k.epost, a.epost) AS epost,
                               CASE WHEN k.telefontider IS NOT NULL OR k.telefontid_dagar IS NOT NULL
                                    THEN k.telefontider ELSE a.telefontider END AS telefontider,
                               coalesce(<ktid>, <atid>) AS telefontid,
                               CASE WHEN a.roll = 'koordinator' THEN 1 WHEN a.roll IS NOT NULL THEN 0 END AS koordinator
                        FROM kontaktperson k
                        JOIN organisation o ON o.id = k.organisation_id
                        LEFT JOIN anvandare a ON a.id = k.anvandare_id
                        WHERE k.deltagare_id = :d AND k.till_datum IS NULL
                        UNION ALL
                        SELECT o.id, o.namn, o.typ, o.kan_hjalpa_med, o.telefon, o.telefontider, <otid>,
                               o.webbplats, o.kan_hjalpa_med_en, o.kan_hjalpa_med_ar, o.epost,
                               a.namn, a.titel, a.telefon, a.epost, a.telefontider, <atid>, 1
                        FROM deltagare d
                        JOIN team_medlem m ON m.team_id = d.team_id
                        JOIN anvandare a ON a.id = m.anvandare_id AND a.roll = 'koordinator' AND a.aktiv = 1
                        JOIN organisation o ON o.id = a.organisation_id
                        WHERE d.id = :d AND NOT EXISTS (SELECT 1 FROM kontaktperson k WHERE k.deltagare_id = d.id
                                                        AND k.anvandare_id = a.id AND k.till_datum IS NULL)
                        UNION
                        SELECT o.id, o.namn, o.typ, o.kan_hjalpa_med, o.telefon, o.telefontider, <otid>,
                               o.webbplats, o.kan_hjalpa_med_en, o.kan_hjalpa_med_ar, o.epost,
                               a.namn, a.titel, a.telefon, a.epost, a.telefontider, <atid>, 0
                        FROM planering p
                        JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                        JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id AND a.aktiv = 1
                        JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d
                          AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                          AND <samtycke>
                          AND NOT EXISTS (SELECT 1 FROM kontaktperson k WHERE k.deltagare_id = p.deltagare_id
                                          AND k.anvandare_id = a.id AND k.till_datum IS NULL)
                          AND NOT (a.roll = 'koordinator' AND EXISTS (
                                  SELECT 1 FROM team_medlem m JOIN deltagare d ON d.team_id = m.team_id
                                  WHERE d.id = p.deltagare_id AND m.anvandare_id = a.id))
                        ORDER BY koordinator DESC NULLS LAST, org, namn""")
                .define("otid", Telefontid.sql("o")).define("atid", Telefontid.sql("a"))
                .define("ktid", Telefontid.sql("k"))
                // A named person of an organisation she has not consented to (or has withdrawn from) is not
                // hers to call about her case: that organisation no longer sees it. Her item then says whom to
                // call instead.
                .define("samtycke", DeltagarAtkomst.samtyckeTacker("p.deltagare_id", "pp.ansvarig_organisation_id"))
                .bind("d", deltagareId)
                .mapTo(KontaktRad.class)
                .list());
        Map<Long, List<KontaktRad>> perOrg = new LinkedHashMap<>();
        for (KontaktRad rad : rader) {
            perOrg.computeIfAbsent(rad.orgId(), k -> new ArrayList<>()).add(rad);
        }
        return perOrg.values().stream().map(list -> {
            KontaktRad first = list.get(0);
            return new Myndighet(first.org(), first.typ(), first.kanHjalpaMed(), first.orgTelefon(), first.orgTider(),
                    first.orgTelefontid(), first.webbplats(), list.stream().map(KontaktRad::kontakt).toList(), first.kanHjalpaMedEn(),
                    first.kanHjalpaMedAr(), first.orgEpost());
        }).toList();
    }

    /** Whom to call about an item whose owner cannot be reached: a name and a phone number or e-mail address. */
    public record RingIStallet(String namn, String telefon, String epost) {
    }

    /** One open item owned by an authority, with what is known of how to reach its owner. */
    public record AgdPunkt(long id, String organisation, String orgTelefon, String orgEpost, boolean person,
                           boolean personNabar) {
    }

    /**
     * For each of her open items whose owner she cannot reach directly (a named person with neither phone nor
     * e-mail, or who has left, or an authority with nobody and no number of its own on her Kontakter page), whom
     * to call instead: the authority's switchboard if it has one, otherwise her koordinator.
     */
    public Map<Long, RingIStallet> ringIStallet(long deltagareId, List<Myndighet> kontakter) {
        List<AgdPunkt> punkter = jdbi.withHandle(h -> h.createQuery("""
                        SELECT pp.id, o.namn AS organisation, o.telefon AS org_telefon, o.epost AS org_epost,
                               a.id IS NOT NULL AS person,
                               a.id IS NOT NULL AND a.aktiv = 1 AND <samtycke>
                                   AND (a.telefon IS NOT NULL OR a.epost IS NOT NULL
                                   OR EXISTS (SELECT 1 FROM kontaktperson k WHERE k.deltagare_id = p.deltagare_id
                                              AND k.anvandare_id = a.id AND k.till_datum IS NULL
                                              AND (k.telefon IS NOT NULL OR k.epost IS NOT NULL))) AS person_nabar
                        FROM planering p
                        JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                             AND pp.ansvarig_deltagaren = 0
                        JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                        LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d
                          AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')""")
                .define("samtycke", DeltagarAtkomst.samtyckeTacker("p.deltagare_id", "pp.ansvarig_organisation_id"))
                .bind("d", deltagareId)
                .mapTo(AgdPunkt.class)
                .list());
        Optional<Kontakt> koordinator = kontakter.stream().flatMap(m -> m.kontakter().stream())
                .filter(k -> k.koordinator() && (k.telefon() != null || k.epost() != null)).findFirst();
        Map<Long, RingIStallet> svar = new LinkedHashMap<>();
        for (AgdPunkt p : punkter) {
            if (p.personNabar()) {
                continue;
            }
            boolean nagonPaKortet = !p.person() && kontakter.stream()
                    .filter(m -> m.organisation().equals(p.organisation()))
                    .flatMap(m -> m.kontakter().stream()).anyMatch(k -> k.telefon() != null || k.epost() != null);
            if (nagonPaKortet) {
                continue;
            }
            if (p.orgTelefon() != null || p.orgEpost() != null) {
                svar.put(p.id(), new RingIStallet(p.organisation(), p.orgTelefon(), p.orgEpost()));
            } else {
                koordinator.ifPresent(k -> svar.put(p.id(), new RingIStallet(k.namn(), k.telefon(), k.epost())));
            }
        }
        return svar;
    }

    /** The team's koordinator, who organises the meeting: the calendar file's organizer. */
    public Optional<Kontakt> koordinator(long teamId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.namn, a.titel, a.telefon, a.epost, a.telefontider,
                               a.telefontid_dagar || '|' || a.telefontid_fran || '|' || a.telefontid_till AS telefontid,
                               1 AS koordinator FROM anvandare a
                        JOIN team_medlem m ON m.anvandare_id = a.id
                        WHERE m.team_id = :t AND a.roll = 'koordinator' AND a.aktiv = 1 ORDER BY a.id LIMIT 1""")
                .bind("t", teamId)
                .mapTo(Kontakt.class)
                .findOne());
    }

    /** The next meeting the participant is booked into, from today on. */
    public Optional<BokatMote> nastaMote(long deltagareId, LocalDate idag) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT md.tid, m.plats, md.syfte, md.ta_med, m.team_id, t.namn AS team, m.id AS mote_id,
                               md.id AS bokning_id, md.sekvens, md.flyttad_fran_tid, md.flyttad_fran_plats
                        FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id JOIN team t ON t.id = m.team_id
                        WHERE md.deltagare_id = :d AND m.status = 'planerat' AND md.tid >= :idag
                        ORDER BY md.tid LIMIT 1""")
                .bind("d", deltagareId).bind("idag", idag.toString())
                .mapTo(MoteRad.class)
                .findOne()
                .map(rad -> {
                    List<String> narvarande = se.finsam.planering.mote.MoteRepository.myndigheterITeam(h,
                            rad.teamId(), deltagareId);
                    return new BokatMote(rad.tid(), rad.plats(), rad.syfte(), rad.taMed(), narvarande, rad.team(),
                            rad.bokningId(), rad.sekvens(), rad.flyttadFranTid(), rad.flyttadFranPlats());
                }));
    }

    /**
     * She cannot come: her booking is removed, so its time is free for someone else, and every koordinator of her
     * team is told (an outbox row naming no one, only her code), in one transaction. The notice her own
     * cancellation would otherwise send her is not sent. False when the booking is not hers, the meeting is not
     * planned, or its time has passed.
     */
    public boolean kanInteKomma(long deltagareId, long bokningId, Instant nu, java.time.LocalDateTime nuLokalt) {
        return jdbi.inTransaction(h -> {
            Optional<Long> team = h.createQuery("""
                            SELECT d.team_id FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                            JOIN deltagare d ON d.id = md.deltagare_id
                            WHERE md.id = :b AND md.deltagare_id = :d AND m.status = 'planerat' AND md.tid > :nu""")
                    .bind("b", bokningId).bind("d", deltagareId).bind("nu", nuLokalt).mapTo(Long.class).findOne();
            if (team.isEmpty()) {
                return false;
            }
            h.createUpdate("DELETE FROM mote_deltagare WHERE id = :b").bind("b", bokningId).execute();
            h.createUpdate("DELETE FROM utskick WHERE nyckel = 'mote_installt:' || :b AND status = 'vantar'")
                    .bind("b", bokningId).execute();
            h.createUpdate("""
                            INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad)
                            SELECT 'kan_inte_komma:' || :b || ':' || a.id, 'kan_inte_komma', :t, :d, a.id, :nu, NULL
                            FROM anvandare a JOIN team_medlem tm ON tm.anvandare_id = a.id
                            WHERE tm.team_id = :t AND a.roll = 'koordinator' AND a.aktiv = 1
                            ON CONFLICT DO NOTHING""")
                    .bind("b", bokningId).bind("t", team.get()).bind("d", deltagareId).bind("nu", nu).execute();
            return true;
        });
    }

    public Optional<Avslut> avslut(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.datum, a.orsak, o.namn AS organisation, a.fortsattning_ansvarig AS ansvarig,
                               a.nasta_steg, a.ingen_fortsattning
                        FROM avslut a LEFT JOIN organisation o ON o.id = a.fortsattning_organisation_id
                        WHERE a.deltagare_id = :d""")
                .bind("d", deltagareId)
                .mapTo(Avslut.class)
                .findOne());
    }

    /** The team's own list of whom to turn to when nobody takes over, in the team's order. */
    public List<Hjalpkontakt> hjalpkontakter(long teamId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT namn, telefon, beskrivning FROM team_hjalpkontakt
                        WHERE team_id = :t ORDER BY ordning, id""")
                .bind("t", teamId)
                .mapTo(Hjalpkontakt.class)
                .list());
    }

    /** The newest note for her in the order of the events themselves, as her items' statuses are ordered. */
    public Optional<Notering> senasteNotering(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT datum, notering_deltagare AS text, nasta_steg FROM uppfoljning
                        WHERE deltagare_id = :d AND (notering_deltagare IS NOT NULL OR nasta_steg IS NOT NULL)
                        ORDER BY\s""" + UppfoljningRepository.senastForst("uppfoljning") + " LIMIT 1")
                .bind("d", deltagareId)
                .mapTo(Notering.class)
                .findOne());
    }

    /** The date of the meeting where the plan was made, and the follow-ups recorded since. */
    public List<Uppfoljningsschema.Tillfalle> schema(long deltagareId, String manader) {
        return jdbi.withHandle(h -> {
            Optional<LocalDate> motesdatum = h.createQuery("""
                            SELECT coalesce(m.start, p.overlamnad) FROM planering p LEFT JOIN mote m ON m.id = p.mote_id
                            WHERE p.deltagare_id = :d AND p.overlamnad IS NOT NULL""")
                    .bind("d", deltagareId).mapTo(String.class).findOne()
                    .map(s -> LocalDate.parse(s.substring(0, 10)));
            if (motesdatum.isEmpty()) {
                return List.of();
            }
            List<LocalDate> gjorda = h.createQuery("""
                            SELECT datum FROM uppfoljning WHERE deltagare_id = :d AND typ = 'uppfoljning'
                              AND korrigerar_id IS NULL""")
                    .bind("d", deltagareId).mapTo(String.class).list().stream().map(LocalDate::parse).toList();
            return Uppfoljningsschema.schema(motesdatum.get(), Uppfoljningsschema.offsets(manader), gjorda);
        });
    }

    /**
     * What others changed since the participant last confirmed reading (or everything, if never), newest
     * first: the plan once, each item once (dated by its newest change, shown with the status it has now, so
     * two events on one item never read as two contradicting lines), and each note written for her.
     */
    public List<Nyhet> nyheter(long deltagareId, long egenAnvandare, Instant sedan) {
        Instant fran = sedan == null ? Instant.EPOCH : sedan;
        return jdbi.withHandle(h -> {
            List<Nyhet> nyheter = new ArrayList<>();
            h.createQuery("""
                            SELECT andrad AS tid, 'plan' AS typ, NULL AS punkt, NULL AS status, NULL AS text
                            FROM planering WHERE deltagare_id = :d AND andrad > :s""")
                    .bind("d", deltagareId).bind("s", fran)
                    .mapTo(Nyhet.class)
                    .findOne().ifPresent(nyheter::add);
            // Received since she read (u.registrerad), dated and ordered by when it happened (u.ordningstid).
            nyheter.addAll(h.createQuery("""
                            SELECT max(u.ordningstid) AS tid, 'status' AS typ, pp.text AS punkt, s.status,
                                   CASE WHEN s.status = 'avslagen' THEN s.orsak END AS text
                            FROM uppfoljning u
                            JOIN uppfoljning_status us ON us.uppfoljning_id = u.id
                            JOIN planpunkt pp ON pp.id = us.planpunkt_id AND pp.borttagen IS NULL
                            JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                            WHERE u.deltagare_id = :d AND u.registrerad > :s AND u.registrerad_av <> :self
                            GROUP BY pp.id, pp.text, s.status, s.orsak
                            ORDER BY tid DESC, pp.id DESC LIMIT 20""")
                    .bind("d", deltagareId).bind("s", fran).bind("self", egenAnvandare)
                    .mapTo(Nyhet.class)
                    .list());
            nyheter.addAll(h.createQuery("""
                            SELECT ordningstid AS tid, 'notering' AS typ, NULL AS punkt, NULL AS status,
                                   notering_deltagare AS text
                            FROM uppfoljning
                            WHERE deltagare_id = :d AND registrerad > :s AND registrerad_av <> :self
                              AND notering_deltagare IS NOT NULL
                            ORDER BY\s""" + UppfoljningRepository.senastForst("uppfoljning") + " LIMIT 5")
                    .bind("d", deltagareId).bind("s", fran).bind("self", egenAnvandare)
                    .mapTo(Nyhet.class)
                    .list());
            nyheter.sort((a, b) -> b.tid().compareTo(a.tid()));
            return nyheter;
        });
    }

    public void bekraftaLast(long deltagareId, Instant nu) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO lasbekraftelse (deltagare_id, planering_version, last)
                        SELECT :d, coalesce((SELECT version FROM planering WHERE deltagare_id = :d), 0), :n""")
                .bind("d", deltagareId).bind("n", nu).execute());
    }

    /**
     * Marks one of the participant's own steps as done, as a status event like any other.
     * Returns false when the item is not the participant's own step in their own plan.
     */
    public boolean markeraEgetStegKlart(long deltagareId, long planpunktId, long anvandareId, LocalDate idag,
                                        Instant nu) {
        return jdbi.inTransaction(h -> {
            boolean egen = h.createQuery("""
                            SELECT count(*) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                            WHERE pp.id = :pp AND p.deltagare_id = :d AND pp.ansvarig_deltagaren = 1
                              AND pp.borttagen IS NULL""")
                    .bind("pp", planpunktId).bind("d", deltagareId).mapTo(Integer.class).one() == 1;
            if (!egen) {
                return false;
            }
            long id = h.createUpdate("""
                            INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av)
                            VALUES (:uuid, :d, 'statusandring', :datum, :nu, :a)""")
                    .bind("uuid", UUID.randomUUID().toString()).bind("d", deltagareId).bind("datum", idag)
                    .bind("nu", nu).bind("a", anvandareId)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO uppfoljning_status (uppfoljning_id, planpunkt_id, status)
                            VALUES (:u, :pp, 'genomford')""")
                    .bind("u", id).bind("pp", planpunktId).execute();
            return true;
        });
    }

    /**
     * Who among the staff has looked at the participant's data, newest first; and each message the server sent
     * her (that it was sent and on which channel, never its text), under the product's name.
     */
    public List<Tittat> vemHarTittat(long deltagareId, long egenAnvandare, int limit) {
        se.finsam.planering.audit.Handelselogg.skrivKlart(jdbi);
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT l.tid, coalesce(a.namn, 'FINSAM Planering') AS namn, o.namn AS organisation, l.vad,
                               l.handling FROM audit_log l
                        LEFT JOIN anvandare a ON a.id = l.anvandare_id
                        LEFT JOIN organisation o ON o.id = a.organisation_id
                        WHERE l.deltagare_id = :d AND l.handling IN ('las', 'andra')
                          AND (l.anvandare_id <> :self
                               OR (l.anvandare_id IS NULL AND l.vad IN ('skickade e-post till dig',
                                   'skickade sms till dig', 'skickade en notis till dig')))
                        ORDER BY l.id DESC LIMIT :n""")
                .bind("d", deltagareId).bind("self", egenAnvandare).bind("n", limit)
                .mapTo(Tittat.class)
                .list());
    }
}
