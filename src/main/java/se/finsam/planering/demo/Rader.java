package se.finsam.planering.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The rows the demo data writes, one record per table. {@link Radskrivare} derives the table name
 * from the record's name and the column names from its components ({@code kanHjalpaMed} is the
 * column {@code kan_hjalpa_med}), so a column the demo fills is named here and nowhere else.
 * Columns left out get the database's default.
 */
final class Rader {

    private Rader() {
    }

    record Organisation(long id, String kod, String typ, String namn, String kanHjalpaMed, String telefon,
                        String telefontider, String webbplats) {
    }

    record Team(long id, String namn, String motesplats, int motesveckodag, String motestid,
                int motesintervallVeckor, String uppfoljningManader, int kvittensArbetsdagar, int fastnatVeckor) {
    }

    record TeamHjalpkontakt(long teamId, int ordning, String namn, String telefon, String beskrivning) {
    }

    record Anvandare(long id, String anvandarnamn, String namn, String roll, Long organisationId, String titel,
                     String telefon, String epost, String telefontider, String losenordHash, String pinHash,
                     String sprak, boolean aktiv, Instant skapad) {
    }

    record TeamMedlem(long teamId, long anvandareId) {
    }

    record Mote(long id, long teamId, LocalDateTime start, LocalDateTime slut, String plats, String status) {
    }

    record MoteNarvaro(long moteId, long anvandareId, long organisationId, boolean ersattare) {
    }

    record Deltagare(long id, String kod, long teamId, Long anvandareId, String fornamn, String efternamn,
                     String personnummer, int fodelsear, String kon, String telefon, String epost, String sprak,
                     boolean tolkbehov, String tolksprak, boolean skyddadIdentitet, Instant skapad) {
    }

    record Samtycke(long id, long deltagareId, long organisationId, LocalDate givetDatum, String hur,
                    LocalDate aterkallatDatum, long registreradAv) {
    }

    record Anmalan(long id, long deltagareId, long remitterandeId, long remitterandeOrganisationId, LocalDate datum,
                   String sammanfattning, String tidigareInsatser, String forsorjning, boolean informeradOmMote,
                   Instant skapad, String utbildning, String tidForsorjning, String sysselsattning,
                   String anstallningVidStart) {
    }

    record Kontaktperson(long id, long deltagareId, long organisationId, Long anvandareId, String namn,
                         String titel, String telefon, String epost, String telefontider,
                         boolean ordinarieHandlaggare, LocalDate franDatum, LocalDate tillDatum) {
    }

    record MoteDeltagare(long id, long moteId, long deltagareId, LocalDateTime tid, String taMed,
                         Instant kallelseSkapad, Instant kallelseUtskriven, Instant kallelseSkickad,
                         Instant tolkBokad) {
    }

    record Planering(long id, long deltagareId, long moteId, String mal, String teamanteckning, int version,
                     Instant skapad, Instant andrad, long andradAv, Instant overlamnad) {
    }

    record Planpunkt(long id, long planeringId, int ordning, String text, String typ, boolean ansvarigDeltagaren,
                     Long ansvarigOrganisationId, Long ansvarigAnvandareId, LocalDate klartSenast, Instant skapad,
                     Instant borttagen) {
    }

    record Overlamning(long id, long planpunktId, long tillId, Instant skapad, Instant kvitterad, Instant avvisad,
                       String avvisadOrsak) {
    }

    record Uppfoljning(long id, String uuid, long deltagareId, String typ, LocalDate datum, Instant registrerad,
                       long registreradAv, String forsorjning, String sysselsattning, String noteringDeltagare,
                       String noteringIntern, String nastaSteg, boolean eskalera, Long korrigerarId) {
    }

    record UppfoljningStatus(long uppfoljningId, long planpunktId, String status, String orsak) {
    }

    record Avslut(long id, long deltagareId, LocalDate datum, String orsak, String forsorjning,
                  Long fortsattningOrganisationId, String fortsattningAnsvarig, String nastaSteg,
                  boolean ingenFortsattning, Instant registrerad, long registreradAv, String sysselsattning,
                  String stegMotArbete) {
    }

    record Efterkontroll(long id, long deltagareId, int manader, boolean nadd, String forsorjning,
                         String sysselsattning, LocalDate datum, long registreradAv, Instant registrerad) {
    }

    record Lasbekraftelse(long id, long deltagareId, int planeringVersion, Instant last) {
    }

    record Aktiveringskod(long id, long anvandareId, String kodHash, Instant skapad, Instant giltigTill,
                          Instant anvand, long skapadAv) {
    }

    record AuditLog(long id, Instant tid, long anvandareId, String handling, long deltagareId, String vad,
                    String adress) {
    }
}
