package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/**
 * The log line as operators read it in the journal: time, level, shortened logger, message, stack trace, the
 * same as logback's pattern {@code %d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n} writes.
 */
class LoggningTest {

    private final LoggerContext context = new LoggerContext();
    private final Loggning.Rad rad = new Loggning.Rad();
    private final PatternLayout monster = new PatternLayout();

    LoggningTest() {
        rad.setContext(context);
        rad.start();
        monster.setContext(context);
        monster.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        monster.start();
    }

    @Test
    void sammaRadSomMonstret() {
        for (String logger : new String[] {"App", "se.finsam.planering.App", "org.eclipse.jetty.server.Server",
                "se.finsam.planering.uppfoljning.UppfoljningRoutes", "audit"}) {
            for (Level niva : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR}) {
                LoggingEvent event = handelse(niva, logger, "Läste {} rader för {}", null, 12, "Amina");
                assertEquals(monster.doLayout(event), rad.doLayout(event));
            }
        }
        LoggingEvent medFel = handelse(Level.ERROR, "se.finsam.planering.App", "Fel", new IllegalStateException(
                "trasig", new java.io.IOException("disken")));
        assertEquals(monster.doLayout(medFel), rad.doLayout(medFel));
    }

    private LoggingEvent handelse(Level niva, String logger, String meddelande, Throwable fel, Object... argument) {
        LoggingEvent event = new LoggingEvent(LoggningTest.class.getName(), context.getLogger(logger), niva,
                meddelande, fel, argument);
        event.setTimeStamp(java.time.LocalDateTime.of(2026, 11, 23, 14, 3, 7, 512_000_000)
                .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli());
        return event;
    }

    @Test
    void enRadMedTidNivaKortLoggareOchMeddelande() {
        String text = rad.doLayout(handelse(Level.INFO, "se.finsam.planering.uppfoljning.UppfoljningRoutes",
                "Sparade {} uppföljningar", null, 3));
        assertEquals("14:03:07.512 INFO  s.f.p.u.UppfoljningRoutes - Sparade 3 uppföljningar"
                + System.lineSeparator(), text);
    }

    @Test
    void nivanFyllsUtTillFemTecken() {
        assertTrue(rad.doLayout(handelse(Level.WARN, "App", "x", null)).startsWith("14:03:07.512 WARN  App - x"));
        assertTrue(rad.doLayout(handelse(Level.ERROR, "App", "x", null)).startsWith("14:03:07.512 ERROR App - x"));
    }

    @Test
    void felskrivsMedSinStackUnderRaden() {
        IllegalStateException fel = new IllegalStateException("databasen svarar inte");
        String text = rad.doLayout(handelse(Level.ERROR, "se.finsam.planering.App", "Hälsokontroll", fel));
        String[] rader = text.split(System.lineSeparator());
        assertEquals("14:03:07.512 ERROR s.f.planering.App - Hälsokontroll", rader[0]);
        assertEquals("java.lang.IllegalStateException: databasen svarar inte", rader[1]);
        assertTrue(rader[2].strip().startsWith("at se.finsam.planering.LoggningTest."), rader[2]);
        assertTrue(text.endsWith(System.lineSeparator()));
    }
}
