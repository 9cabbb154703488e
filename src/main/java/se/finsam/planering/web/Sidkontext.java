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
        return "tel:" + INTE_I_TELEFONNUMMER.matcher(nummer).replaceAll("");
    }

    private static final java.util.regex.Pattern INTE_I_TELEFONNUMMER = java.util.regex.Pattern.compile("[^0-9+]");

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
        return DATUM.computeIfAbsent(lang(), k -> new se.finsam.planering.util.Behallna<>(DATUM_MAX))
                .hamta(date, d -> d.format(formatter(java.time.format.FormatStyle.LONG)));
    }

    /**
     * Dates written out, per language: a page writes dozens and the same ones again and again (formatting one
     * cost more than a tenth of the plan page), and a date's words never change. At most this many per language.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String,
            se.finsam.planering.util.Behallna<java.time.LocalDate, String>> DATUM =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int DATUM_MAX = 4096;

    /**
     * Localised date formats, made once per language and style (they are immutable and thread-safe). Looked
     * up by language, then style, so that a look-up builds no key.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.ConcurrentHashMap<
            java.time.format.FormatStyle, java.time.format.DateTimeFormatter>> FORMAT =
            new java.util.concurrent.ConcurrentHashMap<>();

    private java.time.format.DateTimeFormatter formatter(java.time.format.FormatStyle style) {
        var perStil = FORMAT.computeIfAbsent(lang(), k -> new java.util.concurrent.ConcurrentHashMap<>());
        java.time.format.DateTimeFormatter format = perStil.get(style);
        if (format == null) {
            format = java.time.format.DateTimeFormatter.ofLocalizedDate(style).withLocale(locale());
            perStil.putIfAbsent(style, format);
        }
        return format;
    }

    /** A weekday and date, e.g. "tisdag 14 mars 2026". */
    public String veckodagDatum(java.time.LocalDate date) {
        return date == null ? "" : date.format(formatter(java.time.format.FormatStyle.FULL));
    }

    /** A time of day, e.g. "09:30". */
    public String klockslag(java.time.LocalDateTime time) {
        return time == null ? "" : time.format(KLOCKSLAG);
    }

    private static final java.time.format.DateTimeFormatter KLOCKSLAG =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    /** When something was recorded, in the app's time zone: e.g. "14 mars 2026 09:30". */
    public String tidpunkt(java.time.Instant instant) {
        return instant == null ? "" : tidtext(instant).text();
    }

    /** A moment as a page writes it: its ISO-8601 form for a {@code <time>} element and its words. */
    public record Tidtext(String iso, String text) {
    }

    /** {@link #tidpunkt} and {@code Instant.toString} of one moment, written once per language and kept. */
    public Tidtext tidtext(java.time.Instant instant) {
        Tider tider = TIDER.get(lang());
        if (tider == null || !tider.zon().equals(zon)) {
            tider = new Tider(zon, new se.finsam.planering.util.Behallna<>(DATUM_MAX));
            TIDER.put(lang(), tider);
        }
        return tider.texter().hamta(instant, i -> {
            var local = java.time.LocalDateTime.ofInstant(i, zon);
            return new Tidtext(i.toString(), datum(local.toLocalDate()) + " " + klockslag(local));
        });
    }

    /**
     * Moments written out, per language, as the dates above: the plan page writes one per item and news row,
     * the same ones on every view, and writing them (words and ISO form) was 15 % of its CPU under load. The
     * time zone is the clock's, the same for the whole process; a different one starts the language afresh.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Tider> TIDER =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Tider(java.time.ZoneId zon,
                         se.finsam.planering.util.Behallna<java.time.Instant, Tidtext> texter) {
    }
}
