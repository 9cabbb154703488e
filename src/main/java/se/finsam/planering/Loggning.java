package se.finsam.planering;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The logging set-up, in code: one line per event on standard output (systemd's journal keeps it), our own
 * events and the audit trail at INFO, the libraries' at WARN. Set up in code because reading an XML file
 * costs a noticeable part of start-up, and the line is laid out by {@link Rad} rather than by a pattern, whose
 * parser and converters are a hundred classes more to load. An operator's own file still wins:
 * {@code -Dlogback.configurationFile=...}.
 */
public final class Loggning extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Rad rad = new Rad();
        rad.setContext(context);
        rad.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(rad);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String library : List.of("org.eclipse.jetty", "org.flywaydb", "io.javalin", "com.zaxxer.hikari")) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * One event as one line, {@code 14:03:07.512 INFO  s.f.p.App - message}, the stack trace below it when
     * there is one: what the pattern {@code %d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n} writes.
     */
    static final class Rad extends LayoutBase<ILoggingEvent> {

        private static final DateTimeFormatter TID = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());
        private final TargetLengthBasedClassNameAbbreviator forkortning = new TargetLengthBasedClassNameAbbreviator(20);

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder rad = new StringBuilder(128);
            TID.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), rad);
            rad.append(' ');
            String niva = event.getLevel().toString();
            rad.append(niva);
            for (int i = niva.length(); i < 5; i++) {
                rad.append(' ');
            }
            rad.append(' ').append(forkortning.abbreviate(event.getLoggerName())).append(" - ")
                    .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy fel = event.getThrowableProxy();
            if (fel != null) {
                rad.append(ThrowableProxyUtil.asString(fel));
            }
            return rad.toString();
        }
    }
}
