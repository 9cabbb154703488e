package se.finsam.planering.personal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import se.finsam.planering.web.Kalkylblad;

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
    /** The longest cell the import reads: more than any field takes (a list of teams the longest). */
    public static final int MAX_CELL = 1000;

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

    /** Reads an uploaded file (see {@link Kalkylblad}) and then its staff rows. */
    public static Lasning las(String filnamn, byte[] innehall) {
        Kalkylblad.Blad blad = Kalkylblad.las(filnamn, innehall, MAX_BYTES, MAX_RADER);
        if (!blad.ok()) {
            return new Lasning(List.of(), blad.fel(), blad.argument());
        }
        return tolka(blad.rader(), blad.radnummer());
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
            for (int k : kolumner.values()) {
                if (k < rad.size() && rad.get(k) != null && rad.get(k).length() > MAX_CELL) {
                    return Lasning.fel("import.fel.cell", radnummer.get(i), MAX_CELL);
                }
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
        return Kalkylblad.tom(rad);
    }

    private static String cell(List<String> rad, int index) {
        return Kalkylblad.cell(rad, index);
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
