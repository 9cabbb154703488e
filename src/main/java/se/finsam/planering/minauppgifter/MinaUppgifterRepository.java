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
import se.finsam.planering.kontakt.Telefontid;

/**
 * Everything stored about one participant that is hers to see, for "Ladda ner mina uppgifter". The rule is the
 * same as on her plan page: what was written for her is included, internal notes (the case summary, the team's
 * discussion, internal follow-up notes) are not. Each part is read with the participant's id only, so nothing
 * of another person can appear.
 */
public final class MinaUppgifterRepository {

    public record Personuppgifter(String kod, String fornamn, String efternamn, String personnummer, int fodelsear,
                                  String kon, String telefon, String epost, String sprak, boolean tolkbehov,
                                  String tolksprak, boolean skyddadIdentitet, String team, LocalDate anmald,
                                  String fas) {
    }

    /**
     * What was recorded when she was referred and enrolled: who referred her, her support then, earlier
     * efforts, education, time on support, what she did before, whether she had a job at the start, and the
     * day of her first team meeting. Codes as stored (the page writes them out in her language).
     */
    public record Inskrivning(LocalDate anmald, String anmaldAv, String anmaldAvOrganisation,
                              String forsorjningVidAnmalan, String tidigareInsatser, boolean informeradOmMote,
                              String utbildning, String tidForsorjning, String sysselsattningFore,
                              String anstallningVidStart, LocalDate forstaMote) {
    }

    public record Plan(String mal, int version, Instant skapad, Instant andrad, String andradAv,
                       Instant overlamnad) {
    }

    /**
     * One status change of a plan item: the day it happened, when it was recorded (the time of the device it
     * was recorded on, kept within bounds), who recorded it, the new status, a reason when there is one, and
     * whether it corrected an earlier record.
     */
    public record Handelse(LocalDate datum, Instant tid, String av, String avOrganisation, String status,
                           String orsak, boolean rattelse) {
    }

    public record Punkt(long id, int ordning, String text, String typ, String ansvarig, String ansvarigNamn,
                        LocalDate klartSenast, Instant skapad, boolean borttagen, List<Handelse> historik) {
        /** The status now: the last of the history, or not started when nothing has been recorded. */
        public String status() {
            return historik.isEmpty() ? "ej_paborjad" : historik.get(historik.size() - 1).status();
        }
    }

    public record PunktRad(long id, int ordning, String text, String typ, String ansvarig, String ansvarigNamn,
                           LocalDate klartSenast, Instant skapad, boolean borttagen) {
    }

    public record HandelseRad(long planpunktId, LocalDate datum, Instant tid, String av, String avOrganisation,
                              String status, String orsak, boolean rattelse) {
    }

    /**
     * A follow-up: the day, when and by whom it was recorded, her försörjning and sysselsättning as recorded
     * then (null when not recorded that time), the note meant for her and what happens next.
     */
    public record Uppfoljning(LocalDate datum, Instant tid, String av, String avOrganisation, String forsorjning,
                              String sysselsattning, String stegMotArbete, String notering, String nastaSteg,
                              boolean rattelse) {
    }

    /** A check 6 or 12 months after the end; {@code ersatt} when a later correction replaced it. */
    public record Efterkontroll(int manader, LocalDate datum, boolean nadd, String forsorjning,
                                String sysselsattning, Instant registrerad, String registreradAv, boolean ersatt) {
    }

    /** "Jag har läst": the version of the plan she confirmed reading, and when. */
    public record Lasbekraftelse(int planversion, Instant last) {
    }

    /** Her login: never a PIN, password or key, only what describes the account. */
    public record Konto(String anvandarnamn, String sprak, boolean pinAvstangd, boolean aktiv, Instant skapad) {
    }

    /** A passkey of hers: the name she gave it and its dates (the key material is never given out). */
    public record Nyckel(String namn, Instant skapad, Instant senastAnvand) {
    }

    /** Something that happened to her account or that she did with it: logins, refused logins, changes. */
    public record Kontohandelse(Instant tid, String handling, String vad, int antal) {
        private static final String NYCKEL_NY = "nyckel registrerad: ";

        /**
         * What happened, as the last part of a text key under {@code minauppgifter.konto.}: the log's own words
         * are Swedish and for staff, so her page says it in her language instead.
         */
        public String kod() {
            String v = vad == null ? "" : vad;
            if (v.startsWith(NYCKEL_NY)) {
                return "nyckel_ny";
            } else if (v.startsWith("nyckel borttagen")) {
                return "nyckel_bort";
            } else if (v.startsWith("PIN-inloggning avstängd")) {
                return "inloggning_misslyckad".equals(handling) ? "pin_av_nekad" : "pin_av";
            } else if (v.startsWith("PIN-inloggning påslagen")) {
                return "pin_pa";
            } else if (v.startsWith("ny PIN-kod vald")) {
                return "pin_ny";
            } else if (v.startsWith("utloggad överallt")) {
                return "utloggad_overallt";
            } else if (v.startsWith("bekräftade att planen är läst")) {
                return "last";
            } else if (v.startsWith("återkallade samtycke")) {
                return "samtycke";
            } else if (v.startsWith("begärde rättelse")) {
                return "rattelse";
            }
            return switch (handling) {
                case "inloggning", "inloggning_misslyckad", "inloggning_sparrad", "utloggning", "aktivering",
                     "nekad" -> handling;
                default -> "andra";
            };
        }

        /** The name she gave a passkey she added, when this is that event. */
        public String nyckelnamn() {
            return vad != null && vad.startsWith(NYCKEL_NY) ? vad.substring(NYCKEL_NY.length()) : null;
        }
    }

    public record Kontakt(String organisation, String namn, String titel, String telefon, String epost,
                          String telefontider, Telefontid telefontid, boolean ordinarieHandlaggare,
                          LocalDate fran, LocalDate till) {
    }

    public record Mote(String tid, String plats, String syfte, String taMed, String status,
                       String flyttadFranTid, String flyttadFranPlats, Instant kallelseSkapad) {
    }

    public record Avslut(LocalDate datum, String orsak, String forsorjning, String sysselsattning,
                         String stegMotArbete, String fortsattningOrganisation, String fortsattningAnsvarig,
                         String nastaSteg, boolean ingenFortsattning, Instant registrerad, String registreradAv) {
    }

    /** One look at or change of her data by someone else. */
    /** {@code antal}: identical reads in the same second are one row that says how many they were. */
    public record Logg(Instant tid, String namn, String organisation, String handling, String vad, int antal) {
    }

    /**
     * How messages reach her, as she chose on her message page: each channel on or off, whether a message may carry
     * her meeting's time and place, and when she answered STOPP to an SMS (null: she has not).
     */
    public record Meddelandeval(boolean sms, boolean epost, boolean push, boolean detaljer, String smsStoppad) {
    }

    /** A browser she turned notifications on in: when, and the latest notification sent to it (never its keys). */
    public record Notis(Instant skapad, Instant senastSkickat) {
    }

    /** A message to her: its kind, channel, when it was made and sent, and how it went (never its text). */
    public record Meddelande(String typ, String kanal, Instant skapad, Instant skickat, String status) {
    }

    public record Allt(Instant hamtad, Personuppgifter person, Inskrivning inskrivning, Plan plan,
                       List<Punkt> punkter, List<Lasbekraftelse> lasbekraftelser, List<Uppfoljning> uppfoljningar,
                       List<Kontakt> kontakter, List<Mote> moten, Avslut avslut, List<Efterkontroll> efterkontroller,
                       List<SamtyckeRepository.Samtycke> samtycken, List<SamtyckeRepository.Rattelse> rattelser,
                       Konto konto, List<Nyckel> nycklar, List<Kontohandelse> kontohandelser,
                       List<Logg> atkomstlogg, Meddelandeval meddelandeval, List<Notis> notiser,
                       List<Meddelande> meddelanden) {
    }

    private final Jdbi jdbi;
    private final SamtyckeRepository samtycke;
    private final java.time.Clock clock;

    public MinaUppgifterRepository(Jdbi jdbi, SamtyckeRepository samtycke, java.time.Clock clock) {
        this.jdbi = jdbi;
        this.samtycke = samtycke;
        this.clock = clock;
        for (Class<?> rad : List.of(Personuppgifter.class, Plan.class, PunktRad.class, HandelseRad.class,
                Uppfoljning.class, Kontakt.class, Mote.class, Avslut.class, Logg.class, Inskrivning.class,
                Efterkontroll.class, Lasbekraftelse.class, Konto.class, Nyckel.class, Kontohandelse.class,
                Meddelandeval.class, Notis.class, Meddelande.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
        jdbi.registerColumnMapper(Telefontid.class, (rs, kolumn, ctx) -> Telefontid.avKod(rs.getString(kolumn)));
    }

    public Personuppgifter personuppgifter(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.kod, d.fornamn, d.efternamn, d.personnummer, d.fodelsear, d.kon, d.telefon, d.epost,
                               d.sprak, d.tolkbehov, d.tolksprak, d.skyddad_identitet, t.namn AS team,
                               a.datum AS anmald, (SELECT f.fas FROM deltagare_fas f WHERE f.deltagare_id = d.id) AS fas
                        FROM deltagare d JOIN team t ON t.id = d.team_id
                        LEFT JOIN anmalan a ON a.deltagare_id = d.id
                        WHERE d.id = :d""")
                .bind("d", deltagareId).mapTo(Personuppgifter.class).one());
    }

    /** Everything, read in one transaction so the parts agree with each other. */
    public Allt allt(long deltagareId, long egenAnvandare) {
        se.finsam.planering.audit.Handelselogg.skrivKlart(jdbi);
        return jdbi.inTransaction(h -> {
            Inskrivning inskrivning = h.createQuery("""
                            SELECT a.datum AS anmald, r.namn AS anmald_av, o.namn AS anmald_av_organisation,
                                   a.forsorjning AS forsorjning_vid_anmalan, a.tidigare_insatser,
                                   a.informerad_om_mote, a.utbildning,
                                   a.tid_forsorjning, a.sysselsattning AS sysselsattning_fore,
                                   a.anstallning_vid_start,
                                   (SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md
                                    JOIN mote m ON m.id = md.mote_id
                                    WHERE md.deltagare_id = a.deltagare_id AND m.status <> 'installt') AS forsta_mote
                            FROM anmalan a JOIN anvandare r ON r.id = a.remitterande_id
                            JOIN organisation o ON o.id = a.remitterande_organisation_id
                            WHERE a.deltagare_id = :d""")
                    .bind("d", deltagareId).mapTo(Inskrivning.class).findOne().orElse(null);
            Plan plan = h.createQuery("""
                            SELECT p.mal, p.version, p.skapad, p.andrad, a.namn AS andrad_av, p.overlamnad
                            FROM planering p JOIN anvandare a ON a.id = p.andrad_av WHERE p.deltagare_id = :d""")
                    .bind("d", deltagareId).mapTo(Plan.class).findOne().orElse(null);
            Map<Long, List<Handelse>> historik = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT us.planpunkt_id, u.datum, u.ordningstid AS tid, a.namn AS av,
                                   o.namn AS av_organisation, us.status, us.orsak,
                                   u.korrigerar_id IS NOT NULL AS rattelse
                            FROM uppfoljning u JOIN uppfoljning_status us ON us.uppfoljning_id = u.id
                            JOIN anvandare a ON a.id = u.registrerad_av
                            LEFT JOIN organisation o ON o.id = a.organisation_id
                            WHERE u.deltagare_id = :d
                            ORDER BY u.ordningstid, u.registrerad, u.id""")
                    .bind("d", deltagareId).mapTo(HandelseRad.class)
                    .forEach(r -> historik.computeIfAbsent(r.planpunktId(), k -> new ArrayList<>())
                            .add(new Handelse(r.datum(), r.tid(), r.av(), r.avOrganisation(), r.status(), r.orsak(),
                                    r.rattelse())));
            List<Punkt> punkter = h.createQuery("""
                            SELECT pp.id, pp.ordning, pp.text, pp.typ,
                                   CASE WHEN pp.ansvarig_deltagaren = 1 THEN NULL ELSE o.namn END AS ansvarig,
                                   an.namn AS ansvarig_namn, pp.klart_senast, pp.skapad,
                                   pp.borttagen IS NOT NULL AS borttagen
                            FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                            LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                            LEFT JOIN anvandare an ON an.id = pp.ansvarig_anvandare_id
                            WHERE p.deltagare_id = :d ORDER BY pp.borttagen IS NOT NULL, pp.ordning, pp.id""")
                    .bind("d", deltagareId).mapTo(PunktRad.class).list().stream()
                    .map(r -> new Punkt(r.id(), r.ordning(), r.text(), r.typ(), r.ansvarig(), r.ansvarigNamn(),
                            r.klartSenast(), r.skapad(), r.borttagen(), historik.getOrDefault(r.id(), List.of())))
                    .toList();
            List<Lasbekraftelse> lasbekraftelser = h.createQuery("""
                            SELECT planering_version AS planversion, last FROM lasbekraftelse
                            WHERE deltagare_id = :d ORDER BY last DESC, id DESC""")
                    .bind("d", deltagareId).mapTo(Lasbekraftelse.class).list();
            List<Uppfoljning> uppfoljningar = h.createQuery("""
                            SELECT u.datum, u.ordningstid AS tid, a.namn AS av, o.namn AS av_organisation,
                                   u.forsorjning, u.sysselsattning, u.steg_mot_arbete, u.notering_deltagare AS notering,
                                   u.nasta_steg, u.korrigerar_id IS NOT NULL AS rattelse
                            FROM uppfoljning u JOIN anvandare a ON a.id = u.registrerad_av
                            LEFT JOIN organisation o ON o.id = a.organisation_id
                            WHERE u.deltagare_id = :d
                              AND (u.typ = 'uppfoljning' OR u.notering_deltagare IS NOT NULL
                                   OR u.nasta_steg IS NOT NULL OR u.forsorjning IS NOT NULL
                                   OR u.sysselsattning IS NOT NULL OR u.steg_mot_arbete IS NOT NULL)
                            ORDER BY u.ordningstid DESC, u.registrerad DESC, u.id DESC""")
                    .bind("d", deltagareId).mapTo(Uppfoljning.class).list();
            List<Kontakt> kontakter = h.createQuery("""
                            SELECT o.namn AS organisation, coalesce(a.namn, k.namn) AS namn,
                                   coalesce(a.titel, k.titel) AS titel, coalesce(k.telefon, a.telefon) AS telefon,
                                   coalesce(k.epost, a.epost) AS epost,
                                   coalesce(k.telefontider, a.telefontider) AS telefontider,
                                   coalesce(""" + Telefontid.sql("k") + ", " + Telefontid.sql("a") + """
                                   ) AS telefontid, k.ordinarie_handlaggare, k.fran_datum AS fran, k.till_datum AS till
                            FROM kontaktperson k JOIN organisation o ON o.id = k.organisation_id
                            LEFT JOIN anvandare a ON a.id = k.anvandare_id
                            WHERE k.deltagare_id = :d ORDER BY k.till_datum IS NOT NULL, o.namn, k.fran_datum DESC""")
                    .bind("d", deltagareId).mapTo(Kontakt.class).list();
            List<Mote> moten = h.createQuery("""
                            SELECT md.tid, m.plats, md.syfte, md.ta_med, m.status, md.flyttad_fran_tid,
                                   md.flyttad_fran_plats, md.kallelse_skapad
                            FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                            WHERE md.deltagare_id = :d ORDER BY md.tid DESC""")
                    .bind("d", deltagareId).mapTo(Mote.class).list();
            Avslut avslut = h.createQuery("""
                            SELECT av.datum, av.orsak, av.forsorjning, av.sysselsattning, av.steg_mot_arbete,
                                   o.namn AS fortsattning_organisation, av.fortsattning_ansvarig, av.nasta_steg,
                                   av.ingen_fortsattning, av.registrerad, a.namn AS registrerad_av
                            FROM avslut av JOIN anvandare a ON a.id = av.registrerad_av
                            LEFT JOIN organisation o ON o.id = av.fortsattning_organisation_id
                            WHERE av.deltagare_id = :d""")
                    .bind("d", deltagareId).mapTo(Avslut.class).findOne().orElse(null);
            List<Efterkontroll> efterkontroller = h.createQuery("""
                            SELECT e.manader, e.datum, e.nadd, e.forsorjning, e.sysselsattning, e.registrerad,
                                   a.namn AS registrerad_av,
                                   EXISTS (SELECT 1 FROM efterkontroll n WHERE n.ersatter_id = e.id) AS ersatt
                            FROM efterkontroll e JOIN anvandare a ON a.id = e.registrerad_av
                            WHERE e.deltagare_id = :d ORDER BY e.manader, e.id""")
                    .bind("d", deltagareId).mapTo(Efterkontroll.class).list();
            Konto konto = h.createQuery("""
                            SELECT a.anvandarnamn, a.sprak, a.pin_avstangd, a.aktiv, a.skapad
                            FROM deltagare d JOIN anvandare a ON a.id = d.anvandare_id WHERE d.id = :d""")
                    .bind("d", deltagareId).mapTo(Konto.class).findOne().orElse(null);
            List<Nyckel> nycklar = h.createQuery("""
                            SELECT n.namn, n.skapad, n.senast_anvand FROM nyckel n
                            JOIN deltagare d ON d.anvandare_id = n.anvandare_id
                            WHERE d.id = :d ORDER BY n.skapad, n.id""")
                    .bind("d", deltagareId).mapTo(Nyckel.class).list();
            // Her own account's events, and refused PIN logins to her user name while PIN login is off (those
            // are written before any account is chosen, so they name the user name typed). Her own reads of
            // her pages are left out: they are her looking, not something that happened to her data.
            // The refused login's text is matched as a bound value: on PostgreSQL the user name's case-blind
            // collation cannot be compared with the log's byte-for-byte one.
            String anvandarnamn = h.createQuery("""
                            SELECT a.anvandarnamn FROM deltagare d JOIN anvandare a ON a.id = d.anvandare_id
                            WHERE d.id = :d""")
                    .bind("d", deltagareId).mapTo(String.class).findOne().orElse(null);
            List<Kontohandelse> kontohandelser = h.createQuery("""
                            SELECT l.tid, l.handling, l.vad, l.antal FROM audit_log l
                            JOIN deltagare d ON d.id = :d JOIN anvandare a ON a.id = d.anvandare_id
                            WHERE (l.anvandare_id = a.id AND l.handling <> 'las')
                               OR (l.anvandare_id IS NULL AND lower(l.vad) = :nekad)
                            ORDER BY l.id DESC""")
                    .bind("d", deltagareId)
                    .bind("nekad", anvandarnamn == null ? null
                            : ("PIN-inloggning avstängd, deltagare: " + anvandarnamn).toLowerCase(java.util.Locale.ROOT))
                    .mapTo(Kontohandelse.class).list();
            List<Logg> logg = h.createQuery("""
                            SELECT l.tid, a.namn, o.namn AS organisation, l.handling, l.vad, l.antal FROM audit_log l
                            JOIN anvandare a ON a.id = l.anvandare_id
                            LEFT JOIN organisation o ON o.id = a.organisation_id
                            WHERE l.deltagare_id = :d AND l.handling IN ('las', 'andra', 'nekad')
                              AND l.anvandare_id <> :self
                            ORDER BY l.id DESC""")
                    .bind("d", deltagareId).bind("self", egenAnvandare).mapTo(Logg.class).list();
            Meddelandeval meddelandeval = h.createQuery("""
                            SELECT v.sms, v.epost, v.push, v.detaljer,
                                   coalesce((SELECT s.stoppad FROM utskick_sms_stopp s WHERE s.deltagare_id = d.id),
                                            v.sms_stoppad) AS sms_stoppad
                            FROM deltagare d JOIN utskick_val v ON v.anvandare_id = d.anvandare_id WHERE d.id = :d""")
                    .bind("d", deltagareId).mapTo(Meddelandeval.class).findOne().orElse(null);
            List<Notis> notiser = h.createQuery("""
                            SELECT p.skapad, p.senast_skickat FROM push_prenumeration p
                            JOIN deltagare d ON d.anvandare_id = p.anvandare_id WHERE d.id = :d ORDER BY p.id""")
                    .bind("d", deltagareId).mapTo(Notis.class).list();
            List<Meddelande> meddelanden = h.createQuery("""
                            SELECT typ, kanal, skapad, skickat, status FROM utskick
                            WHERE deltagare_id = :d AND anvandare_id IS NULL ORDER BY id DESC""")
                    .bind("d", deltagareId).mapTo(Meddelande.class).list();
            return new Allt(clock.instant(), personuppgifter(deltagareId), inskrivning, plan, punkter,
                    lasbekraftelser, uppfoljningar, kontakter, moten, avslut, efterkontroller,
                    samtycke.historik(deltagareId), samtycke.rattelser(deltagareId), konto, nycklar, kontohandelser,
                    logg, meddelandeval, notiser, meddelanden);
        });
    }
}
