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

    /** A phone number's link keeps ASCII digits and + only, whatever the number is written with. */
    @Test
    void telLankHallerSiffrorOchPlus() {
        assertEquals("tel:+46701234567", Sidkontext.telLank("+46 70-123 45 67"));
        assertEquals("tel:+46081234560", Sidkontext.telLank("+46 (0)8 123 456 0"));
        assertEquals("tel:081234567", Sidkontext.telLank("08\u2011123 45 67"));
        assertEquals("tel:+46701234567", Sidkontext.telLank("\u200e+46 70 123 45 67\u200f"));
        assertEquals("tel:", Sidkontext.telLank("\u0660\u0667\u0660"));
        assertEquals("tel:", Sidkontext.telLank(""));
    }

    /** The time of day as 24-hour digits in every language, Arabic included. */
    @Test
    void klockslagMedSiffrorISamtligaSprak() {
        for (String sprak : new String[] {"sv", "en", "ar"}) {
            Sidkontext c = new Sidkontext(Texter.of(sprak), null, null, "/", null, ZoneId.of("Europe/Stockholm"));
            assertEquals("09:05", c.klockslag(java.time.LocalDateTime.of(2026, 3, 29, 9, 5, 59)));
            assertEquals("23:59", c.klockslag(java.time.LocalDateTime.of(2026, 3, 29, 23, 59)));
            assertEquals("", c.klockslag(null));
        }
    }
}
