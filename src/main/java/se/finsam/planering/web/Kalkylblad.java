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
import java.util.Enumeration;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads an uploaded spreadsheet into rows of text cells with their line numbers: CSV (comma or semicolon, UTF-8,
 * with or without a byte order mark, as Excel writes it) or Excel (.xlsx, first sheet). The type is told by the
 * content and must agree with the file name's ending. Every import of the app reads its file here.
 *
 * <p>An .xlsx file is a zip archive, and a small one can unpack to gigabytes. Before the workbook reader sees it,
 * every part of the archive is unpacked once into nothing while it is counted: only the two methods Office
 * writes (stored and deflate) are taken, each part may unpack to at most {@link #MAX_DEL_BYTES} and all of them
 * to at most {@link #MAX_TOTALT_BYTES}; the XML parts are read with a streaming parser that refuses a document
 * type declaration, more rows than the import takes, a cell beyond column {@link #MAX_KOLUMNER} and a cell
 * whose text, across all its runs, is longer than {@link #MAX_CELLTECKEN} characters (Excel's own limit for a
 * cell). Every part is read so, whatever its name, since the workbook reader finds its parts through their
 * relationships. So nothing the reader later keeps can be larger than these. An import quotes at most
 * {@link #MAX_CITAT} characters of a value in an error and lists the errors of its first rows only.
 */
public final class Kalkylblad {

    /** The most one part of an .xlsx archive may unpack to. */
    public static final long MAX_DEL_BYTES = 16L * 1024 * 1024;
    /** The most all parts of an .xlsx archive together may unpack to. */
    public static final long MAX_TOTALT_BYTES = 40L * 1024 * 1024;
    /** The most parts an .xlsx archive may have. */
    public static final int MAX_DELAR = 500;
    /** The most columns a row of a sheet may reach. */
    public static final int MAX_KOLUMNER = 1000;
    /** The longest text of one cell, Excel's own limit. */
    public static final int MAX_CELLTECKEN = 32_767;
    /** The longest value an error message quotes. */
    public static final int MAX_CITAT = 60;

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
        Blad hinder = kontrolleraArkiv(innehall, maxRader);
        if (hinder != null) {
            return hinder;
        }
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

    /** Why the archive must not be opened, or null when every part is within the limits. */
    static Blad kontrolleraArkiv(byte[] innehall, int maxRader) {
        long totalt = 0;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(innehall)).get()) {
            int delar = 0;
            for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
                ZipArchiveEntry del = e.nextElement();
                if (++delar > MAX_DELAR) {
                    return Blad.fel("import.fel.xlsx");
                }
                int metod = del.getMethod();
                if (metod != ZipMethod.STORED.getCode() && metod != ZipMethod.DEFLATED.getCode()
                        || !zip.canReadEntryData(del)) {
                    return Blad.fel("import.fel.xlsx.packning");
                }
                Raknare in = new Raknare(zip.getInputStream(del), Math.min(MAX_DEL_BYTES, MAX_TOTALT_BYTES - totalt));
                try (in) {
                    // The workbook reader finds its parts through the relationships and content types, not by
                    // their names: every part is read as XML. One that is not XML from its start (an image) is
                    // skipped; one named as XML must be XML through its end.
                    String namn = del.getName().toLowerCase(Locale.ROOT);
                    Blad fel = granskaXml(in, maxRader, namn.endsWith(".xml") || namn.endsWith(".rels"));
                    if (fel != null) {
                        return fel;
                    }
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (RuntimeException | IOException r) {
                    if (!forStor(r)) {
                        throw r;
                    }
                    return Blad.fel("import.fel.xlsx.uppackad", MAX_DEL_BYTES / (1024 * 1024),
                            MAX_TOTALT_BYTES / (1024 * 1024));
                }
                totalt += in.antal;
            }
        } catch (IOException | RuntimeException e) {
            return Blad.fel("import.fel.xlsx");
        }
        return null;
    }

    /**
     * Reads one part as an XML stream and stops at the first thing past a limit. The text of a cell ({@code c})
     * or of a shared string ({@code si}) is counted across all its children (rich-text runs, comments, CDATA),
     * as the workbook reader joins them into one value; elsewhere each element's text is counted on its own.
     * A part that is not XML from its start is no sheet and is let through unless {@code maste} says it must be
     * XML.
     */
    private static Blad granskaXml(InputStream in, int maxRader, boolean maste) {
        XMLInputFactory fabrik = XMLInputFactory.newFactory();
        fabrik.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        fabrik.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        fabrik.setProperty(XMLInputFactory.IS_COALESCING, false);
        XMLStreamReader xml = null;
        boolean element = false;
        try {
            xml = fabrik.createXMLStreamReader(in);
            int rader = 0;
            long text = 0;
            boolean iCell = false;
            while (xml.hasNext()) {
                int typ = xml.next();
                element |= typ == XMLStreamConstants.START_ELEMENT;
                if (typ == XMLStreamConstants.CHARACTERS || typ == XMLStreamConstants.CDATA
                        || typ == XMLStreamConstants.SPACE) {
                    text += xml.getTextLength();
                    if (text > MAX_CELLTECKEN) {
                        return Blad.fel("import.fel.xlsx.cell", MAX_CELLTECKEN);
                    }
                    continue;
                }
                if (typ == XMLStreamConstants.DTD || typ == XMLStreamConstants.ENTITY_REFERENCE) {
                    return Blad.fel("import.fel.xlsx");
                }
                if (typ == XMLStreamConstants.END_ELEMENT && cellElement(xml.getLocalName())) {
                    iCell = false;
                }
                if (typ == XMLStreamConstants.START_ELEMENT && cellElement(xml.getLocalName())) {
                    iCell = true;
                    text = 0;
                }
                if (!iCell) {
                    text = 0;
                }
                if (typ != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                for (int i = 0; i < xml.getAttributeCount(); i++) {
                    if (xml.getAttributeValue(i).length() > MAX_CELLTECKEN) {
                        return Blad.fel("import.fel.xlsx.cell", MAX_CELLTECKEN);
                    }
                }
                String namn = xml.getLocalName();
                if (namn.equals("row") && ++rader > maxRader + 1) {
                    return Blad.fel("import.fel.rader", maxRader);
                }
                if (namn.equals("c") && kolumn(xml.getAttributeValue(null, "r")) > MAX_KOLUMNER) {
                    return Blad.fel("import.fel.xlsx.kolumner", MAX_KOLUMNER);
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            if (forStor(e)) {
                throw new ForStor();
            }
            return maste || element ? Blad.fel("import.fel.xlsx") : null;
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing more is read from it
                }
            }
        }
    }

    /** An element whose text the workbook reader joins into one cell value: a cell or a shared string. */
    private static boolean cellElement(String namn) {
        return namn.equals("c") || namn.equals("si");
    }

    /** The column (from 1) of a cell reference such as "AB12"; 0 without one. Stops counting past the limit. */
    static int kolumn(String referens) {
        if (referens == null) {
            return 0;
        }
        int kolumn = 0;
        for (int i = 0; i < referens.length(); i++) {
            char c = Character.toUpperCase(referens.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            kolumn = kolumn * 26 + (c - 'A' + 1);
            if (kolumn > MAX_KOLUMNER) {
                return MAX_KOLUMNER + 1;
            }
        }
        return kolumn;
    }

    private static boolean forStor(Throwable t) {
        for (Throwable o = t; o != null; o = o.getCause()) {
            if (o instanceof ForStor) {
                return true;
            }
        }
        return false;
    }

    /** Past a limit while unpacking. */
    private static final class ForStor extends RuntimeException {
        ForStor() {
            super(null, null, false, false);
        }
    }

    /** Counts what is read through it and stops at a limit. */
    private static final class Raknare extends java.io.FilterInputStream {
        private final long max;
        private long antal;

        Raknare(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        private void rakna(long n) {
            if (n > 0) {
                antal += n;
                if (antal > max) {
                    throw new ForStor();
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            rakna(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            rakna(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long skippat = 0;
            while (skippat < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skippat));
                if (r < 0) {
                    break;
                }
                skippat += r;
            }
            return skippat;
        }
    }

    /** A value to quote in an error message: at most {@link #MAX_CITAT} characters, a longer one cut with "…". */
    public static Object citat(Object varde) {
        if (varde instanceof String s && s.length() > MAX_CITAT) {
            int slut = Character.isHighSurrogate(s.charAt(MAX_CITAT - 1)) ? MAX_CITAT - 1 : MAX_CITAT;
            return s.substring(0, slut) + "…";
        }
        return varde;
    }

    public static boolean tom(List<String> rad) {
        return rad.stream().allMatch(c -> c == null || c.isBlank());
    }

    public static String cell(List<String> rad, int index) {
        return index < rad.size() && rad.get(index) != null ? rad.get(index).strip() : "";
    }
}
