package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits an uploaded .xlsx is held to before the workbook reader opens it. */
class KalkylbladTest {

    private static final String START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    private static final String SLUT = "</sheetData></worksheet>";

    private static String cell(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    private static Kalkylblad.Blad las(String rader, int maxRader) {
        return Kalkylblad.las("fil.xlsx", Zipbomb.medBlad(START + rader + SLUT), 900 * 1024, maxRader);
    }

    @Test
    void enVanligFilLases() {
        Kalkylblad.Blad blad = las("<row r=\"1\">" + cell("A1", "kod") + cell("B1", "kon") + "</row>"
                + "<row r=\"2\">" + cell("A2", "K-1") + cell("B2", "man") + "</row>", 10);
        assertNull(blad.fel());
        assertEquals(List.of(List.of("kod", "kon"), List.of("K-1", "man")), blad.rader());
    }

    @Test
    void enCellLangreAnExcelsGransAvvisas() {
        assertEquals("import.fel.xlsx.cell", las("<row r=\"1\">" + cell("A1", "x".repeat(Kalkylblad.MAX_CELLTECKEN + 1))
                + "</row>", 10).fel());
        assertNull(las("<row r=\"1\">" + cell("A1", "x".repeat(Kalkylblad.MAX_CELLTECKEN)) + "</row>", 10).fel());
    }

    @Test
    void enCellBortomKolumnGransenAvvisas() {
        assertEquals(Kalkylblad.MAX_KOLUMNER, Kalkylblad.kolumn("ALL1"));
        assertEquals("import.fel.xlsx.kolumner", las("<row r=\"1\">" + cell("ALM1", "x") + "</row>", 10).fel());
        assertEquals("import.fel.xlsx.kolumner", las("<row r=\"1\">" + cell("ZZZZZZZZ1", "x") + "</row>", 10).fel());
        assertNull(las("<row r=\"1\">" + cell("ALL1", "x") + "</row>", 10).fel());
    }

    @Test
    void forMangaRaderAvvisasInnanDeLases() {
        StringBuilder rader = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            rader.append("<row r=\"").append(i).append("\">").append(cell("A" + i, "r" + i)).append("</row>");
        }
        assertEquals("import.fel.rader", las(rader.toString(), 10).fel());
    }

    @Test
    void enDokumenttypsdeklarationAvvisas() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\">" + cell("A1", "&a;") + "</row>" + SLUT;
        assertEquals("import.fel.xlsx", Kalkylblad.las("fil.xlsx", Zipbomb.medBlad(xml), 900 * 1024, 10).fel());
    }
}
