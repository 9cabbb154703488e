package se.finsam.planering.web;

import se.finsam.planering.sprak.Messages;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads a date or a whole number typed into a form and keeps it within a range that makes sense for
 * the field. Every form uses this, so that no value a person can type (a year 999 999 999, a date
 * before the participant existed) reaches the database, where it would break pages that read it later.
 *
 * <pre>
 * LocalDate datum = Bounds.date(m, "datum", text)
 *         .from(idag, m.get("mote.fel.datum"))
 *         .to(idag.plusYears(2), null)       // null: "Skriv ett datum från … till …"
 *         .read(fel);                        // null, with a message in fel, when it does not fit
 * </pre>
 */
public final class Bounds {

    /**
     * No date in the app lies outside these years: formatting in a time zone, and SQL comparing ISO dates
     * as text, rely on four-digit years.
     */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    /** Longer than any date or number anyone types; nothing longer is parsed. */
    private static final int MAX_LENGTH = 20;

    private Bounds() {
    }

    public static DateField date(Messages m, String field, String text) {
        return new DateField(m, field, text);
    }

    public static NumberField number(Messages m, String field, String text) {
        return new NumberField(m, field, text);
    }

    /** A date field being read: set its range and messages, then {@link #read}. */
    public static final class DateField {
        private final Messages m;
        private final String field;
        private final String text;
        private LocalDate earliest = EARLIEST;
        private LocalDate latest = LATEST;
        private String tooEarly;
        private String tooLate;
        private String wrongFormat;
        private String missing;
        private boolean optional;

        private DateField(Messages m, String field, String text) {
            this.m = m;
            this.field = field;
            this.text = text;
        }

        /** The earliest date allowed; the message, or null for "Skriv ett datum från … till …". */
        public DateField from(LocalDate date, String message) {
            this.earliest = date.isBefore(EARLIEST) ? EARLIEST : date;
            this.tooEarly = message;
            return this;
        }

        public DateField to(LocalDate date, String message) {
            this.latest = date.isAfter(LATEST) ? LATEST : date;
            this.tooLate = message;
            return this;
        }

        /** The message when the text is not a date (and, unless {@link #missing} says otherwise, when empty). */
        public DateField format(String message) {
            this.wrongFormat = message;
            return this;
        }

        public DateField missing(String message) {
            this.missing = message;
            return this;
        }

        /** An empty field is no error; {@link #read} then gives null. */
        public DateField optional() {
            this.optional = true;
            return this;
        }

        /** The date, or null with a message for the field in {@code fel}. */
        public LocalDate read(FormErrors fel) {
            String value = text == null ? "" : text.strip();
            if (value.isEmpty()) {
                if (!optional) {
                    fel.add(field, missing != null ? missing : formatMessage());
                }
                return null;
            }
            LocalDate date;
            try {
                if (value.length() > MAX_LENGTH) {
                    throw new DateTimeParseException("too long", value.substring(0, MAX_LENGTH), 0);
                }
                date = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                fel.add(field, formatMessage());
                return null;
            }
            if (date.isBefore(earliest)) {
                fel.add(field, tooEarly != null ? tooEarly : range());
                return null;
            }
            if (date.isAfter(latest)) {
                fel.add(field, tooLate != null ? tooLate : range());
                return null;
            }
            return date;
        }

        private String formatMessage() {
            return wrongFormat != null ? wrongFormat : m.get("fel.datum.format");
        }

        private String range() {
            return m.get("fel.datum.intervall", earliest.toString(), latest.toString());
        }
    }

    /** A whole-number field being read: set its range and message, then {@link #read}. */
    public static final class NumberField {
        private final Messages m;
        private final String field;
        private final String text;
        private long min = Long.MIN_VALUE;
        private long max = Long.MAX_VALUE;
        private String message;
        private boolean optional;

        private NumberField(Messages m, String field, String text) {
            this.m = m;
            this.field = field;
            this.text = text;
        }

        /** The range allowed, and the message for anything else (null: "Skriv ett tal från … till …"). */
        public NumberField between(long min, long max, String message) {
            this.min = min;
            this.max = max;
            this.message = message;
            return this;
        }

        public NumberField optional() {
            this.optional = true;
            return this;
        }

        /** The number, or null with a message for the field in {@code fel}. */
        public Long read(FormErrors fel) {
            String value = text == null ? "" : text.strip();
            if (value.isEmpty() && optional) {
                return null;
            }
            try {
                if (value.length() <= MAX_LENGTH) {
                    long n = Long.parseLong(value);
                    if (n >= min && n <= max) {
                        return n;
                    }
                }
            } catch (NumberFormatException e) {
                // the message below says what to write
            }
            fel.add(field, message != null ? message
                    : m.get("fel.tal.intervall", String.valueOf(min), String.valueOf(max)));
            return null;
        }
    }
}
