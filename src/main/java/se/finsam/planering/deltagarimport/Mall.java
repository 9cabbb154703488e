package se.finsam.planering.deltagarimport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import se.finsam.planering.statistik.StatistikRoutes;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.CsvFil;

/**
 * The template of the participant import: the columns to fill in, and every column's allowed codes or format
 * with their meaning in Swedish. As an .xlsx (sheet "deltagare" with the columns, sheet "koder" with the codes)
 * and as two CSV files (the columns; the codes).
 */
public final class Mall {

    /** The template's columns: the person-level file's, without the team (chosen on the import page). */
    public static final List<String> KOLUMNER = StatistikRoutes.PERSONFIL_KOLUMNER.stream()
            .filter(k -> !k.equals("team")).toList();

    /** The coded columns: their value set and the prefix of the codes' message keys. */
    private record Kodad(List<String> koder, String prefix) {
    }

    private static final Map<String, Kodad> KODADE = Map.ofEntries(
            Map.entry("kon", new Kodad(Varden.KON, "kon.")),
            Map.entry("remitterande_organisationstyp", new Kodad(Varden.ORGANISATIONSTYP, "admin.org.typ.")),
            Map.entry("forsorjning_fore", new Kodad(Varden.FORSORJNING, "forsorjning.")),
            Map.entry("sysselsattning_fore", new Kodad(Varden.SYSSELSATTNING, "sysselsattning.")),
            Map.entry("utbildning", new Kodad(Varden.UTBILDNING, "utbildning.")),
            Map.entry("tid_forsorjning", new Kodad(Varden.TID_FORSORJNING, "tid_forsorjning.")),
            Map.entry("anstallning_vid_start", new Kodad(Varden.JA_NEJ_OKANT, "ja_nej_okant.")),
            Map.entry("avslutsorsak", new Kodad(Varden.AVSLUTSORSAK, "avslutsorsak.")),
            Map.entry("forsorjning_efter", new Kodad(Varden.FORSORJNING, "forsorjning.")),
            Map.entry("sysselsattning_efter", new Kodad(Varden.SYSSELSATTNING, "sysselsattning.")),
            Map.entry("steg_mot_arbete", new Kodad(Varden.STEG_MOT_ARBETE, "steg.")),
            Map.entry("nadd_6_man", new Kodad(List.of("ja", "nej"), "ja_nej_okant.")),
            Map.entry("forsorjning_6_man", new Kodad(Varden.FORSORJNING, "forsorjning.")),
            Map.entry("sysselsattning_6_man", new Kodad(Varden.SYSSELSATTNING, "sysselsattning.")),
            Map.entry("nadd_12_man", new Kodad(List.of("ja", "nej"), "ja_nej_okant.")),
            Map.entry("forsorjning_12_man", new Kodad(Varden.FORSORJNING, "forsorjning.")),
            Map.entry("sysselsattning_12_man", new Kodad(Varden.SYSSELSATTNING, "sysselsattning.")));

    private Mall() {
    }

    /** The header of the codes sheet. */
    public static final List<String> KODRUBRIK = List.of("kolumn", "kravs", "kod", "betydelse");

    /**
     * One row per allowed code of each column (column, required, code, meaning); a column without codes has one
     * row with its format instead of a code. The texts come from the given messages.
     */
    public static List<List<String>> koder(Function<String, String> text) {
        List<List<String>> rader = new ArrayList<>();
        for (String kolumn : KOLUMNER) {
            String kravs = text.apply("deltagarimport.kravs." + (DeltagarImport.KRAVS.contains(kolumn) ? "ja"
                    : List.of("avslutsorsak", "forsorjning_efter").contains(kolumn) ? "avslut" : "nej"));
            String om = text.apply("deltagarimport.kolumn." + kolumn);
            Kodad kodad = KODADE.get(kolumn);
            if (kodad == null) {
                rader.add(List.of(kolumn, kravs, text.apply("deltagarimport.format." + format(kolumn)), om));
            } else {
                for (String kod : kodad.koder()) {
                    rader.add(List.of(kolumn, kravs, kod, om + ": " + text.apply(kodad.prefix() + kod)));
                }
            }
        }
        return rader;
    }

    private static String format(String kolumn) {
        if (kolumn.startsWith("datum_") || kolumn.endsWith("datum")) {
            return "datum";
        }
        return kolumn.equals("fodelsear") ? "ar" : "kod";
    }

    public static String csvKolumner() {
        return new CsvFil().rad(KOLUMNER).text();
    }

    public static String csvKoder(Function<String, String> text) {
        CsvFil csv = new CsvFil().rad(KODRUBRIK);
        for (List<String> rad : koder(text)) {
            csv.rad(rad);
        }
        return csv.text();
    }

    public static byte[] xlsx(Function<String, String> text) throws IOException {
        ByteArrayOutputStream ut = new ByteArrayOutputStream();
        Workbook bok = new Workbook(ut, "FINSAM Planering", "1.0");
        Worksheet blad = bok.newWorksheet("deltagare");
        for (int k = 0; k < KOLUMNER.size(); k++) {
            blad.value(0, k, KOLUMNER.get(k));
            blad.width(k, Math.max(12, KOLUMNER.get(k).length() + 2));
        }
        blad.range(0, 0, 0, KOLUMNER.size() - 1).style().bold().set();
        Worksheet koder = bok.newWorksheet("koder");
        for (int k = 0; k < KODRUBRIK.size(); k++) {
            koder.value(0, k, KODRUBRIK.get(k));
        }
        koder.range(0, 0, 0, KODRUBRIK.size() - 1).style().bold().set();
        List<List<String>> rader = koder(text);
        for (int r = 0; r < rader.size(); r++) {
            for (int k = 0; k < rader.get(r).size(); k++) {
                koder.value(r + 1, k, rader.get(r).get(k));
            }
        }
        koder.width(0, 30);
        koder.width(2, 28);
        koder.width(3, 80);
        bok.finish();
        return ut.toByteArray();
    }
}
