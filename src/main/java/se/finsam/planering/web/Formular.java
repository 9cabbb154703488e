package se.finsam.planering.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a submitted form, from an HTML form or from the same fields sent as JSON, by one set of rules: every
 * value is trimmed and never longer than its field allows, dates and numbers lie within a range that makes
 * sense for the field, ids are positive whole numbers, and a phone number or an e-mail address follows one
 * rule each. What is wrong is collected as message keys in {@link #fel()}, field by field, and the page
 * shows them in the error summary and beside each field.
 *
 * <pre>
 * Formular f = Formular.av(ctx);
 * String namn = f.text("namn", Formular.RAD);
 * String telefon = f.telefon("telefon");
 * LocalDate datum = f.datum("datum").fran(idag, "mote.fel.datum").till(idag.plusYears(2)).las();
 * if (!f.fel().isEmpty()) { ctx.status(400); ... }
 * </pre>
 */
public final class Formular {

    /** A line of text: a name, a title, a phone number. */
    public static final int RAD = 500;
    /** A text typed in a text area. */
    public static final int TEXT = 4000;
    /** Nothing longer is read from any field at all. */
    public static final int STORST = 8000;

    /**
     * No date in the app lies outside these years: formatting in a time zone, and SQL comparing ISO dates
     * as text, rely on four-digit years.
     */
    public static final LocalDate TIDIGAST = LocalDate.of(1900, 1, 1);
    public static final LocalDate SENAST = LocalDate.of(2199, 12, 31);

    /** Digits, spaces, + ( ) and -, as a phone number is written; a number shorter than six is not one. */
    public static final Pattern TELEFON = Pattern.compile("[+0-9 ()-]{6,20}");
    /** Something before and after one @, and a dot in the part after. */
    public static final Pattern EPOST = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final int EPOST_MAX = 254;

    /** Longer than any date or number anyone types; nothing longer is parsed. */
    private static final int TAL_MAX = 20;

    private final Map<String, List<String>> varden;
    private final Formularfel fel = new Formularfel();

    private Formular(Map<String, List<String>> varden) {
        this.varden = varden;
    }

    /** The form posted with this request. */
    public static Formular av(Context ctx) {
        return new Formular(ctx.formParamMap());
    }

    /** Fields given as name and value, such as a record sent as JSON. */
    public static Formular av(Map<String, String> falt) {
        Map<String, List<String>> varden = new LinkedHashMap<>();
        falt.forEach((k, v) -> varden.put(k, v == null ? List.of() : List.of(v)));
        return new Formular(varden);
    }

    public Formularfel fel() {
        return fel;
    }

    public boolean ok() {
        return fel.isEmpty();
    }

    /** Adds an error the rules of the form itself found. */
    public Formular fel(String falt, String nyckel, Object... argument) {
        fel.add(falt, nyckel, argument);
        return this;
    }

    /** Whether the field was sent at all, even empty. */
    public boolean finns(String falt) {
        return varden.containsKey(falt);
    }

    /** The field's names, in the order they were sent. */
    public java.util.Set<String> namn() {
        return varden.keySet();
    }

    /** The trimmed value, "" when the field is missing; never more than {@link #STORST} characters. */
    public String text(String falt) {
        // NUL is never meant: a browser does not send it, and SQLite's length() stops at it.
        return somSkrivet(falt).replace("\u0000", "").strip();
    }

    /** The value as typed, not trimmed (a password), "" when missing; never more than {@link #STORST} characters. */
    public String somSkrivet(String falt) {
        List<String> v = varden.get(falt);
        if (v == null || v.isEmpty() || v.get(0) == null) {
            return "";
        }
        String s = v.get(0);
        return s.length() > STORST ? s.substring(0, STORST) : s;
    }

    /** The trimmed value; longer than {@code max} is an error ({@code form.fel.lang}), and the text is kept. */
    public String text(String falt, int max) {
        String s = text(falt);
        if (s.length() > max) {
            fel.add(falt, "form.fel.lang", max, s.length());
        }
        return s;
    }

    /** As {@link #text(String, int)}, and empty is an error with the message key given. */
    public String text(String falt, int max, String saknas) {
        String s = text(falt, max);
        if (s.isEmpty()) {
            fel.add(falt, saknas);
        }
        return s;
    }

    /** Every value sent for a field (checkboxes), trimmed, empty ones left out. */
    public List<String> alla(String falt) {
        List<String> v = varden.get(falt);
        if (v == null) {
            return List.of();
        }
        return v.stream().filter(s -> s != null && s.length() <= RAD).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** A whole number the page itself sends (a version, a count), or {@code annars} when it is not one. */
    public long heltal(String falt, long annars) {
        String s = text(falt);
        try {
            return s.length() <= TAL_MAX ? Long.parseLong(s) : annars;
        } catch (NumberFormatException e) {
            return annars;
        }
    }

    /** A ticked checkbox sends its value; anything else is unticked. */
    public boolean kryss(String falt, String varde) {
        return alla(falt).contains(varde);
    }

    /** One of the values given, or "" when empty; any other value is an error with the key given. */
    public String val(String falt, List<String> tillatna, String felnyckel) {
        String s = text(falt);
        if (!s.isEmpty() && !tillatna.contains(s)) {
            fel.add(falt, felnyckel);
        }
        return s;
    }

    /** A phone number by {@link #TELEFON}, or "" when empty. */
    public String telefon(String falt) {
        String s = text(falt);
        if (!s.isEmpty() && !giltigTelefon(s)) {
            fel.add(falt, "form.fel.telefon");
        }
        return s;
    }

    /** An e-mail address by {@link #EPOST}, or "" when empty. */
    public String epost(String falt) {
        String s = text(falt);
        if (!s.isEmpty() && !giltigEpost(s)) {
            fel.add(falt, "form.fel.epost");
        }
        return s;
    }

    public static boolean giltigTelefon(String s) {
        return s != null && TELEFON.matcher(s.strip()).matches();
    }

    public static boolean giltigEpost(String s) {
        return s != null && s.strip().length() <= EPOST_MAX && EPOST.matcher(s.strip()).matches();
    }

    /** The id of something chosen in a list: a positive whole number, or null when empty or not one. */
    public Long id(String falt) {
        return positivt(text(falt));
    }

    /** A positive whole number, or null. */
    public static Long positivt(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty() || s.length() > TAL_MAX) {
            return null;
        }
        try {
            long id = Long.parseLong(s);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An id chosen in a list; empty or not an id is an error with the key given. */
    public Long id(String falt, String felnyckel) {
        Long id = id(falt);
        if (id == null) {
            fel.add(falt, felnyckel);
        }
        return id;
    }

    /** The id in a path such as {@code /deltagare/{id}}; anything but a positive number is a plain 404. */
    public static long sokvagsId(Context ctx, String parameter) {
        return ctx.pathParamAsClass(parameter, Long.class).check(id -> id > 0, "id")
                .getOrThrow(errors -> new NotFoundResponse());
    }

    public Datum datum(String falt) {
        return new Datum(falt, text(falt));
    }

    /** A date typed in a field, with the text given: a row that has moved on the page keeps its own. */
    public Datum datum(String falt, String text) {
        return new Datum(falt, text == null ? "" : text.strip());
    }

    public Tal tal(String falt) {
        return new Tal(falt, text(falt));
    }

    /** A date field being read: set its range and messages, then {@link #las}. */
    public final class Datum {
        private final String falt;
        private final String text;
        private LocalDate tidigast = TIDIGAST;
        private LocalDate senast = SENAST;
        private String fore;
        private Object[] foreArgument = {};
        private String efter;
        private Object[] efterArgument = {};
        private String format = "fel.datum.format";
        private Object[] formatArgument = {};
        private String saknas;
        private boolean frivillig;

        private Datum(String falt, String text) {
            this.falt = falt;
            this.text = text;
        }

        /** The earliest date allowed; without a message key, "Skriv ett datum från … till …". */
        public Datum fran(LocalDate datum) {
            this.tidigast = datum.isBefore(TIDIGAST) ? TIDIGAST : datum;
            return this;
        }

        public Datum fran(LocalDate datum, String nyckel, Object... argument) {
            fran(datum);
            this.fore = nyckel;
            this.foreArgument = argument;
            return this;
        }

        public Datum till(LocalDate datum) {
            this.senast = datum.isAfter(SENAST) ? SENAST : datum;
            return this;
        }

        public Datum till(LocalDate datum, String nyckel, Object... argument) {
            till(datum);
            this.efter = nyckel;
            this.efterArgument = argument;
            return this;
        }

        /** The message key when the text is not a date (and, unless {@link #saknas} says otherwise, when empty). */
        public Datum format(String nyckel, Object... argument) {
            this.format = nyckel;
            this.formatArgument = argument;
            return this;
        }

        public Datum saknas(String nyckel) {
            this.saknas = nyckel;
            return this;
        }

        /** An empty field is no error; {@link #las} then gives null. */
        public Datum frivillig() {
            this.frivillig = true;
            return this;
        }

        /** The date, or null with an error for the field. */
        public LocalDate las() {
            if (text.isEmpty()) {
                if (!frivillig) {
                    if (saknas != null) {
                        fel.add(falt, saknas);
                    } else {
                        fel.add(falt, format, formatArgument);
                    }
                }
                return null;
            }
            LocalDate datum;
            try {
                if (text.length() > TAL_MAX) {
                    throw new DateTimeParseException("too long", text.substring(0, TAL_MAX), 0);
                }
                datum = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                fel.add(falt, format, formatArgument);
                return null;
            }
            if (datum.isBefore(tidigast)) {
                intervall(fore, foreArgument);
                return null;
            }
            if (datum.isAfter(senast)) {
                intervall(efter, efterArgument);
                return null;
            }
            return datum;
        }

        private void intervall(String nyckel, Object[] argument) {
            if (nyckel != null) {
                fel.add(falt, nyckel, argument);
            } else {
                fel.add(falt, "fel.datum.intervall", tidigast.toString(), senast.toString());
            }
        }
    }

    /** A whole-number field being read: set its range and message, then {@link #las}. */
    public final class Tal {
        private final String falt;
        private final String text;
        private long min = Long.MIN_VALUE;
        private long max = Long.MAX_VALUE;
        private String nyckel;
        private boolean frivillig;

        private Tal(String falt, String text) {
            this.falt = falt;
            this.text = text;
        }

        /** The range allowed, and the message key for anything else (null: "Skriv ett tal från … till …"). */
        public Tal mellan(long min, long max, String nyckel) {
            this.min = min;
            this.max = max;
            this.nyckel = nyckel;
            return this;
        }

        public Tal frivillig() {
            this.frivillig = true;
            return this;
        }

        /** The number, or null with an error for the field. */
        public Long las() {
            if (text.isEmpty() && frivillig) {
                return null;
            }
            try {
                if (text.length() <= TAL_MAX) {
                    long n = Long.parseLong(text);
                    if (n >= min && n <= max) {
                        return n;
                    }
                }
            } catch (NumberFormatException e) {
                // the message below says what to write
            }
            if (nyckel != null) {
                fel.add(falt, nyckel);
            } else {
                fel.add(falt, "fel.tal.intervall", String.valueOf(min), String.valueOf(max));
            }
            return null;
        }
    }
}
