package se.finsam.planering.personal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads staff from a spreadsheet: CSV (comma or semicolon, UTF-8) or Excel (.xlsx), first sheet. The first row
 * names the columns, in any order, in Swedish or English: namn/name, e-post/epost/e-mail/email, organisation,
 * roll/role, team/teams, and optionally telefon/phone. Several teams in one cell are separated by ";" or ",".
 */
public final class PersonalImport {

    /** The largest file taken. */
    public static final int MAX_BYTES = 512 * 1024;
    /** The most rows one file may hold. */
    public static final int MAX_RADER = 1000;

    /** One data row and the line it was on (the header is line 1). */
    public record Rad(int rad, PersonalRegler.Uppgifter uppgifter) {
    }

    /** Either the rows, or the message key (and arguments) of why the file cannot be read. */
    public record Lasning(List<Rad> rader, String fel, List<Object> argument) {
        public boolean ok() {
            return fel == null;
        }

        static Lasning fel(String nyckel, Object... argument) {
            return new Lasning(List.of(), nyckel, List.of(argument));
        }
    }

    enum Kolumn { NAMN, EPOST, ORGANISATION, ROLL, TEAM, TELEFON }

    private static final Map<String, Kolumn> RUBRIKER = Map.ofEntries(
            Map.entry("namn", Kolumn.NAMN), Map.entry("name", Kolumn.NAMN),
            Map.entry("e-post", Kolumn.EPOST), Map.entry("epost", Kolumn.EPOST), Map.entry("e-mail", Kolumn.EPOST),
            Map.entry("email", Kolumn.EPOST), Map.entry("mail", Kolumn.EPOST),
            Map.entry("organisation", Kolumn.ORGANISATION), Map.entry("organization", Kolumn.ORGANISATION),
            Map.entry("roll", Kolumn.ROLL), Map.entry("role", Kolumn.ROLL),
            Map.entry("team", Kolumn.TEAM), Map.entry("teams", Kolumn.TEAM),
            Map.entry("telefon", Kolumn.TELEFON), Map.entry("phone", Kolumn.TELEFON));

    private PersonalImport() {
    }

    /** Reads an uploaded file; its type is told by its content, and must agree with its name's ending. */
    public static Lasning las(String filnamn, byte[] innehall) {
        String namn = filnamn == null ? "" : filnamn.toLowerCase(Locale.ROOT);
        if (innehall.length == 0) {
            return Lasning.fel("import.fel.tom");
        }
        if (innehall.length > MAX_BYTES) {
            return Lasning.fel("import.fel.storlek", MAX_BYTES / 1024);
        }
        boolean zip = ReadableWorkbook.isOOXMLZipHeader(Arrays.copyOf(innehall, Math.min(innehall.length, 8)));
        if (namn.endsWith(".xlsx")) {
            return zip ? lasXlsx(innehall) : Lasning.fel("import.fel.typ");
        }
        if (namn.endsWith(".csv") || namn.endsWith(".txt")) {
            return zip ? Lasning.fel("import.fel.typ") : lasCsv(innehall);
        }
        return Lasning.fel("import.fel.typ");
    }

    static Lasning lasCsv(byte[] innehall) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(innehall)).toString();
        } catch (CharacterCodingException e) {
            return Lasning.fel("import.fel.utf8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            return Lasning.fel("import.fel.typ");
        }
        String forsta = text.lines().findFirst().orElse("");
        char avgransare = forsta.chars().filter(c -> c == ';').count() > forsta.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(avgransare).setIgnoreEmptyLines(false).get();
        List<List<String>> rader = new ArrayList<>();
        List<Integer> radnummer = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                if (rader.size() > MAX_RADER + 1) {
                    return Lasning.fel("import.fel.rader", MAX_RADER);
                }
                rader.add(record.toList());
                // The record number is the line number unless a quoted cell spans lines.
                radnummer.add((int) record.getRecordNumber());
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return Lasning.fel("import.fel.csv");
        }
        return tolka(rader, radnummer);
    }

    static Lasning lasXlsx(byte[] innehall) {
        List<List<String>> rader = new ArrayList<>();
        List<Integer> radnummer = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(innehall); ReadableWorkbook wb = new ReadableWorkbook(in);
             Stream<Row> rows = wb.getFirstSheet().openStream()) {
            Iterator<Row> it = rows.iterator();
            while (it.hasNext()) {
                if (rader.size() > MAX_RADER + 1) {
                    return Lasning.fel("import.fel.rader", MAX_RADER);
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
            return Lasning.fel("import.fel.xlsx");
        }
        return tolka(rader, radnummer);
    }

    private static Lasning tolka(List<List<String>> rader, List<Integer> radnummer) {
        int rubrikIndex = -1;
        for (int i = 0; i < rader.size(); i++) {
            if (!tom(rader.get(i))) {
                rubrikIndex = i;
                break;
            }
        }
        if (rubrikIndex < 0) {
            return Lasning.fel("import.fel.tom");
        }
        Map<Kolumn, Integer> kolumner = new HashMap<>();
        List<String> rubrik = rader.get(rubrikIndex);
        for (int i = 0; i < rubrik.size(); i++) {
            String r = rubrik.get(i) == null ? "" : rubrik.get(i).strip().toLowerCase(Locale.ROOT);
            Kolumn k = RUBRIKER.get(r);
            if (k != null && kolumner.putIfAbsent(k, i) != null) {
                return Lasning.fel("import.fel.kolumn.tva", rubrik.get(i).strip());
            }
        }
        for (Kolumn k : List.of(Kolumn.NAMN, Kolumn.EPOST, Kolumn.ORGANISATION, Kolumn.ROLL, Kolumn.TEAM)) {
            if (!kolumner.containsKey(k)) {
                return Lasning.fel("import.fel.kolumner");
            }
        }
        List<Rad> resultat = new ArrayList<>();
        for (int i = rubrikIndex + 1; i < rader.size(); i++) {
            List<String> rad = rader.get(i);
            if (tom(rad)) {
                continue;
            }
            String team = cell(rad, kolumner.get(Kolumn.TEAM));
            resultat.add(new Rad(radnummer.get(i), new PersonalRegler.Uppgifter(null,
                    cell(rad, kolumner.get(Kolumn.NAMN)), cell(rad, kolumner.get(Kolumn.EPOST)),
                    Optional.ofNullable(kolumner.get(Kolumn.TELEFON)).map(k -> cell(rad, k)).orElse(""),
                    cell(rad, kolumner.get(Kolumn.ROLL)), cell(rad, kolumner.get(Kolumn.ORGANISATION)),
                    Arrays.stream(team.split("[;,]")).map(String::strip).filter(s -> !s.isEmpty()).toList())));
        }
        if (resultat.isEmpty()) {
            return Lasning.fel("import.fel.tom");
        }
        if (resultat.size() > MAX_RADER) {
            return Lasning.fel("import.fel.rader", MAX_RADER);
        }
        return new Lasning(List.copyOf(resultat), null, List.of());
    }

    private static boolean tom(List<String> rad) {
        return rad.stream().allMatch(c -> c == null || c.isBlank());
    }

    private static String cell(List<String> rad, int index) {
        return index < rad.size() && rad.get(index) != null ? rad.get(index).strip() : "";
    }

    /**
     * The rows as a CSV text with their line numbers, for the preview page to send back when the import is
     * confirmed (the file itself is not kept on the server).
     */
    public static String somText(List<Rad> rader) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            for (Rad r : rader) {
                PersonalRegler.Uppgifter u = r.uppgifter();
                printer.printRecord(r.rad(), u.namn(), u.epost(), u.telefon(), u.roll(), u.organisation(),
                        String.join(";", u.team()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads back what {@link #somText} wrote; empty if it was tampered with beyond reading. */
    public static Optional<List<Rad>> franText(String text) {
        if (text == null || text.length() > MAX_BYTES * 2) {
            return Optional.empty();
        }
        List<Rad> rader = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT)) {
            for (CSVRecord r : parser) {
                if (r.size() != 7 || rader.size() >= MAX_RADER) {
                    return Optional.empty();
                }
                rader.add(new Rad(Integer.parseInt(r.get(0)), new PersonalRegler.Uppgifter(null, r.get(1),
                        r.get(2), r.get(3), r.get(4), r.get(5),
                        Arrays.stream(r.get(6).split(";")).filter(s -> !s.isBlank()).toList())));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return rader.isEmpty() ? Optional.empty() : Optional.of(rader);
    }
}
