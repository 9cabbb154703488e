package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.avslut.AvslutStod;
import se.finsam.planering.statistik.Cellnyckel;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * Participants referred again after an earlier avslut, through the referral form with the same personnummer: the
 * statistics count them, by the reason of the earlier avslut, with population and base, exactly for the
 * koordinator's own team and adjusted by cell keys for the styrgrupp and in CSV and xlsx.
 */
class AnmaldaIgenHttpTest extends AppTest {

    /** Per person: kön and the reason of her first avslut. */
    private static final String[][] PERSONER = {{"kvinna", "avbrutit"}, {"man", "avbrutit"}, {"kvinna", "arbete"},
            {"kvinna", "avbrutit"}, {"man", "arbete"}, {"kvinna", "avbrutit"}, {"man", "avbrutit"}};

    private static Map<String, Integer> fore;
    private static long kista;

    /** A valid personnummer born on 12 April 1985 with the given serial (the check digit by Luhn). */
    private static String personnummer(int serial) {
        String utan = "850412" + String.format("%03d", serial);
        int summa = 0;
        for (int i = 0; i < utan.length(); i++) {
            int v = (utan.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            summa += v / 10 + v % 10;
        }
        return "19850412-" + String.format("%03d", serial) + (10 - summa % 10) % 10;
    }

    @BeforeAll
    static void anmalAvslutaOchAnmalIgen() {
        kista = FlodeStod.team(app, "Jobbtorg Kista");
        fore = koordinatorensTal();
        HttpSession s = app.session().loginStaff("handlaggare");
        HttpSession k = app.session().loginStaff("koordinator");
        for (int i = 0; i < PERSONER.length; i++) {
            Map<String, String> form = FlodeStod.anmalan(app, "Åter" + (char) ('a' + i), "Igen", "1985");
            form.put("personnummer", personnummer(510 + i));
            form.put("kon", PERSONER[i][0]);
            long forsta = FlodeStod.anmal(app, s, form);
            k.get("/deltagare/" + forsta + "/avslut");
            Map<String, String> avslut = new LinkedHashMap<>(PERSONER[i][1].equals("arbete")
                    ? Map.of("datum", "2026-11-23", "orsak", "arbete", "forsorjning", "lon", "sysselsattning", "arbete",
                            "steg_mot_arbete", "arbete_studier")
                    : Map.of("datum", "2026-11-23", "orsak", "avbrutit", "forsorjning", "sjukpenning",
                            "ingen_fortsattning", "on", "sysselsattning", "ingen", "steg_mot_arbete", "inget"));
            HttpResponse<String> r = k.post("/deltagare/" + forsta + "/avslut", AvslutStod.medBeslut(k, forsta, avslut));
            assertEquals(302, r.statusCode(), r.body());
            long andra = FlodeStod.anmal(app, s, form);
            assertEquals(forsta, app.tal("SELECT tidigare_deltagare_id FROM deltagare WHERE id = ?", andra));
            assertEquals(kista, app.tal("SELECT team_id FROM deltagare WHERE id = ?", andra));
        }
    }

    /** The koordinator's exact counts of the two tables for her team and 2026, by "table|row|column". */
    private static Map<String, Integer> koordinatorensTal() {
        Document sida = app.session().loginStaff("koordinator").page("/statistik?ar=2026&team=" + kista);
        Map<String, Integer> ut = new HashMap<>();
        ut.putAll(tal(sida, "aterkommande"));
        ut.putAll(tal(sida, "aterkommande_orsak"));
        return ut;
    }

    private static Map<String, Integer> tal(Document sida, String tabell) {
        Map<String, Integer> ut = new HashMap<>();
        Element sektion = sida.selectFirst("#tabell-" + tabell);
        if (sektion.selectFirst("table") == null) {
            return ut;
        }
        List<String> kolumner = sektion.select("thead th").stream().map(Element::text).toList();
        for (Element tr : sektion.select("tbody tr")) {
            List<String> celler = tr.select("td.tal:not(.andel)").eachText();
            for (int c = 0; c < celler.size(); c++) {
                ut.put(tabell + "|" + tr.selectFirst("th").text() + "|" + kolumner.get(c + 1),
                        Integer.valueOf(celler.get(c)));
            }
        }
        return ut;
    }

    private static int okning(Map<String, Integer> efter, String nyckel) {
        return efter.getOrDefault(nyckel, 0) - fore.getOrDefault(nyckel, 0);
    }

    @Test
    void koordinatornSerDeAnmaldaIgenExaktEfterTidigareAvslutsorsak() {
        Map<String, Integer> efter = koordinatorensTal();
        assertEquals(4, okning(efter, "aterkommande|Anmälda igen|Kvinna"));
        assertEquals(3, okning(efter, "aterkommande|Anmälda igen|Man"));
        assertEquals(7, okning(efter, "aterkommande|Anmälda igen|Summa"));
        // The first referrals are counted too: referred in the period, not referred again.
        assertEquals(7, okning(efter, "aterkommande|Inte tidigare avslutade|Summa"));
        assertEquals(3, okning(efter, "aterkommande_orsak|Avbrutit|Kvinna"));
        assertEquals(2, okning(efter, "aterkommande_orsak|Avbrutit|Man"));
        assertEquals(1, okning(efter, "aterkommande_orsak|Arbete|Kvinna"));
        assertEquals(1, okning(efter, "aterkommande_orsak|Arbete|Man"));
        assertEquals(7, okning(efter, "aterkommande_orsak|Summa|Summa"));
        // Population and base, and shares of the base.
        Document sida = app.session().loginStaff("koordinator").page("/statistik?ar=2026&team=" + kista);
        Element sektion = sida.selectFirst("#tabell-aterkommande_orsak");
        int bas = efter.get("aterkommande_orsak|Summa|Summa");
        assertEquals("Räknar: anmälda under perioden efter ett tidigare avslut i teamet (anmälda igen). Bas för andelarna: "
                + bas, sektion.selectFirst("p.population").text());
        Element avbrutit = sektion.select("tbody tr").stream().filter(tr -> tr.selectFirst("th").text().equals("Avbrutit"))
                .findFirst().orElseThrow();
        int avbrutna = efter.get("aterkommande_orsak|Avbrutit|Summa");
        assertEquals(avbrutna + " av " + bas + " (" + Math.round(100.0 * avbrutna / bas) + " %)",
                avbrutit.selectFirst("td.andel").text());
        assertNotNull(sida.selectFirst("nav.innehall a[href='#tabell-aterkommande_orsak']"), "in the contents");
    }

    @Test
    void styrgruppenOchExporternaFarJusteradeTal() throws IOException {
        // Adjusted figures count whole months that have ended: in January the whole of 2026 has.
        app.clock().set(java.time.Instant.parse("2027-01-11T08:00:00Z"));
        long[] exakt = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*), coalesce(sum(d.cellnyckel), 0) % 256 FROM deltagare d
                        JOIN anmalan a ON a.deltagare_id = d.id
                        LEFT JOIN avslut av ON av.deltagare_id = d.id
                        WHERE d.team_id = :t AND d.tidigare_deltagare_id IS NOT NULL
                          AND a.datum BETWEEN '2026-01-01' AND '2026-12-31'
                          AND (av.orsak IS NULL OR av.orsak <> 'felregistrering')""")
                .bind("t", kista).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one());
        assertEquals(koordinatorensTal().get("aterkommande_orsak|Summa|Summa").longValue(), exakt[0]);
        int justerat = Cellnyckel.justera((int) exakt[0], (int) exakt[1]);

        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        Document sida = styrgrupp.page("/statistik?ar=2026&team=" + kista);
        Map<String, Integer> visat = new HashMap<>(tal(sida, "aterkommande_orsak"));
        visat.putAll(tal(sida, "aterkommande"));
        assertEquals(justerat, visat.get("aterkommande_orsak|Summa|Summa"), "the base, adjusted by its key");
        assertEquals(visat.get("aterkommande|Anmälda igen|Summa"), visat.get("aterkommande_orsak|Summa|Summa"),
                "the same people, the same shown count in both tables");
        assertTrue(sida.selectFirst("#tabell-aterkommande_orsak p.population").text().endsWith("Bas för andelarna: "
                + justerat));

        HttpResponse<String> csv = styrgrupp.get("/statistik/statistik.csv?ar=2026&team=" + kista);
        assertEquals(200, csv.statusCode());
        List<CSVRecord> rader = CSVFormat.EXCEL.builder().setDelimiter(';').get()
                .parse(new StringReader(csv.body().substring(1))).getRecords();
        int i = 0;
        while (!rader.get(i).get(0).equals("Anmälda igen under perioden: hur det tidigare avslutet slutade")) {
            i++;
        }
        assertEquals("anmälda under perioden efter ett tidigare avslut i teamet (anmälda igen)", rader.get(i + 1).get(1));
        assertEquals(Integer.toString(justerat), rader.get(i + 2).get(1));
        List<String> kolumner = new ArrayList<>();
        rader.get(i + 3).forEach(kolumner::add);
        assertEquals("Andel av basen (%)", kolumner.get(kolumner.size() - 1));
        int j = i + 4;
        for (; !rader.get(j).get(0).equals("Andel av basen (%)"); j++) {
            for (int k = 1; k < kolumner.size() - 1; k++) {
                assertEquals(Integer.toString(visat.get("aterkommande_orsak|" + rader.get(j).get(0) + "|"
                        + kolumner.get(k))), rader.get(j).get(k));
            }
            int summa = Integer.parseInt(rader.get(j).get(kolumner.size() - 2));
            assertEquals(String.format(java.util.Locale.forLanguageTag("sv"), "%.1f", 100.0 * summa / justerat),
                    rader.get(j).get(kolumner.size() - 1), "the row's share of the base");
        }
        assertTrue(j > i + 5, "the reasons and the total");

        HttpResponse<byte[]> xlsx = styrgrupp.bytes("/statistik/statistik.xlsx?ar=2026&team=" + kista);
        assertEquals(200, xlsx.statusCode());
        try (ReadableWorkbook bok = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> blad = bok.findSheet("aterkommande_orsak").orElseThrow().read();
            assertEquals("Anmälda igen under perioden: hur det tidigare avslutet slutade", blad.get(0).getCellText(0));
            Row bas = blad.stream().filter(r -> r.getCellText(0).equals("Bas för andelarna")).findFirst().orElseThrow();
            assertEquals(Integer.toString(justerat), bas.getCellText(1));
        }
    }
}
