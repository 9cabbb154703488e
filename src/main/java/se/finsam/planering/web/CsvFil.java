package se.finsam.planering.web;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every CSV file the app writes is written here, so that all of them open the same way in Swedish Excel and none
 * can carry a formula:
 * <ul>
 * <li>UTF-8 with a byte order mark, semicolon between cells, CRLF between rows (Excel's list separator and line
 * ending in a Swedish locale);</li>
 * <li>a decimal number ({@link Double}, {@link Float}, {@link BigDecimal}) with a decimal comma ({@code 358,0}),
 * so that Excel reads it as a number;</li>
 * <li>a text that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return, which
 * Excel, LibreOffice and Google Sheets would take as the start of a formula, written with a single quote in front
 * and in double quotes (OWASP's rule against CSV injection); a text that is just a number, such as {@code -3},
 * is a number and stays as it is;</li>
 * <li>a cell with a semicolon, a double quote or a line break in double quotes, its double quotes doubled.</li>
 * </ul>
 */
public final class CsvFil {

    /** The separator between cells. */
    public static final char AVGRANSARE = ';';

    private static final Pattern TAL = Pattern.compile("-?\\d+(,\\d+)?");

    private final StringBuilder text = new StringBuilder("\uFEFF");

    /** Adds a row; each cell written by the rules above (null is an empty cell). */
    public CsvFil rad(Object... celler) {
        return rad(java.util.Arrays.asList(celler));
    }

    /** Adds a row; each cell written by the rules above (null is an empty cell). */
    public CsvFil rad(List<?> celler) {
        for (int i = 0; i < celler.size(); i++) {
            if (i > 0) {
                text.append(AVGRANSARE);
            }
            text.append(cell(celler.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    /** An empty row, between sections of a file. */
    public CsvFil tomRad() {
        text.append("\r\n");
        return this;
    }

    /** The whole file, byte order mark first. */
    public String text() {
        return text.toString();
    }

    /** Sends the file as a download with the given file name. */
    public void skicka(Context ctx, String filnamn) {
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filnamn + "\"")
                .result(text());
    }

    /** One cell as it is written in the file. */
    public static String cell(Object varde) {
        if (varde == null) {
            return "";
        }
        if (varde instanceof Integer || varde instanceof Long || varde instanceof Short || varde instanceof BigInteger) {
            return varde.toString();
        }
        if (varde instanceof Double || varde instanceof Float) {
            double d = ((Number) varde).doubleValue();
            return Double.isFinite(d) ? decimal(BigDecimal.valueOf(d)) : "";
        }
        if (varde instanceof BigDecimal b) {
            return decimal(b);
        }
        String s = varde.toString();
        boolean formel = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !TAL.matcher(s).matches();
        if (formel) {
            s = "'" + s;
        }
        if (formel || s.indexOf(AVGRANSARE) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || s.indexOf(',') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String decimal(BigDecimal b) {
        return b.toPlainString().replace('.', ',');
    }
}
