package se.finsam.planering.minauppgifter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * "Ladda ner mina uppgifter" holds everything stored about her that is not internal. Every column of every table
 * that holds her data is classified, as given out (where in the JSON, and which value the database holds for her)
 * or internal (and why); a column added without a decision fails here. And everything staff see of her on their
 * pages (her overview, the follow-up page, the inskrivning), except what is marked internal, is on her page.
 */
class MinaUppgifterFullstandigHttpTest extends AppTest {

    private static final String PIN = "750314";
    private static final String NYCKELNAMN = "Min telefon";
    private static final String NYCKEL_PUBLIK = "pQECAyYgASFYIHEMLIGNYCKELDATA";
    private static final String NYCKEL_ID = "Y3JlZGVudGlhbC1pZC1mb3ItdGVzdA";
    private static final Properties SV = new Properties();

    /** In follow-up (her plan's items have a history), and ended (with a check after the end). */
    private static long iUppfoljning;
    private static long avslutad;
    private static final Map<Long, JsonNode> JSON = new LinkedHashMap<>();
    private static final Map<Long, Document> SIDA = new LinkedHashMap<>();
    private static final Map<Long, Long> ANVANDARE = new LinkedHashMap<>();

    /** A column given out: where the JSON has it, and a query for the values the database holds for her. */
    private record Ut(String json, String sql) {
    }

    private static Ut ut(String json, String sql) {
        return new Ut(json, sql);
    }

    /** A column given out as another field says it (no value of its own to compare). */
    private static Ut som(String json) {
        return new Ut(json, null);
    }

    /** An internal column: the reason is the documentation. */
    private static Object intern(String varfor) {
        return varfor;
    }

    /** Queries take :d (the participant) and :a (her login). */
    private static final Map<String, Map<String, Object>> KOLUMNER = new LinkedHashMap<>();

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", intern("row id"));
        d.put("kod", ut("person.kod", "SELECT kod FROM deltagare WHERE id = :d"));
        d.put("team_id", ut("person.team", "SELECT t.namn FROM deltagare x JOIN team t ON t.id = x.team_id WHERE x.id = :d"));
        d.put("anvandare_id", ut("konto.anvandarnamn", "SELECT anvandarnamn FROM anvandare WHERE id = :a"));
        d.put("fornamn", ut("person.fornamn", "SELECT fornamn FROM deltagare WHERE id = :d"));
        d.put("efternamn", ut("person.efternamn", "SELECT efternamn FROM deltagare WHERE id = :d"));
        d.put("personnummer", ut("person.personnummer", "SELECT personnummer FROM deltagare WHERE id = :d"));
        d.put("fodelsear", ut("person.fodelsear", "SELECT fodelsear FROM deltagare WHERE id = :d"));
        d.put("kon", ut("person.kon", "SELECT kon FROM deltagare WHERE id = :d"));
        d.put("telefon", ut("person.telefon", "SELECT telefon FROM deltagare WHERE id = :d"));
        d.put("epost", ut("person.epost", "SELECT epost FROM deltagare WHERE id = :d"));
        d.put("sprak", ut("person.sprak", "SELECT sprak FROM deltagare WHERE id = :d"));
        d.put("tolkbehov", ut("person.tolkbehov", "SELECT tolkbehov FROM deltagare WHERE id = :d"));
        d.put("tolksprak", ut("person.tolksprak", "SELECT tolksprak FROM deltagare WHERE id = :d"));
        d.put("skyddad_identitet", ut("person.skyddadIdentitet", "SELECT skyddad_identitet FROM deltagare WHERE id = :d"));
        d.put("skapad", intern("when the row was written; the day she was referred is person.anmald"));
        d.put("tidigare_deltagare_id", intern("link to the record of an earlier referral, a record of its own"));
        d.put("gallrad", intern("set only when her personal data has been removed"));
        d.put("cellnyckel", intern("a random number for the statistics' disclosure control; says nothing about her"));
        d.put("forsta_kvittens", intern("a copy kept for the statistics of the first time staff acknowledged a "
                + "hand-over of one of her items; the hand-overs themselves are internal (overlamning)"));
        d.put("statistik_fran", intern("a copy kept for the statistics of the day she was referred, which the "
                + "download gives as person.anmald"));
        d.put("statistik_till", intern("a copy kept for the statistics of the day of her avslut, which the download "
                + "gives with the avslut"));
        d.put("forsta_mote", intern("a copy kept for the statistics of the day of her first meeting, which the "
                + "download gives with her meetings"));
        d.put("senaste_steg", intern("a copy kept for the statistics of the step towards work of her latest "
                + "follow-up, which the download gives with her follow-ups"));
        d.put("senaste_steg_datum", intern("the date of that follow-up, also with her follow-ups"));
        KOLUMNER.put("deltagare", d);

        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", intern("row id"));
        a.put("deltagare_id", intern("key to her"));
        a.put("remitterande_id", ut("inskrivning.anmaldAv", "SELECT u.namn FROM anmalan x JOIN anvandare u ON u.id = x.remitterande_id WHERE x.deltagare_id = :d"));
        a.put("remitterande_organisation_id", ut("inskrivning.anmaldAvOrganisation", "SELECT o.namn FROM anmalan x JOIN organisation o ON o.id = x.remitterande_organisation_id WHERE x.deltagare_id = :d"));
        a.put("datum", ut("inskrivning.anmald", "SELECT datum FROM anmalan WHERE deltagare_id = :d"));
        a.put("sammanfattning", intern("the case summary, written for the team"));
        a.put("tidigare_insatser", ut("inskrivning.tidigareInsatser", "SELECT tidigare_insatser FROM anmalan WHERE deltagare_id = :d"));
        a.put("forsorjning", ut("inskrivning.forsorjningVidAnmalan", "SELECT forsorjning FROM anmalan WHERE deltagare_id = :d"));
        a.put("informerad_om_mote", ut("inskrivning.informeradOmMote", "SELECT informerad_om_mote FROM anmalan WHERE deltagare_id = :d"));
        a.put("skapad", intern("when the row was written; the referral's day is inskrivning.anmald"));
        a.put("utbildning", ut("inskrivning.utbildning", "SELECT utbildning FROM anmalan WHERE deltagare_id = :d"));
        a.put("tid_forsorjning", ut("inskrivning.tidForsorjning", "SELECT tid_forsorjning FROM anmalan WHERE deltagare_id = :d"));
        a.put("sysselsattning", ut("inskrivning.sysselsattningFore", "SELECT sysselsattning FROM anmalan WHERE deltagare_id = :d"));
        a.put("anstallning_vid_start", ut("inskrivning.anstallningVidStart", "SELECT anstallning_vid_start FROM anmalan WHERE deltagare_id = :d"));
        KOLUMNER.put("anmalan", a);

        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", intern("row id"));
        p.put("deltagare_id", intern("key to her"));
        p.put("mote_id", intern("link to the meeting; her meetings are under moten"));
        p.put("mal", ut("plan.mal", "SELECT mal FROM planering WHERE deltagare_id = :d"));
        p.put("teamanteckning", intern("the team's discussion"));
        p.put("version", ut("plan.version", "SELECT version FROM planering WHERE deltagare_id = :d"));
        p.put("skapad", ut("plan.skapad", "SELECT skapad FROM planering WHERE deltagare_id = :d"));
        p.put("andrad", ut("plan.andrad", "SELECT andrad FROM planering WHERE deltagare_id = :d"));
        p.put("andrad_av", ut("plan.andradAv", "SELECT u.namn FROM planering x JOIN anvandare u ON u.id = x.andrad_av WHERE x.deltagare_id = :d"));
        p.put("overlamnad", ut("plan.overlamnad", "SELECT overlamnad FROM planering WHERE deltagare_id = :d"));
        KOLUMNER.put("planering", p);

        String punkter = " FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id WHERE p.deltagare_id = :d";
        Map<String, Object> pp = new LinkedHashMap<>();
        pp.put("id", ut("punkter[].id", "SELECT pp.id" + punkter));
        pp.put("planering_id", intern("key to her plan"));
        pp.put("ordning", ut("punkter[].ordning", "SELECT pp.ordning" + punkter));
        pp.put("text", ut("punkter[].text", "SELECT pp.text" + punkter));
        pp.put("typ", ut("punkter[].typ", "SELECT pp.typ" + punkter));
        pp.put("ansvarig_deltagaren", som("punkter[].ansvarig (null: she is responsible herself)"));
        pp.put("ansvarig_organisation_id", ut("punkter[].ansvarig", "SELECT o.namn FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id JOIN organisation o ON o.id = pp.ansvarig_organisation_id WHERE p.deltagare_id = :d AND pp.ansvarig_deltagaren = 0"));
        pp.put("ansvarig_anvandare_id", ut("punkter[].ansvarigNamn", "SELECT u.namn FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id JOIN anvandare u ON u.id = pp.ansvarig_anvandare_id WHERE p.deltagare_id = :d"));
        pp.put("klart_senast", ut("punkter[].klartSenast", "SELECT pp.klart_senast" + punkter));
        pp.put("skapad", ut("punkter[].skapad", "SELECT pp.skapad" + punkter));
        pp.put("borttagen", ut("punkter[].borttagen", "SELECT pp.borttagen IS NOT NULL" + punkter));
        pp.put("senaste_status", intern("a copy kept for the statistics of the item's latest status by date, "
                + "which the download gives in the item's history"));
        pp.put("senaste_status_datum", intern("the date of that status, also in the item's history"));
        pp.put("foregaende_status", intern("a copy kept for the statistics of the item's status before the latest, "
                + "which the download gives in the item's history"));
        pp.put("foregaende_status_datum", intern("the date of that status, also in the item's history"));
        KOLUMNER.put("planpunkt", pp);

        Map<String, Object> o = new LinkedHashMap<>();
        for (String k : List.of("id", "planpunkt_id", "till_id", "skapad", "kvitterad", "avvisad", "avvisad_orsak")) {
            o.put(k, intern("the hand-over of an item between staff and their answer; its outcome, the named"
                    + " owner, is punkter[].ansvarigNamn"));
        }
        KOLUMNER.put("overlamning", o);

        String uppf = " FROM uppfoljning u WHERE u.deltagare_id = :d";
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", intern("row id"));
        u.put("uuid", intern("the recording device's key against duplicates"));
        u.put("deltagare_id", intern("key to her"));
        u.put("typ", intern("whether it was a whole follow-up or a status change: shown by where it appears"));
        u.put("datum", ut("uppfoljningar[].datum|punkter[].historik[].datum", "SELECT u.datum" + uppf));
        u.put("registrerad", intern("when the server received it; the time shown, to staff and to her, is ordningstid"));
        u.put("registrerad_av", ut("uppfoljningar[].av|punkter[].historik[].av", "SELECT x.namn FROM uppfoljning u JOIN anvandare x ON x.id = u.registrerad_av WHERE u.deltagare_id = :d"));
        u.put("forsorjning", ut("uppfoljningar[].forsorjning", "SELECT u.forsorjning" + uppf));
        u.put("sysselsattning", ut("uppfoljningar[].sysselsattning", "SELECT u.sysselsattning" + uppf));
        u.put("steg_mot_arbete", ut("uppfoljningar[].stegMotArbete", "SELECT u.steg_mot_arbete" + uppf));
        u.put("notering_deltagare", ut("uppfoljningar[].notering", "SELECT u.notering_deltagare" + uppf));
        u.put("notering_intern", intern("the internal follow-up note"));
        u.put("nasta_steg", ut("uppfoljningar[].nastaSteg", "SELECT u.nasta_steg" + uppf));
        u.put("eskalera", intern("raised to the koordinator: the team's own work list"));
        u.put("korrigerar_id", ut("uppfoljningar[].rattelse|punkter[].historik[].rattelse", "SELECT u.korrigerar_id IS NOT NULL" + uppf));
        u.put("klient_tid", intern("the device's own clock as sent; the bounded time is ordningstid"));
        u.put("ordningstid", ut("uppfoljningar[].tid|punkter[].historik[].tid", "SELECT u.ordningstid" + uppf));
        KOLUMNER.put("uppfoljning", u);

        String status = " FROM uppfoljning_status s JOIN uppfoljning u ON u.id = s.uppfoljning_id WHERE u.deltagare_id = :d";
        Map<String, Object> us = new LinkedHashMap<>();
        us.put("uppfoljning_id", intern("key to the follow-up (its day, time and author are in the history row)"));
        us.put("planpunkt_id", intern("key to the item: the history is under the item"));
        us.put("status", ut("punkter[].historik[].status", "SELECT s.status" + status));
        us.put("orsak", ut("punkter[].historik[].orsak", "SELECT s.orsak" + status));
        KOLUMNER.put("uppfoljning_status", us);

        Map<String, Object> av = new LinkedHashMap<>();
        av.put("id", intern("row id"));
        av.put("deltagare_id", intern("key to her"));
        for (String[] k : new String[][] {{"datum", "datum"}, {"orsak", "orsak"}, {"forsorjning", "forsorjning"},
            {"sysselsattning", "sysselsattning"}, {"steg_mot_arbete", "stegMotArbete"},
            {"fortsattning_ansvarig", "fortsattningAnsvarig"}, {"nasta_steg", "nastaSteg"},
            {"ingen_fortsattning", "ingenFortsattning"}, {"registrerad", "registrerad"}}) {
            av.put(k[0], ut("avslut." + k[1], "SELECT " + k[0] + " FROM avslut WHERE deltagare_id = :d"));
        }
        av.put("fortsattning_organisation_id", ut("avslut.fortsattningOrganisation", "SELECT o.namn FROM avslut x JOIN organisation o ON o.id = x.fortsattning_organisation_id WHERE x.deltagare_id = :d"));
        av.put("registrerad_av", ut("avslut.registreradAv", "SELECT x.namn FROM avslut v JOIN anvandare x ON x.id = v.registrerad_av WHERE v.deltagare_id = :d"));
        av.put("fortsattning_anvandare_id", intern("key to the staff member who takes over; her name is given out as fortsattningAnsvarig"));
        KOLUMNER.put("avslut", av);

        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", intern("row id"));
        e.put("deltagare_id", intern("key to her"));
        for (String[] k : new String[][] {{"manader", "manader"}, {"nadd", "nadd"}, {"forsorjning", "forsorjning"},
            {"sysselsattning", "sysselsattning"}, {"datum", "datum"}, {"registrerad", "registrerad"}}) {
            e.put(k[0], ut("efterkontroller[]." + k[1], "SELECT " + k[0] + " FROM efterkontroll WHERE deltagare_id = :d"));
        }
        e.put("registrerad_av", ut("efterkontroller[].registreradAv", "SELECT x.namn FROM efterkontroll k JOIN anvandare x ON x.id = k.registrerad_av WHERE k.deltagare_id = :d"));
        e.put("ersatter_id", som("efterkontroller[].ersatt (on the row a correction replaced)"));
        KOLUMNER.put("efterkontroll", e);

        Map<String, Object> l = new LinkedHashMap<>();
        l.put("id", intern("row id"));
        l.put("deltagare_id", intern("key to her"));
        l.put("planering_version", ut("lasbekraftelser[].planversion", "SELECT planering_version FROM lasbekraftelse WHERE deltagare_id = :d"));
        l.put("last", ut("lasbekraftelser[].last", "SELECT last FROM lasbekraftelse WHERE deltagare_id = :d"));
        KOLUMNER.put("lasbekraftelse", l);

        String kontakt = " FROM kontaktperson k LEFT JOIN anvandare x ON x.id = k.anvandare_id WHERE k.deltagare_id = :d";
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("id", intern("row id"));
        k.put("deltagare_id", intern("key to her"));
        k.put("organisation_id", ut("kontakter[].organisation", "SELECT o.namn FROM kontaktperson k JOIN organisation o ON o.id = k.organisation_id WHERE k.deltagare_id = :d"));
        k.put("anvandare_id", ut("kontakter[].namn", "SELECT x.namn FROM kontaktperson k JOIN anvandare x ON x.id = k.anvandare_id WHERE k.deltagare_id = :d"));
        k.put("namn", ut("kontakter[].namn", "SELECT coalesce(x.namn, k.namn)" + kontakt));
        k.put("titel", ut("kontakter[].titel", "SELECT coalesce(x.titel, k.titel)" + kontakt));
        k.put("telefon", ut("kontakter[].telefon", "SELECT coalesce(k.telefon, x.telefon)" + kontakt));
        k.put("epost", ut("kontakter[].epost", "SELECT coalesce(k.epost, x.epost)" + kontakt));
        k.put("telefontider", ut("kontakter[].telefontider", "SELECT coalesce(k.telefontider, x.telefontider)" + kontakt));
        k.put("telefontid_dagar", ut("kontakter[].telefontid.dagar", "SELECT coalesce(k.telefontid_dagar, x.telefontid_dagar)" + kontakt));
        k.put("telefontid_fran", ut("kontakter[].telefontid.fran", "SELECT coalesce(k.telefontid_fran, x.telefontid_fran) || ':00'" + kontakt)); // ISO time in the JSON
        k.put("telefontid_till", ut("kontakter[].telefontid.till", "SELECT coalesce(k.telefontid_till, x.telefontid_till) || ':00'" + kontakt));
        k.put("ordinarie_handlaggare", ut("kontakter[].ordinarieHandlaggare", "SELECT k.ordinarie_handlaggare" + kontakt));
        k.put("fran_datum", ut("kontakter[].fran", "SELECT k.fran_datum" + kontakt));
        k.put("till_datum", ut("kontakter[].till", "SELECT k.till_datum" + kontakt));
        KOLUMNER.put("kontaktperson", k);

        String md = " FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id WHERE md.deltagare_id = :d";
        Map<String, Object> mdk = new LinkedHashMap<>();
        mdk.put("id", intern("row id"));
        mdk.put("mote_id", intern("key to the meeting (its place and status are in the row)"));
        mdk.put("deltagare_id", intern("key to her"));
        mdk.put("tid", ut("moten[].tid", "SELECT md.tid" + md));
        mdk.put("syfte", ut("moten[].syfte", "SELECT md.syfte" + md));
        mdk.put("ta_med", ut("moten[].taMed", "SELECT md.ta_med" + md));
        mdk.put("kallelse_skapad", ut("moten[].kallelseSkapad", "SELECT md.kallelse_skapad" + md));
        mdk.put("sekvens", intern("the calendar file's sequence number"));
        mdk.put("flyttad_fran_tid", ut("moten[].flyttadFranTid", "SELECT md.flyttad_fran_tid" + md));
        mdk.put("flyttad_fran_plats", ut("moten[].flyttadFranPlats", "SELECT md.flyttad_fran_plats" + md));
        mdk.put("tolk_bokad", intern("the team's note that the interpreter is booked; her kallelse says it in words"));
        mdk.put("kallelse_utskriven", intern("the team's note of when her letter was printed; the letter itself is hers"));
        mdk.put("kallelse_skickad", intern("the team's note of when her letter was sent"));
        mdk.put("overbokad", intern("the koordinator's choice to book past the meeting's slots; her time is given out"));
        KOLUMNER.put("mote_deltagare", mdk);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", intern("row id"));
        m.put("team_id", intern("the team's meeting; her team is person.team"));
        m.put("start", intern("the whole team meeting's start; her own time is moten[].tid"));
        m.put("slut", intern("the whole team meeting's end"));
        m.put("plats", ut("moten[].plats", "SELECT m.plats" + md));
        m.put("status", ut("moten[].status", "SELECT m.status" + md));
        m.put("version", intern("edit counter"));
        m.put("flyttad_fran_start", intern("the team meeting's earlier start; hers is moten[].flyttadFranTid"));
        m.put("flyttad_fran_plats", intern("the team meeting's earlier place; hers is moten[].flyttadFranPlats"));
        KOLUMNER.put("mote", m);

        String sam = " FROM samtycke s WHERE s.deltagare_id = :d";
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", ut("samtycken[].id", "SELECT s.id" + sam));
        s.put("deltagare_id", intern("key to her"));
        s.put("organisation_id", ut("samtycken[].organisationId", "SELECT s.organisation_id" + sam));
        s.put("givet_datum", ut("samtycken[].givetDatum", "SELECT s.givet_datum" + sam));
        s.put("hur", ut("samtycken[].hur", "SELECT s.hur" + sam));
        s.put("aterkallat_datum", ut("samtycken[].aterkallatDatum", "SELECT s.aterkallat_datum" + sam));
        s.put("registrerad_av", ut("samtycken[].registreradAv", "SELECT x.namn FROM samtycke s JOIN anvandare x ON x.id = s.registrerad_av WHERE s.deltagare_id = :d"));
        s.put("aterkallat_av", ut("samtycken[].aterkallatAv", "SELECT x.namn FROM samtycke s JOIN anvandare x ON x.id = s.aterkallat_av WHERE s.deltagare_id = :d"));
        KOLUMNER.put("samtycke", s);

        String ku = " FROM koordinatoruppgift WHERE deltagare_id = :d AND typ = 'rattelse'";
        Map<String, Object> kq = new LinkedHashMap<>();
        kq.put("id", ut("rattelser[].id", "SELECT id" + ku));
        kq.put("deltagare_id", intern("key to her"));
        kq.put("typ", intern("the koordinator's kind of task; her requests are rattelser, her withdrawals samtycken"));
        kq.put("organisation_id", intern("the withdrawn samtycke, given out under samtycken"));
        kq.put("text", ut("rattelser[].text", "SELECT text" + ku));
        kq.put("skapad", ut("rattelser[].skapad", "SELECT skapad" + ku));
        kq.put("skapad_av", intern("herself (or staff acting for her)"));
        kq.put("hanterad", ut("rattelser[].hanterad", "SELECT hanterad" + ku));
        kq.put("hanterad_av", intern("which staff member ticked the task off: the team's work list"));
        KOLUMNER.put("koordinatoruppgift", kq);

        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", intern("row id"));
        n.put("anvandare_id", intern("key to her login"));
        for (String c : List.of("credential_id", "user_handle", "public_key_cose", "sign_count", "transports")) {
            n.put(c, intern("key material and authenticator bookkeeping: never given out"));
        }
        n.put("namn", ut("nycklar[].namn", "SELECT namn FROM nyckel WHERE anvandare_id = :a"));
        n.put("skapad", ut("nycklar[].skapad", "SELECT skapad FROM nyckel WHERE anvandare_id = :a"));
        n.put("senast_anvand", ut("nycklar[].senastAnvand", "SELECT senast_anvand FROM nyckel WHERE anvandare_id = :a"));
        KOLUMNER.put("nyckel", n);

        Map<String, Object> an = new LinkedHashMap<>();
        an.put("id", intern("row id"));
        an.put("anvandarnamn", ut("konto.anvandarnamn", "SELECT anvandarnamn FROM anvandare WHERE id = :a"));
        an.put("namn", som("person.fornamn and person.efternamn (the account's name is hers)"));
        an.put("roll", intern("always deltagare for her"));
        for (String c : List.of("organisation_id", "titel", "telefon", "epost", "telefontider", "telefontid_dagar",
                "telefontid_fran", "telefontid_till")) {
            an.put(c, intern("staff accounts only; her own details are in person"));
        }
        for (String c : List.of("losenord_hash", "pin_hash", "nyckel_handtag")) {
            an.put(c, intern("a secret of the login: never given out"));
        }
        an.put("sprak", ut("konto.sprak", "SELECT sprak FROM anvandare WHERE id = :a"));
        an.put("aktiv", ut("konto.aktiv", "SELECT aktiv FROM anvandare WHERE id = :a"));
        an.put("skapad", ut("konto.skapad", "SELECT skapad FROM anvandare WHERE id = :a"));
        an.put("pin_avstangd", ut("konto.pinAvstangd", "SELECT pin_avstangd FROM anvandare WHERE id = :a"));
        KOLUMNER.put("anvandare", an);

        String logg = " FROM audit_log l WHERE (l.deltagare_id = :d AND l.handling IN ('las', 'andra', 'nekad')"
                + " AND coalesce(l.anvandare_id, 0) <> :a) OR (l.anvandare_id = :a AND l.handling <> 'las')";
        Map<String, Object> al = new LinkedHashMap<>();
        al.put("id", intern("row id"));
        al.put("tid", ut("atkomstlogg[].tid|kontohandelser[].tid", "SELECT l.tid" + logg));
        al.put("anvandare_id", ut("atkomstlogg[].namn", "SELECT x.namn FROM audit_log l JOIN anvandare x ON x.id = l.anvandare_id WHERE l.deltagare_id = :d AND l.handling IN ('las', 'andra', 'nekad') AND l.anvandare_id <> :a"));
        al.put("handling", ut("atkomstlogg[].handling|kontohandelser[].handling", "SELECT l.handling" + logg));
        al.put("deltagare_id", intern("key to her"));
        al.put("vad", ut("atkomstlogg[].vad|kontohandelser[].vad", "SELECT l.vad" + logg));
        al.put("adress", intern("the network address, kept for security investigations"));
        al.put("antal", ut("atkomstlogg[].antal|kontohandelser[].antal", "SELECT l.antal" + logg));
        al.put("salt", intern("random bytes of the log's hash chain, nothing about her"));
        al.put("innehall", intern("the row's hash in the log's chain, computed from the columns given out"));
        al.put("kedja", intern("the log's hash chain, computed from the columns given out"));
        al.put("gallrad", intern("set only when gallring has blanked the row"));
        KOLUMNER.put("audit_log", al);

        Map<String, Object> se = new LinkedHashMap<>();
        for (String c : List.of("token_hash", "anvandare_id", "skapad", "senast_aktiv", "pin_saknas",
                "andra_faktor_kravs")) {
            se.put(c, intern("login sessions: a secret token's hash and its bookkeeping; she ends them from Konto"));
        }
        KOLUMNER.put("session", se);

        Map<String, Object> ei = new LinkedHashMap<>();
        ei.put("token", intern("the single-use token of a survey she has been asked and not answered; the question"
                + " itself is the box \"Vad tycker du?\" on her plan, and the token goes when she answers"));
        ei.put("deltagare_id", intern("key to her"));
        ei.put("tillfalle", intern("which occasion's survey: shown as the link in the box on her plan"));
        KOLUMNER.put("enkat_inbjudan", ei);

        Map<String, Object> eb = new LinkedHashMap<>();
        eb.put("deltagare_id", intern("key to her"));
        eb.put("tillfalle", intern("that she answered that occasion's survey, so she is not asked again; her answers"
                + " are stored without her (enkat_svar has no key to her) and cannot be given out as hers"));
        KOLUMNER.put("enkat_besvarad", eb);

        Map<String, Object> uv = new LinkedHashMap<>();
        uv.put("anvandare_id", intern("key to her account"));
        for (String[] f : new String[][] {{"sms", "sms"}, {"epost", "epost"}, {"push", "push"},
            {"detaljer", "detaljer"}, {"sms_stoppad", "smsStoppad"}}) {
            uv.put(f[0], ut("meddelandeval." + f[1], "SELECT " + f[0] + " FROM utskick_val WHERE anvandare_id = :a"));
        }
        uv.put("sammanfattning", intern("how often staff get their digest; a participant gets none"));
        KOLUMNER.put("utskick_val", uv);

        Map<String, Object> st = new LinkedHashMap<>();
        st.put("deltagare_id", intern("key to her"));
        st.put("stoppad", ut("meddelandeval.smsStoppad", "SELECT stoppad FROM utskick_sms_stopp WHERE deltagare_id = :d"));
        KOLUMNER.put("utskick_sms_stopp", st);

        Map<String, Object> pp2 = new LinkedHashMap<>();
        pp2.put("id", intern("row id"));
        pp2.put("anvandare_id", intern("key to her account"));
        pp2.put("endpoint", intern("the address her browser's push service takes notifications at: whoever has it"
                + " can post to her browser, so it is kept like a key and never given out"));
        pp2.put("p256dh", intern("her browser's public key for notifications: key material, as a passkey's"));
        pp2.put("auth", intern("her browser's secret for notifications: key material"));
        pp2.put("skapad", ut("notiser[].skapad", "SELECT skapad FROM push_prenumeration WHERE anvandare_id = :a"));
        pp2.put("senast_skickat", ut("notiser[].senastSkickat", "SELECT senast_skickat FROM push_prenumeration WHERE anvandare_id = :a"));
        KOLUMNER.put("push_prenumeration", pp2);

        String tillHenne = " FROM utskick WHERE deltagare_id = :d AND anvandare_id IS NULL";
        Map<String, Object> us2 = new LinkedHashMap<>();
        us2.put("id", intern("row id"));
        us2.put("nyckel", intern("the cause's key, so a message is made once; its parts are the columns given out"));
        us2.put("team_id", intern("her team, given out as person.team"));
        us2.put("deltagare_id", intern("key to her"));
        us2.put("anvandare_id", intern("a message about her to a member of staff: that it was sent is in her"
                + " atkomstlogg (\"fick e-post om dig\"), its text and the staff member's address are the staff's"));
        us2.put("sak_id", intern("key to what the message is about (her booking, a handover), given out there"));
        for (String[] f : new String[][] {{"typ", "typ"}, {"kanal", "kanal"}, {"skapad", "skapad"},
            {"skickat", "skickat"}, {"status", "status"}}) {
            us2.put(f[0], ut("meddelanden[]." + f[1], "SELECT " + f[0] + tillHenne));
        }
        for (String c : List.of("planerad", "forsok", "fel", "referens", "avgjord")) {
            us2.put(c, intern("the sender's bookkeeping (when to try, tries, the channel's answer and reference);"
                    + " what became of the message is meddelanden[].status"));
        }
        us2.put("aktiveringskod", intern("a kallelse's activation code, held only until the message is sent (then"
                + " blanked); it is a credential, not information about her, and is on her printed letter"));
        KOLUMNER.put("utskick", us2);

        Map<String, Object> ap = new LinkedHashMap<>();
        for (String c : List.of("id", "deltagare_id", "planpunkt_id", "beslut", "till_anvandare_id", "till_text",
                "orsak", "vantade_pa_id", "vantade_sedan", "registrerad", "registrerad_av")) {
            ap.put(c, intern("the team's closing of each open item at avslut (to whom it went on, or why it was"
                    + " closed); her items and their latest status are under punkter, the avslut under avslut"));
        }
        KOLUMNER.put("avslut_punkt", ap);

        Map<String, Object> ef = new LinkedHashMap<>();
        for (String c : List.of("id", "deltagare_id", "manader", "tidpunkt", "registrerad_av")) {
            ef.put(c, intern("the team's attempts to reach her for a check after avslut; the check itself, reached"
                    + " or not, is under efterkontroller"));
        }
        KOLUMNER.put("efterkontroll_forsok", ef);

        Map<String, Object> wu = new LinkedHashMap<>();
        for (String c : List.of("id", "anvandare_id", "syfte", "begaran", "giltig_till", "adress")) {
            wu.put(c, intern("a passkey challenge for one login or registration, deleted when it is answered"));
        }
        KOLUMNER.put("webauthn_utmaning", wu);

        Map<String, Object> ak = new LinkedHashMap<>();
        for (String c : List.of("id", "anvandare_id", "kod_hash", "skapad", "giltig_till", "anvand", "skapad_av")) {
            ak.put(c, intern("one-time activation codes (a hash); their use is in kontohandelser as aktivering"));
        }
        KOLUMNER.put("aktiveringskod", ak);
    }

    /**
     * Tables with a key to a participant or to an account that are never hers (only staff accounts have rows in
     * them), and why. Every other table with such a key must be in {@link #KOLUMNER}.
     */
    private static final Map<String, String> BARA_PERSONAL = Map.of(
            "arbetslista_besok", "when a member of staff last opened her work list",
            "inbjudan", "invitations of new staff accounts",
            "konto_andring", "changes to staff accounts by the administrator",
            "mote_narvaro", "which staff members take part in a team meeting",
            "team_medlem", "the teams a member of staff works in",
            "totp", "staff's second factor",
            "totp_anvand", "staff's used second-factor codes");

    private static long id(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @BeforeAll
    static void tvaDeltagareMedAllt() throws IOException {
        try (Reader r = new InputStreamReader(MinaUppgifterFullstandigHttpTest.class
                .getResourceAsStream("/i18n/messages_sv.properties"), StandardCharsets.UTF_8)) {
            SV.load(r);
        }
        iUppfoljning = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .talar("sv").medKontaktperson("AF").hamta();
        avslutad = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("avslutad").utanKonto().medNamn()
                .talar("sv").hamta();
        long koordinator = id("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'");
        long fkUser = id("SELECT id FROM anvandare WHERE anvandarnamn = 'fk.handlaggare'");
        app.jdbi().useTransaction(h -> {
            // One of her items is owned by a named person, with a status a correction changed.
            long punkt = h.createQuery("""
                            SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                            WHERE p.deltagare_id = :d AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 0
                            ORDER BY pp.id LIMIT 1""").bind("d", iUppfoljning).mapTo(Long.class).one();
            h.createUpdate("""
                            UPDATE planpunkt SET ansvarig_organisation_id = (SELECT id FROM organisation WHERE kod = 'FK'),
                                                 ansvarig_anvandare_id = :u WHERE id = :p""")
                    .bind("u", fkUser).bind("p", punkt).execute();
            String nu = app.clock().instant().toString();
            long uppf = h.createUpdate("""
                            INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av,
                                                     forsorjning, sysselsattning, notering_deltagare,
                                                     notering_intern, nasta_steg)
                            VALUES ('test-fullstandig-1', :d, 'uppfoljning', :dag, :nu, :u, 'a_kassa',
                                    'Praktik tre dagar i veckan', 'Bra jobbat med praktiken', 'INTERN-HEMLIS-1',
                                    'Ring Försäkringskassan')""")
                    .bind("d", iUppfoljning).bind("dag", nu.substring(0, 10)).bind("nu", nu).bind("u", fkUser)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO uppfoljning_status (uppfoljning_id, planpunkt_id, status, orsak) VALUES (:u, :p, 'fastnat', 'Väntar på läkarintyg')")
                    .bind("u", uppf).bind("p", punkt).execute();
            // The ended one has a check six months after the end, corrected once.
            String dag = h.createQuery("SELECT datum FROM avslut WHERE deltagare_id = :d").bind("d", avslutad)
                    .mapTo(String.class).one();
            long forsta = h.createUpdate("""
                            INSERT INTO efterkontroll (deltagare_id, manader, nadd, forsorjning, sysselsattning, datum,
                                                       registrerad_av, registrerad)
                            VALUES (:d, 6, 1, 'lon', 'arbete', :dag, :k, :nu)""")
                    .bind("d", avslutad).bind("dag", dag).bind("k", koordinator).bind("nu", nu)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO efterkontroll (deltagare_id, manader, nadd, forsorjning, sysselsattning, datum,
                                                       registrerad_av, registrerad, ersatter_id)
                            VALUES (:d, 6, 1, 'studiemedel', 'studier', :dag, :k, :nu, :f)""")
                    .bind("d", avslutad).bind("dag", dag).bind("k", koordinator).bind("nu", nu).bind("f", forsta)
                    .execute();
        });
        for (long d : List.of(iUppfoljning, avslutad)) {
            String anvandarnamn = TestData.kontoMedPin(app, d, PIN);
            long a = id("SELECT anvandare_id FROM deltagare WHERE id = " + d);
            ANVANDARE.put(d, a);
            // A wrong PIN first: a refused login to her account.
            HttpSession fel = app.session();
            fel.get("/logga-in/deltagare");
            assertEquals(401, fel.post("/logga-in/deltagare", Map.of("anvandarnamn", anvandarnamn, "pin", "000000"))
                    .statusCode());
            HttpSession hon = app.session();
            hon.get("/logga-in/deltagare");
            assertEquals(302, hon.post("/logga-in/deltagare", Map.of("anvandarnamn", anvandarnamn, "pin", PIN))
                    .statusCode());
            hon.get("/min-planering");
            hon.post("/min-planering/last", Map.of());
            // Her message choices, a browser she turned notifications on in, and a message sent to her.
            app.jdbi().useHandle(h -> {
                String nu = app.clock().instant().toString();
                h.createUpdate("""
                                INSERT INTO utskick_val (anvandare_id, epost, sms, push, detaljer, sammanfattning)
                                VALUES (:a, 1, 0, 1, 1, 'vecka')
                                ON CONFLICT (anvandare_id) DO UPDATE SET epost = 1, sms = 0, push = 1, detaljer = 1""")
                        .bind("a", a).execute();
                h.createUpdate("INSERT INTO utskick_sms_stopp (deltagare_id, stoppad) VALUES (:d, :nu)")
                        .bind("d", d).bind("nu", nu).execute();
                h.createUpdate("""
                                INSERT INTO push_prenumeration (anvandare_id, endpoint, p256dh, auth, skapad, senast_skickat)
                                VALUES (:a, :e, 'BNHEMLIGNYCKEL', 'HEMLIGAUTH', :nu, :nu)""")
                        .bind("a", a).bind("e", "https://fcm.googleapis.com/fcm/send/HEMLIG-ADRESS-" + d)
                        .bind("nu", nu).execute();
                h.createUpdate("""
                                INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, skapad, kanal, status, skickat,
                                                     forsok, referens, avgjord)
                                SELECT 'test:fullstandig:' || id, 'plan_andrad', team_id, id, :nu, 'epost', 'skickat',
                                       :nu, 1, 'HEMLIG-REFERENS', :nu FROM deltagare WHERE id = :d""")
                        .bind("d", d).bind("nu", nu).execute();
            });
            // A passkey of hers (as registration stores it), then she turns PIN login off, then a PIN is refused.
            app.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO nyckel (anvandare_id, credential_id, user_handle, public_key_cose, sign_count,
                                                namn, skapad, senast_anvand)
                            VALUES (:a, :c, 'aGFuZHRhZw', :k, 3, :n, :s, :s)""")
                    .bind("a", a).bind("c", NYCKEL_ID + d).bind("k", NYCKEL_PUBLIK).bind("n", NYCKELNAMN)
                    .bind("s", app.clock().instant().toString()).execute());
            hon.get("/konto");
            assertEquals(302, hon.post("/konto/pin", Map.of("pin", "av")).statusCode());
            HttpSession igen = app.session();
            igen.get("/logga-in/deltagare");
            assertEquals(403, igen.post("/logga-in/deltagare", Map.of("anvandarnamn", anvandarnamn, "pin", PIN))
                    .statusCode());
            // Staff look at her, so the access log has rows too.
            HttpSession k = app.session().loginStaff("koordinator");
            for (String sida : stafflistor(d)) {
                assertEquals(200, k.get(sida).statusCode(), sida);
            }
            HttpResponse<String> json = hon.get("/min-planering/mina-uppgifter/alla.json");
            assertEquals(200, json.statusCode());
            JSON.put(d, new ObjectMapper().readTree(json.body()));
            SIDA.put(d, hon.page("/min-planering/mina-uppgifter/alla"));
        }
    }

    private static List<String> stafflistor(long d) {
        return List.of("/deltagare/" + d, "/deltagare/" + d + "/uppfoljning", "/deltagare/" + d + "/inskrivning");
    }

    @Test
    void varjeKolumnArUtgivenEllerInternMedSkal() {
        List<String> fel = new ArrayList<>();
        for (var tabell : KOLUMNER.entrySet()) {
            List<String> kolumner = app.kolumner(tabell.getKey());
            Set<String> iDatabasen = new TreeSet<>(kolumner);
            Set<String> klassade = new TreeSet<>(tabell.getValue().keySet());
            Set<String> nya = new TreeSet<>(iDatabasen);
            nya.removeAll(klassade);
            Set<String> borta = new TreeSet<>(klassade);
            borta.removeAll(iDatabasen);
            if (!nya.isEmpty()) {
                fel.add(tabell.getKey() + ": columns not classified as given out or internal: " + nya);
            }
            if (!borta.isEmpty()) {
                fel.add(tabell.getKey() + ": classified columns that do not exist: " + borta);
            }
        }
        assertEquals(List.of(), fel, "a column of her data needs a decision: into the download, or internal and why");
    }

    @Test
    void varjeTabellMedEnNyckelTillHennesUppgifterArKlassad() {
        List<String> tabeller = app.tabeller().stream()
                .filter(t -> app.kolumner(t).stream().anyMatch(k -> k.equals("deltagare_id") || k.equals("anvandare_id")))
                .toList();
        List<String> oklassade = new ArrayList<>();
        for (String t : tabeller) {
            if (!KOLUMNER.containsKey(t) && !BARA_PERSONAL.containsKey(t)) {
                oklassade.add(t);
            }
        }
        assertEquals(List.of(), oklassade, "a table holds data keyed to her: classify its columns in KOLUMNER");
        assertTrue(tabeller.contains("push_prenumeration") && tabeller.contains("utskick"), tabeller.toString());
    }

    @Test
    void varjeUtgivenKolumnsVardeArIHennesNedladdning() {
        List<String> fel = new ArrayList<>();
        int jamforda = 0;
        for (long d : JSON.keySet()) {
            JsonNode json = JSON.get(d);
            for (var tabell : KOLUMNER.entrySet()) {
                for (var kolumn : tabell.getValue().entrySet()) {
                    if (!(kolumn.getValue() instanceof Ut ut) || ut.sql() == null) {
                        continue;
                    }
                    List<String> iDatabasen = app.jdbi().withHandle(h -> h.createQuery(ut.sql())
                            .bind("d", d).bind("a", ANVANDARE.get(d)).mapTo(String.class).list());
                    Set<String> iJson = new TreeSet<>();
                    for (String vag : ut.json().split("\\|")) {
                        varden(json, vag.split("\\."), 0, iJson);
                    }
                    for (String v : iDatabasen) {
                        if (v == null) {
                            continue;
                        }
                        jamforda++;
                        if (!iJson.contains(v)) {
                            fel.add(d + " " + tabell.getKey() + "." + kolumn.getKey() + " = " + v + " not at "
                                    + ut.json());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), fel, "values stored about her that her download leaves out");
        assertTrue(jamforda > 100, "values compared: " + jamforda);
    }

    /** The values at a path such as {@code punkter[].historik[].av}, as the database would write them. */
    private static void varden(JsonNode nod, String[] delar, int i, Set<String> ut) {
        if (nod == null || nod.isNull() || nod.isMissingNode()) {
            return;
        }
        if (i == delar.length) {
            ut.add(nod.isBoolean() ? (nod.asBoolean() ? "1" : "0") : nod.asText());
            return;
        }
        String del = delar[i];
        boolean lista = del.endsWith("[]");
        JsonNode barn = nod.get(lista ? del.substring(0, del.length() - 2) : del);
        if (lista && barn != null) {
            barn.forEach(b -> varden(b, delar, i + 1, ut));
        } else {
            varden(barn, delar, i + 1, ut);
        }
    }

    @Test
    void detSomKraverSarskildaVardenFinnsMedOchNycklarnasMaterialInte() {
        for (long d : JSON.keySet()) {
            JsonNode json = JSON.get(d);
            String text = json.toString();
            Set<String> koder = new TreeSet<>();
            json.get("kontohandelser").forEach(h -> koder.add(h.get("handling").asText() + ":" + h.get("vad").asText()));
            assertTrue(koder.stream().anyMatch(k -> k.startsWith("inloggning:")), "her login: " + koder);
            assertTrue(koder.stream().anyMatch(k -> k.startsWith("inloggning_misslyckad:misslyckad")),
                    "the wrong PIN: " + koder);
            assertTrue(koder.contains("andra:PIN-inloggning avstängd"), "PIN turned off: " + koder);
            assertTrue(koder.stream().anyMatch(k -> k.startsWith("inloggning_misslyckad:PIN-inloggning avstängd")),
                    "the PIN refused while off: " + koder);
            assertEquals(NYCKELNAMN, json.at("/nycklar/0/namn").asText());
            assertFalse(text.contains(NYCKEL_PUBLIK) || text.contains(NYCKEL_ID), "no key material");
            assertFalse(text.contains("INTERN-HEMLIS"), "internal notes stay internal");
            assertFalse(text.contains("argon2") || text.contains("$argon"), "no PIN hash");
            assertFalse(text.contains("HEMLIG"), "no push address, key or channel reference: " + text);
            assertEquals(1, json.get("notiser").size());
            boolean skickat = false;
            for (JsonNode m : json.get("meddelanden")) {
                skickat |= m.get("kanal").asText().equals("epost") && m.get("status").asText().equals("skickat");
            }
            assertTrue(skickat, "the message sent to her: " + json.get("meddelanden"));
            assertTrue(json.at("/meddelandeval/push").asBoolean());
            Document sida = SIDA.get(d);
            assertTrue(sida.text().contains(NYCKELNAMN));
            assertTrue(sida.text().contains(SV.getProperty("minauppgifter.konto.pin_av")), sida.text());
            assertTrue(sida.text().contains(SV.getProperty("minauppgifter.konto.pin_av_nekad")));
        }
        JsonNode u = JSON.get(iUppfoljning);
        assertTrue(u.toString().contains("Praktik tre dagar i veckan"));
        assertEquals(2, JSON.get(avslutad).get("efterkontroller").size());
    }

    private static final Pattern TIDPUNKT = Pattern.compile("\\d{1,2} \\p{L}+ \\d{4}( \\d{2}:\\d{2})?");

    /**
     * Everything staff see of her on their pages, except what is internal, is on her own page (in Swedish, the
     * same words: the same text bundles write both).
     */
    @Test
    void alltPersonalenSerSomInteArInterntFinnsPaHennesSida() {
        HttpSession k = app.session().loginStaff("koordinator");
        List<String> fel = new ArrayList<>();
        int jamforda = 0;
        for (long d : SIDA.keySet()) {
            Document hennes = SIDA.get(d);
            String hennesText = hennes.text();
            Set<String> hennesTider = new TreeSet<>(hennes.select("time[datetime]").eachAttr("datetime"));
            List<String> varden = new ArrayList<>();
            Set<String> tider = new TreeSet<>();

            Document visa = k.page("/deltagare/" + d);
            for (Element dd : visa.select("dl.fakta dd")) {
                Element dt = dd.previousElementSibling();
                if (dt != null && dt.text().equals(SV.getProperty("deltagare.tolk"))) {
                    continue; // a sentence for staff; tolkbehov and tolksprak are compared column by column
                }
                varden.add(dd.text());
            }
            for (Element rad : visa.select("section[aria-labelledby=samtycke-rubrik] tbody tr")) {
                varden.add(rad.selectFirst("th bdi").text());
                for (Element td : rad.select("td")) {
                    for (String del : td.text().split(", ")) {
                        if (!del.equals("–") && !del.equals(SV.getProperty("deltagare.samtycke.avhenne"))) {
                            varden.add(del);
                        }
                    }
                }
            }
            for (Element p : visa.select("main > p")) {
                Matcher m = TIDPUNKT.matcher(p.text());
                while (m.find()) {
                    varden.add(m.group());
                }
            }
            visa.select(".planpunkt__text").forEach(p -> varden.add(p.text()));
            for (Element dd : visa.select(".planpunkt__fakta dd")) {
                Element dt = dd.previousElementSibling();
                if (dt != null && dt.text().equals(SV.getProperty("plan.typ"))) {
                    continue; // the kind of item, in staff words ("Deltagarens eget steg"); hers say "Ditt eget steg"
                }
                if (dd.selectFirst("time") != null) {
                    tider.add(dd.selectFirst("time").attr("datetime"));
                } else {
                    varden.addAll(List.of(dd.text().split(", ")));
                }
            }
            Element mal = visa.selectFirst("section[aria-labelledby=plan-rubrik] > p");
            if (mal != null) {
                varden.add(mal.text().substring(mal.text().indexOf(':') + 1).strip());
            }

            Document uppf = k.page("/deltagare/" + d + "/uppfoljning");
            for (Element li : uppf.select("section[aria-labelledby=historik-rubrik] li")) {
                varden.add(li.selectFirst("strong").text());
                for (Element p : li.select("p")) {
                    Element etikett = p.selectFirst("strong");
                    if (etikett == null) {
                        continue;
                    }
                    String namn = etikett.text().replace(":", "").strip();
                    if (namn.equals(SV.getProperty("uppf.internt"))) {
                        continue;
                    }
                    varden.add(p.text().substring(etikett.text().length()).strip());
                }
            }
            for (Element li : uppf.select("details.tidslinje li")) {
                for (String del : li.text().split(" · |: | – ")) {
                    String t = del.strip();
                    if (!t.isEmpty() && !t.equals(SV.getProperty("uppf.ratta"))
                            && !t.equals(SV.getProperty("uppf.rattelse"))) {
                        varden.add(t);
                    }
                }
            }
            for (Element hjalp : uppf.select(".punktstatus .falt__hjalp")) {
                for (String del : hjalp.text().split(" · |, ")) {
                    varden.add(del.replace(SV.getProperty("plan.klartsenast"), "").strip());
                }
            }

            Document ins = k.page("/deltagare/" + d + "/inskrivning");
            Matcher m = TIDPUNKT.matcher(ins.selectFirst("main h1 + p").text());
            while (m.find()) {
                varden.add(m.group());
            }
            ins.select("dl.fakta dd").forEach(dd -> varden.add(dd.text()));

            for (String v : varden) {
                jamforda++;
                if (v.equals(SV.getProperty("plan.deltagaren"))) {
                    v = SV.getProperty("minauppgifter.alla.du"); // staff read "the participant", she reads "you"
                }
                if (!hennesText.contains(v)) {
                    fel.add(d + ": \"" + v + "\"");
                }
            }
            for (String t : tider) {
                jamforda++;
                if (!hennesTider.contains(t)) {
                    fel.add(d + ": date " + t);
                }
            }
        }
        assertEquals(List.of(), fel, "shown to staff, not internal, missing from her page");
        assertTrue(jamforda > 30, "values compared: " + jamforda);
    }
}
