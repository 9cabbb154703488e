package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import se.finsam.planering.sprak.Messages;

/** Dates written out are kept once formatted; what is kept is exactly what formatting gives, in each language. */
class PageContextDatumTest {

    @Test
    void sammaOrdSomFormateringenIAllaSprakOchOverGransen() {
        for (String sprak : new String[] {"sv", "en", "ar"}) {
            PageContext c = new PageContext(Messages.of(sprak), null, null, "/", null, ZoneId.of("Europe/Stockholm"));
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
        assertEquals("14 mars 2026", new PageContext(Messages.of("sv"), null, null, "/", null,
                ZoneId.of("Europe/Stockholm")).datum(LocalDate.of(2026, 3, 14)));
    }
}
