package se.finsam.planering.web;

import se.finsam.planering.sprak.Texter;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;

/** What every page's layout needs: language, the logged-in user, the CSRF token, a confirmation to show, and the
 * time zone of the injected clock, in which times are shown. */
public record Sidkontext(Texter messages, Anvandare user, String csrf, String path, String flash,
                          java.time.ZoneId zon) {

    public String t(String key) {
        return messages.get(key);
    }

    public String t(String key, Object... args) {
        return messages.get(key, args);
    }

    /** Marks where a markup argument goes in a formatted message; private-use characters never typed by anyone. */
    private static final char MARK = '\uE000';
    private static final char MARK_END = '\uE001';

    /**
     * A message whose arguments may be markup, such as a date, a phone number or a name kept in its own
     * direction: the message text and plain arguments are escaped, the markup arguments written as they are.
     * In Arabic a number or a Swedish name inside the sentence must be isolated, or it is shown reversed.
     */
    public gg.jte.Content tx(String key, Object... args) {
        Object[] formatArgs = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            formatArgs[i] = args[i] instanceof gg.jte.Content ? MARK + Integer.toString(i) + MARK_END : args[i];
        }
        String text = messages.get(key, formatArgs);
        return output -> {
            int from = 0;
            int mark;
            while ((mark = text.indexOf(MARK, from)) >= 0) {
                int end = text.indexOf(MARK_END, mark);
                gg.jte.html.escape.Escape.htmlContent(text.substring(from, mark), output);
                ((gg.jte.Content) args[Integer.parseInt(text.substring(mark + 1, end))]).writeTo(output);
                from = end + 1;
            }
            gg.jte.html.escape.Escape.htmlContent(text.substring(from), output);
        };
    }

    /** The ids a form field's aria-describedby names: its hint and its error, when it has them; else null. */
    public static String beskrivning(boolean hjalp, boolean fel, String id) {
        if (hjalp && fel) {
            return id + "-hjalp " + id + "-fel";
        }
        return hjalp ? id + "-hjalp" : fel ? id + "-fel" : null;
    }

    /** A page's title, starting with "Fel:" in the reader's language when its form has errors. */
    public String titel(String title, Formularfel fel) {
        return fel != null && !fel.isEmpty() ? t("form.fel") + ": " + title : title;
    }

    /** A phone number as a tel: link: its digits and a leading plus only. */
    public static String telLank(String nummer) {
        // Digits and + only (a loop, not a regular expression: a page has a dozen numbers).
        StringBuilder lank = new StringBuilder(4 + nummer.length()).append("tel:");
        for (int i = 0; i < nummer.length(); i++) {
            char c = nummer.charAt(i);
            if ((c >= '0' && c <= '9') || c == '+') {
                lank.append(c);
            }
        }
        return lank.toString();
    }

    public String lang() {
        return messages.lang();
    }

    public String dir() {
        return messages.dir();
    }

    public boolean inloggad() {
        return user != null;
    }

    public boolean ar(Roll roll) {
        return user != null && user.roll() == roll;
    }

    public boolean personal() {
        return user != null && user.roll().arPersonal();
    }

    public java.util.List<Texter.Sprak> sprak() {
        return Texter.SPRAK;
    }

    private java.util.Locale locale() {
        return java.util.Locale.forLanguageTag(lang());
    }

    /** A date written out, e.g. "14 mars 2026". */
    public String datum(java.time.LocalDate date) {
        if (date == null) {
            return "";
        }
        java.time.format.DateTimeFormatter format = formatter(java.time.format.FormatStyle.LONG);
        return DATUM.computeIfAbsent(lang(), k -> new se.finsam.planering.util.Behallna<>(DATUM_MAX))
                .hamta(date, d -> d.format(format));
    }

    /**
     * Dates written out, per language: a page writes dozens and the same ones again and again (formatting one
     * cost more than a tenth of the plan page), and a date's words never change. At most this many per language.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String,
            se.finsam.planering.util.Behallna<java.time.LocalDate, String>> DATUM =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int DATUM_MAX = 4096;

    /** Localised date formats, made once per language and style (they are immutable and thread-safe). */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.time.format.DateTimeFormatter>
            FORMAT = new java.util.concurrent.ConcurrentHashMap<>();

    private java.time.format.DateTimeFormatter formatter(java.time.format.FormatStyle style) {
        return FORMAT.computeIfAbsent(lang() + style, k -> java.time.format.DateTimeFormatter
                .ofLocalizedDate(style).withLocale(locale()));
    }

    /** A weekday and date, e.g. "tisdag 14 mars 2026". */
    public String veckodagDatum(java.time.LocalDate date) {
        return date == null ? "" : date.format(formatter(java.time.format.FormatStyle.FULL));
    }

    /** A time of day, e.g. "09:30" (written by hand: a formatter cost more than the rest of a time stamp). */
    public String klockslag(java.time.LocalDateTime time) {
        if (time == null) {
            return "";
        }
        char[] c = new char[5];
        siffror(c, 0, time.getHour(), 2);
        c[2] = ':';
        siffror(c, 3, time.getMinute(), 2);
        return new String(c);
    }

    /**
     * The instant as {@link java.time.Instant#toString()} writes it, e.g. "2026-03-14T08:30:00Z" (ISO-8601 in
     * UTC, the fraction of a second in groups of three digits, only as many as it needs), for the datetime
     * attribute. Written by hand: the formatter behind toString cost more than a twentieth of the plan page.
     * Years outside 1000–9999 are left to toString.
     */
    public static String iso(java.time.Instant instant) {
        var utc = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                java.time.ZoneOffset.UTC);
        int ar = utc.getYear();
        if (ar < 1000 || ar > 9999) {
            return instant.toString();
        }
        int nano = utc.getNano();
        int decimaler = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] c = new char[20 + (decimaler == 0 ? 0 : decimaler + 1)];
        siffror(c, 0, ar, 4);
        c[4] = '-';
        siffror(c, 5, utc.getMonthValue(), 2);
        c[7] = '-';
        siffror(c, 8, utc.getDayOfMonth(), 2);
        c[10] = 'T';
        siffror(c, 11, utc.getHour(), 2);
        c[13] = ':';
        siffror(c, 14, utc.getMinute(), 2);
        c[16] = ':';
        siffror(c, 17, utc.getSecond(), 2);
        int i = 19;
        if (decimaler > 0) {
            c[i++] = '.';
            int varde = decimaler == 3 ? nano / 1_000_000 : decimaler == 6 ? nano / 1_000 : nano;
            siffror(c, i, varde, decimaler);
            i += decimaler;
        }
        c[i] = 'Z';
        return new String(c);
    }

    /** Writes {@code varde} as {@code antal} decimal digits, with leading zeros, from {@code fran}. */
    private static void siffror(char[] c, int fran, int varde, int antal) {
        for (int i = fran + antal - 1; i >= fran; i--) {
            c[i] = (char) ('0' + varde % 10);
            varde /= 10;
        }
    }

    /** When something was recorded, in the app's time zone: e.g. "14 mars 2026 09:30". */
    public String tidpunkt(java.time.Instant instant) {
        if (instant == null) {
            return "";
        }
        var local = java.time.LocalDateTime.ofInstant(instant, zon);
        return datum(local.toLocalDate()) + " " + klockslag(local);
    }
}
