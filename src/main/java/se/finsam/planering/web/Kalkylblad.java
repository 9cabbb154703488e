package se.finsam.planering.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads an uploaded spreadsheet into rows of text cells with their line numbers: CSV (comma or semicolon, UTF-8,
 * with or without a byte order mark, as Excel writes it) or Excel (.xlsx, first sheet). The type is told by the
 * content and must agree with the file name's ending. Every import of the app reads its file here.
 */
public final class Kalkylblad {

    /** Either the rows and their line numbers, or the message key (and arguments) of why it cannot be read. */
    public record Blad(List<List<String>> rader, List<Integer> radnummer, String fel, List<Object> argument) {
        public boolean ok() {
            return fel == null;
        }

        public static Blad fel(String nyckel, Object... argument) {
            return new Blad(List.of(), List.of(), nyckel, List.of(argument));
        }
    }

    private Kalkylblad() {
    }

    public static Blad las(String filnamn, byte[] innehall, int maxBytes, int maxRader) {
        String namn = filnamn == null ? "" : filnamn.toLowerCase(Locale.ROOT);
        if (innehall.length == 0) {
            return Blad.fel("import.fel.tom");
        }
        if (innehall.length > maxBytes) {
            return Blad.fel("import.fel.storlek", maxBytes / 1024);
        }
        // A file shorter than a zip header cannot be a workbook (the check itself needs eight bytes).
        boolean zip = innehall.length >= 8 && ReadableWorkbook.isOOXMLZipHeader(Arrays.copyOf(innehall, 8));
        if (namn.endsWith(".xlsx")) {
            return zip ? xlsx(innehall, maxRader) : Blad.fel("import.fel.typ");
        }
        if (namn.endsWith(".csv") || namn.endsWith(".txt")) {
            return zip ? Blad.fel("import.fel.typ") : csv(innehall, maxRader);
        }
        return Blad.fel("import.fel.typ");
    }

    static Blad csv(byte[] innehall, int maxRader) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(innehall)).toString();
        } catch (CharacterCodingException e) {
            return Blad.fel("import.fel.utf8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            return Blad.fel("import.fel.typ");
        }
        String forsta = text.lines().findFirst().orElse("");
        char avgransare = forsta.chars().filter(c -> c == ';').count() > forsta.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(avgransare).setIgnoreEmptyLines(false).get();
        List<List<String>> rader = new ArrayList<>();
        List<Integer> radnummer = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                if (rader.size() > maxRader + 1) {
                    return Blad.fel("import.fel.rader", maxRader);
                }
                rader.add(record.toList());
                // The record number is the line number unless a quoted cell spans lines.
                radnummer.add((int) record.getRecordNumber());
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return Blad.fel("import.fel.csv");
        }
        return new Blad(rader, radnummer, null, List.of());
    }

    static Blad xlsx(byte[] innehall, int maxRader) {
        List<List<String>> rader = new ArrayList<>();
        List<Integer> radnummer = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(innehall); ReadableWorkbook wb = new ReadableWorkbook(in);
             Stream<Row> rows = wb.getFirstSheet().openStream()) {
            Iterator<Row> it = rows.iterator();
            while (it.hasNext()) {
                if (rader.size() > maxRader + 1) {
                    return Blad.fel("import.fel.rader", maxRader);
                }
                Row row = it.next();
                List<String> celler = new ArrayList<>();
                for (int i = 0; i < Math.min(row.getCellCount(), 50); i++) {
                    celler.add(row.getCellText(i));
                }
                rader.add(celler);
                radnummer.add(row.getRowNum());
            }
        } catch (IOException | RuntimeException e) {
            return Blad.fel("import.fel.xlsx");
        }
        return new Blad(rader, radnummer, null, List.of());
    }

    public static boolean tom(List<String> rad) {
        return rad.stream().allMatch(c -> c == null || c.isBlank());
    }

    public static String cell(List<String> rad, int index) {
        return index < rad.size() && rad.get(index) != null ? rad.get(index).strip() : "";
    }
}
