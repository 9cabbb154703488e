package se.finsam.planering.utskick;

import se.finsam.planering.db.Ensamjobb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.finsam.planering.db.Ensamjobb;

/**
 * Sends what the outbox holds, one message at a time, on a thread of its own. A row is marked sent only after its
 * channel accepted it, so a crash between the two repeats at most the one message in flight. A channel that cannot
 * take it now is tried again after a growing wait (1, 2, 4 ... minutes, at most an hour); an address that fails for
 * good ends the row (misslyckat) and is not tried again. SMS and push wait through quiet hours (20:00 to 08:00,
 * local time), and nobody gets more than the daily limit: the rest waits for the next morning.
 */
public final class Avsandare implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Avsandare.class);

    static final LocalTime TYST_FRAN = LocalTime.of(20, 0);
    static final LocalTime TYST_TILL = LocalTime.of(8, 0);
    static final Duration LANGSTA_VANTAN = Duration.ofHours(1);
    /** How long the thread rests between passes when nothing is due. */
    static final Duration VILA = Duration.ofSeconds(10);

    /** A message the channel accepted: the audit log is told it was sent about her (never its text). */
    public record Skickat(UtskickRepository.Rad rad, Kanal kanal) {
    }

    private final UtskickRepository repo;
    private final Planerare planerare;
    private final Utskickstexter texter;
    private final Map<Kanal, Kanalsandare> kanaler = new EnumMap<>(Kanal.class);
    private final Clock clock;
    private final int maxPerDag;
    private final Consumer<Skickat> efterSkickat;
    private volatile Thread trad;
    private volatile boolean stoppad;
    /**
     * Whether this server may plan and send now: always, until {@link #starta(Ensamjobb)} makes it hold the
     * shared lease, so that of several servers on one database only one sends.
     */
    private volatile java.util.function.BooleanSupplier tur = () -> true;
    /** When this server last renewed its lease; renewed when a sixth of it has passed. */
    private Instant fornyad = Instant.MIN;

    public Avsandare(UtskickRepository repo, Planerare planerare, Utskickstexter texter, List<Kanalsandare> sandare,
                     Clock clock, int maxPerDag, Consumer<Skickat> efterSkickat) {
        this.repo = repo;
        this.planerare = planerare;
        this.texter = texter;
        sandare.forEach(s -> kanaler.put(s.kanal(), s));
        this.clock = clock;
        this.maxPerDag = maxPerDag;
        this.efterSkickat = efterSkickat;
    }

    /** Which channels this server has. */
    public java.util.Set<Kanal> kanaler() {
        return java.util.Collections.unmodifiableSet(kanaler.keySet());
    }

    /** A test message straight to a channel (the administrator's own address): empty if the channel is not on. */
    public java.util.Optional<Kanalsvar> prov(Kanal kanal, String adress, String amne, String text) {
        Kanalsandare k = kanaler.get(kanal);
        if (k == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(k.skicka(adress, amne, text));
        } catch (RuntimeException e) {
            LOG.warn("Utskick: test message on {} failed", kanal, e);
            return java.util.Optional.of(Kanalsvar.forsokIgen("oväntat fel i kanalen"));
        }
    }

    /**
     * Starts the thread that plans and sends until {@link #close()}, while this server holds the lease of
     * {@link Ensamjobb#UTSKICK}; another server on the same database waits until it is free or has run out.
     */
    public synchronized void starta(Ensamjobb ensam) {
        if (trad != null) {
            return;
        }
        tur = () -> {
            Instant nu = clock.instant();
            if (nu.isBefore(fornyad.plus(Ensamjobb.UTSKICK_LAS.dividedBy(6))) && !nu.isBefore(fornyad)) {
                return true;
            }
            boolean har = ensam.ta(Ensamjobb.UTSKICK, Ensamjobb.UTSKICK_LAS);
            fornyad = har ? nu : Instant.MIN;
            return har;
        };
        trad = new Thread(() -> {
            while (!stoppad) {
                int gjorda = 0;
                try {
                    gjorda = korEnGang();
                } catch (RuntimeException e) {
                    LOG.warn("Utskick: a pass failed; tried again shortly", e);
                }
                if (gjorda == 0 && !stoppad) {
                    try {
                        Thread.sleep(VILA.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            try {
                ensam.slapp(Ensamjobb.UTSKICK);
            } catch (RuntimeException e) {
                LOG.warn("Utskick: could not let go of the lease; another server takes over when it runs out", e);
            }
        }, "utskick");
        trad.setDaemon(true);
        trad.start();
    }

    /** Plans what fell due and sends up to a hundred due messages; returns how many rows it settled or moved. */
    public synchronized int korEnGang() {
        if (!tur.getAsBoolean()) {
            return 0;
        }
        int planerade = planerare == null ? 0 : planerare.planera();
        int n = 0;
        for (UtskickRepository.Rad rad : repo.forfallna(clock.instant(), 100)) {
            if (stoppad || !tur.getAsBoolean()) {
                break;
            }
            skicka(rad);
            n++;
        }
        return n + planerade;
    }

    private void skicka(UtskickRepository.Rad rad) {
        UtskickRepository.Mottagare m = repo.mottagare(rad).orElse(null);
        if (m == null) {
            repo.avslutat(rad.id(), "avstangd", null, "mottagaren finns inte längre", clock.instant());
            return;
        }
        Kanal vald = null;
        boolean villNagot = false;
        for (Kanal k : Kanal.values()) {
            // A kallelse goes by SMS or e-mail, as the printed letter's companion; never as a notification.
            if (k == Kanal.PUSH && UtskickRepository.KALLELSE.equals(rad.typ())) {
                continue;
            }
            if (m.vill(k)) {
                villNagot = true;
                if (kanaler.containsKey(k) && vald == null) {
                    vald = k;
                }
            }
        }
        if (!villNagot) {
            repo.avslutat(rad.id(), "avstangd", null, null, clock.instant());
            return;
        }
        if (vald == null) {
            repo.avslutat(rad.id(), "ingen_kanal", null, null, clock.instant());
            return;
        }
        Instant nu = clock.instant();
        ZoneId zon = clock.getZone();
        if (vald.tystaTimmar() && tyst(nu, zon)) {
            repo.vanta(rad.id(), vald, morgon(nu, zon));
            return;
        }
        LocalDate idag = LocalDate.ofInstant(nu, zon);
        if (repo.skickadeSedan(rad, idag.atStartOfDay(zon).toInstant()) >= maxPerDag) {
            repo.vanta(rad.id(), vald, idag.plusDays(1).atTime(TYST_TILL).atZone(zon).toInstant());
            return;
        }
        Utskickstexter.Meddelande med = texter.gor(rad, m, vald);
        String adress = vald == Kanal.SMS ? Telefonnummer.e164(m.telefon()) : m.adress(vald);
        if (adress == null) {
            repo.avslutat(rad.id(), "misslyckat", vald, "ogiltigt nummer", clock.instant());
            return;
        }
        Kanalsvar svar;
        try {
            svar = kanaler.get(vald).skicka(adress, med.amne(), med.text());
        } catch (RuntimeException e) {
            LOG.warn("Utskick: channel {} failed on message {}", vald, rad.id(), e);
            svar = Kanalsvar.forsokIgen("oväntat fel i kanalen");
        }
        Instant efter = clock.instant();
        switch (svar.utfall()) {
            case ACCEPTERAT -> {
                repo.skickat(rad.id(), vald, efter, svar.referens());
                if (efterSkickat != null) {
                    efterSkickat.accept(new Skickat(rad, vald));
                }
            }
            case PERMANENT -> {
                LOG.warn("Utskick: message {} on {} failed for good: {}", rad.id(), vald, svar.fel());
                repo.avslutat(rad.id(), "misslyckat", vald, svar.fel(), efter);
            }
            case FORSOK_IGEN -> repo.forsokIgen(rad.id(), vald, svar.fel(), efter.plus(vantan(rad.forsok())));
        }
    }

    /** The wait after the n-th failed try (counted from 0): 1, 2, 4 ... minutes, at most an hour. */
    static Duration vantan(int forsok) {
        long minuter = 1L << Math.min(forsok, 10);
        Duration d = Duration.ofMinutes(minuter);
        return d.compareTo(LANGSTA_VANTAN) > 0 ? LANGSTA_VANTAN : d;
    }

    /** Whether it is quiet hours (20:00 to 08:00) where the recipient lives. */
    static boolean tyst(Instant nu, ZoneId zon) {
        LocalTime t = ZonedDateTime.ofInstant(nu, zon).toLocalTime();
        return !t.isBefore(TYST_FRAN) || t.isBefore(TYST_TILL);
    }

    /** The end of the quiet hours that {@code nu} is in: 08:00 today or tomorrow. */
    static Instant morgon(Instant nu, ZoneId zon) {
        ZonedDateTime z = ZonedDateTime.ofInstant(nu, zon);
        LocalDate dag = z.toLocalTime().isBefore(TYST_TILL) ? z.toLocalDate() : z.toLocalDate().plusDays(1);
        return dag.atTime(TYST_TILL).atZone(zon).toInstant();
    }

    @Override
    public void close() {
        stoppad = true;
        Thread t = trad;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
