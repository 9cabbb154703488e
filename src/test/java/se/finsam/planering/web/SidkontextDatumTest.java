package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import se.finsam.planering.sprak.Texter;

/** Dates written out are kept once formatted; what is kept is exactly what formatting gives, in each language. */
class SidkontextDatumTest {

    @Test
    void sammaOrdSomFormateringenIAllaSprakOchOverGransen() {
        for (String sprak : new String[] {"sv", "en", "ar"}) {
            Sidkontext c = new Sidkontext(Texter.of(sprak), null, null, "/", null, ZoneId.of("Europe/Stockholm"));
            DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                    .withLocale(Locale.forLanguageTag(sprak));
            LocalDate dag = LocalDate.of(2020, 1, 1);
            // More dates than are kept, twice over, so that the kept ones are cleared and filled again.
            for (int varv = 0; varv < 2; varv++) {
                for (int i = 0; i < 5000; i++) {
                    LocalDate d = dag.plusDays(i);
                    assertEquals(d.format(format), c.datum(d), sprak + " " + d);
                }
            }
            assertEquals("", c.datum(null));
        }
        assertEquals("14 mars 2026", new Sidkontext(Texter.of("sv"), null, null, "/", null,
                ZoneId.of("Europe/Stockholm")).datum(LocalDate.of(2026, 3, 14)));
    }

    /** The datetime attribute is written by hand; it must be exactly what Instant.toString writes. */
    @Test
    void isoSomInstantToString() {
        java.util.Random slump = new java.util.Random(5);
        long[] nanos = {0, 1, 999_999_999, 1_000_000, 123_000_000, 456_000, 120_000, 7, 586_670_209};
        for (int i = 0; i < 200_000; i++) {
            // Seconds from year -2000 to 12000, and a fraction of each kind (none, milli, micro, nano).
            long sekund = -125_000_000_000L + (long) (slump.nextDouble() * 440_000_000_000L);
            int nano = i % 4 == 0 ? 0 : i % 4 == 1 ? slump.nextInt(1000) * 1_000_000
                    : i % 4 == 2 ? slump.nextInt(1_000_000) * 1000 : slump.nextInt(1_000_000_000);
            java.time.Instant t = java.time.Instant.ofEpochSecond(sekund, nano);
            assertEquals(t.toString(), Sidkontext.iso(t));
        }
        for (long n : nanos) {
            for (String tid : new String[] {"1000-01-01T00:00:00Z", "2026-12-03T16:12:59Z", "9999-12-31T23:59:59Z",
                    "0999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2024-02-29T12:00:00Z"}) {
                java.time.Instant t = java.time.Instant.parse(tid).plusNanos(n);
                assertEquals(t.toString(), Sidkontext.iso(t), tid + " + " + n);
            }
        }
        assertEquals("2026-08-06T10:00:00Z", Sidkontext.iso(java.time.Instant.parse("2026-08-06T10:00:00Z")));
    }

    /** A phone number's link keeps ASCII digits and + only, whatever the number is written with. */
    @Test
    void telLankHallerSiffrorOchPlus() {
        java.util.regex.Pattern ickeSiffra = java.util.regex.Pattern.compile("[^0-9+]");
        for (String nummer : new String[] {"", "0701-23 45 67", "+46 (0)8 123 456", "٠٧٠١٢٣٤٥٦٧", "08‑123 45 67",
                "\u200e+46 70 123 45 67\u200f", "ring 112!", "+++", "０８"}) {
            assertEquals("tel:" + ickeSiffra.matcher(nummer).replaceAll(""), Sidkontext.telLank(nummer), nummer);
        }
        assertEquals("tel:+46701234567", Sidkontext.telLank("+46 70-123 45 67"));
    }

    /** The time of day is written by hand; it must be what the pattern HH:mm writes, at every minute. */
    @Test
    void klockslagSomMonstret() {
        Sidkontext c = new Sidkontext(Texter.of("ar"), null, null, "/", null, ZoneId.of("Europe/Stockholm"));
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        java.time.LocalDateTime dag = java.time.LocalDateTime.of(2026, 3, 29, 0, 0, 59);
        for (int minut = 0; minut < 24 * 60; minut++) {
            java.time.LocalDateTime t = dag.plusMinutes(minut);
            assertEquals(t.format(hhmm), c.klockslag(t));
        }
        assertEquals("", c.klockslag(null));
    }
}
