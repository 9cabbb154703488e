package se.finsam.planering.utskick;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.db.Ensamjobb;

/**
 * Sends what the outbox holds, on threads of its own. A pass takes up to {@link #OMGANG} due rows (ids and keys,
 * no text), settles at once those that cannot go now, and hands the rest to one thread per channel: SMS, e-mail
 * and push go side by side, each channel's messages one after the other over what the channel keeps open (one
 * SMTP connection for the pass, the HTTP client's kept-alive connections). The pass ends when every channel is
 * done with its part; the next pass takes the next rows.
 *
 * <p>A row is marked sent only after its channel accepted it, in a transaction of its own together with the audit
 * line that says it was sent about her. Each channel has at most one message between the channel's acceptance and
 * that mark, so a crash repeats at most one message per channel. A channel that cannot take a message now is
 * tried again after a growing wait (1, 2, 4 ... minutes, at most an hour); an address that fails for good ends the
 * row (misslyckat) and is not tried again. SMS and push wait through quiet hours (20:00 to 08:00, local time), and
 * nobody gets more than the daily limit: the rest waits for the next morning. The recipients of a pass's rows, with
 * their numbers, addresses and choices, are read together as the pass begins, and so are their counts for the
 * daily limit: a recipient's messages in one pass all go on one channel's thread (one chosen on another channel
 * waits for the next pass), so her count is read with none of hers in flight and counted on there as they are
 * accepted. What she changes during a pass holds from the next.
 *
 * <p>Messages give way to pages: while requests are being served or wait for a request thread (told by
 * {@link #vikFor}), the channels together send at most one message per {@link #VIK_TAKT}, so that the CPU goes to
 * the pages and messages still go within a minute; otherwise each channel sends as fast as it takes them.
 *
 * <p>The planner, which reads every participant, runs before a pass of the thread only once every
 * {@link #PLANERA_VAR} (what a change causes is written by the change itself, not by the planner); a
 * {@link #korEnGang()} called directly always plans first.
 */
public final class Avsandare implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Avsandare.class);

    static final LocalTime TYST_FRAN = LocalTime.of(20, 0);
    static final LocalTime TYST_TILL = LocalTime.of(8, 0);
    static final Duration LANGSTA_VANTAN = Duration.ofHours(1);
    /** How long the thread rests between passes when nothing is due. */
    static final Duration VILA = Duration.ofSeconds(10);
    /** How often the thread runs the planner. */
    static final Duration PLANERA_VAR = Duration.ofMinutes(1);
    /** How many due rows a pass takes. */
    static final int OMGANG = 200;
    /**
     * While requests wait for a thread, the sender (all channels together) sends at most one message per this much
     * time: 90 a second, so that 5 000 still go within a minute under the pages' full load; otherwise as fast as the
     * channels take them.
     */
    static final Duration VIK_TAKT = Duration.ofMillis(11);

    /** A message the channel accepted: the audit log is told it was sent about her (never its text). */
    public record Skickat(UtskickRepository.Rad rad, Kanal kanal, Instant tid) {
    }

    /** What is written with the mark "sent", in its transaction: the audit line that it was sent about her. */
    @FunctionalInterface
    public interface Efterskickat {
        void skrivI(Handle h, Skickat skickat);
    }

    /** A row ready for its channel: to whom, on which channel. */
    private record Jobb(UtskickRepository.Rad rad, UtskickRepository.Mottagare m, Kanal kanal) {
    }

    /** The messages each recipient of a pass was sent on {@code dag}, by {@link UtskickRepository#vem}. */
    private record Skickade(LocalDate dag, Map<String, Integer> antal) {
    }

    private final UtskickRepository repo;
    private final Planerare planerare;
    private final Utskickstexter texter;
    private final Map<Kanal, Kanalsandare> kanaler = new EnumMap<>(Kanal.class);
    private final Clock clock;
    private final int maxPerDag;
    private final Efterskickat efterSkickat;
    /** One thread per channel, made when first needed; below the request threads' priority where the JVM heeds it. */
    private final ExecutorService kanaltradar;
    private volatile Thread trad;
    private volatile boolean stoppad;
    /**
     * Whether this server may plan and send now: always, until {@link #starta(Ensamjobb)} makes it hold the
     * shared lease, so that of several servers on one database only one sends.
     */
    private volatile java.util.function.BooleanSupplier tur = () -> true;
    /** Guards the lease's check and renewal, which every channel's thread makes before each message. */
    private final Object turLas = new Object();
    /** When this server last renewed its lease; renewed when a sixth of it has passed. */
    private Instant fornyad = Instant.MIN;
    /** When the thread last ran the planner. */
    private Instant planerad = Instant.MIN;
    /**
     * How many requests wait for a request thread. While any do, the pages need the cores, and the channels
     * together send at most one message per {@link #VIK_TAKT}: every message costs CPU that a page would have had.
     */
    private volatile java.util.function.IntSupplier koadeSidor = () -> 0;
    private volatile Duration vikTakt = VIK_TAKT;
    /** The next moment a message may go while pages wait, shared by the channels' threads. */
    private final Object taktLas = new Object();
    private long nastaTid = System.nanoTime();

    public Avsandare(UtskickRepository repo, Planerare planerare, Utskickstexter texter, List<Kanalsandare> sandare,
                     Clock clock, int maxPerDag, Efterskickat efterSkickat) {
        this.repo = repo;
        this.planerare = planerare;
        this.texter = texter;
        sandare.forEach(s -> kanaler.put(s.kanal(), s));
        this.clock = clock;
        this.maxPerDag = maxPerDag;
        this.efterSkickat = efterSkickat;
        AtomicInteger nr = new AtomicInteger();
        this.kanaltradar = Executors.newFixedThreadPool(Math.max(1, kanaler.size()), r -> {
            Thread t = new Thread(r, "utskick-kanal-" + nr.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /**
     * Gives way to the pages: {@code koadeSidor} tells how many requests are being served or wait for a thread.
     * While it is above zero, the channels together send at most one message per {@link #VIK_TAKT}.
     */
    public void vikFor(java.util.function.IntSupplier koadeSidor) {
        this.koadeSidor = koadeSidor;
    }

    /** What the pages tell the sender just now: above zero, it gives way ({@link #vikFor}). */
    int sidorNu() {
        return koadeSidor.getAsInt();
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
                    gjorda = kor(planeringDags(planerad, clock.instant()));
                } catch (RuntimeException e) {
                    LOG.warn("Utskick: a pass failed; tried again shortly", e);
                }
                if (gjorda == 0 && !stoppad) {
                    try {
                        Thread.sleep(VILA.toMillis());
                    } catch (InterruptedException e) {
                        break;
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
        trad.setPriority(Thread.NORM_PRIORITY - 1);
        trad.start();
    }

    /** Whether the planner is due again: {@link #PLANERA_VAR} after it last ran (or the clock went back). */
    static boolean planeringDags(Instant senast, Instant nu) {
        return !nu.isBefore(senast.plus(PLANERA_VAR)) || nu.isBefore(senast);
    }

    /** Plans what fell due and sends one pass of due messages; returns how many rows it settled or moved. */
    public int korEnGang() {
        return kor(true);
    }

    /** One pass, planning first if {@code planera}; returns how many rows were planned, settled or moved. */
    synchronized int kor(boolean planera) {
        if (!harTur()) {
            return 0;
        }
        int planerade = 0;
        if (planera && planerare != null) {
            planerade = planerare.planera();
            planerad = clock.instant();
        }
        Map<Kanal, List<Jobb>> perKanal = new EnumMap<>(Kanal.class);
        Map<String, Kanal> mottagarnasKanal = new HashMap<>();
        List<UtskickRepository.Rad> rader = repo.forfallna(clock.instant(), OMGANG);
        if (rader.isEmpty()) {
            return planerade;
        }
        Map<Long, UtskickRepository.Mottagare> mottagarna = repo.mottagare(rader);
        List<UtskickRepository.Rad> attSkicka = new ArrayList<>();
        int n = 0;
        for (UtskickRepository.Rad rad : rader) {
            if (stoppad || !harTur()) {
                break;
            }
            Jobb jobb = forbered(rad, mottagarna.get(rad.id()));
            if (jobb == null) {
                n++;
                continue;
            }
            Kanal hennes = mottagarnasKanal.putIfAbsent(UtskickRepository.vem(rad), jobb.kanal());
            if (hennes != null && hennes != jobb.kanal()) {
                continue;
            }
            perKanal.computeIfAbsent(jobb.kanal(), k -> new ArrayList<>()).add(jobb);
            attSkicka.add(rad);
        }
        if (attSkicka.isEmpty()) {
            return planerade + n;
        }
        ZoneId zon = clock.getZone();
        LocalDate idag = LocalDate.ofInstant(clock.instant(), zon);
        Skickade skickade = new Skickade(idag, repo.skickadeSedan(attSkicka, idag.atStartOfDay(zon).toInstant()));
        return planerade + n + skickaPerKanal(perKanal, skickade);
    }

    /** Each channel's messages on its own thread, side by side; returns when all are done. */
    private int skickaPerKanal(Map<Kanal, List<Jobb>> perKanal, Skickade skickade) {
        List<Future<Integer>> delar = new ArrayList<>();
        for (Map.Entry<Kanal, List<Jobb>> e : perKanal.entrySet()) {
            delar.add(kanaltradar.submit(() -> skickaAlla(e.getKey(), e.getValue(), skickade)));
        }
        int n = 0;
        RuntimeException fel = null;
        boolean avbruten = false;
        for (Future<Integer> del : delar) {
            while (true) {
                try {
                    n += del.get();
                    break;
                } catch (InterruptedException e) {
                    // Closing sets stoppad first: each channel ends after the message in hand, and is waited for.
                    avbruten = true;
                } catch (ExecutionException e) {
                    RuntimeException orsak = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                    if (fel == null) {
                        fel = orsak;
                    } else {
                        fel.addSuppressed(orsak);
                    }
                    break;
                }
            }
        }
        if (avbruten) {
            Thread.currentThread().interrupt();
        }
        if (fel != null) {
            throw fel;
        }
        return n;
    }

    /** One channel's part of a pass, in order, over one run of the channel. */
    private int skickaAlla(Kanal kanal, List<Jobb> jobb, Skickade skickade) {
        int n = 0;
        // Each recipient's count for the daily limit, as read when the pass began: all her messages of the pass
        // are on this thread, so it counts on from there as they are accepted.
        Map<String, Integer> idag = new HashMap<>();
        try (Kanalsandare.Omgang omgang = kanaler.get(kanal).omgang()) {
            for (Jobb j : jobb) {
                vik();
                if (stoppad || !harTur()) {
                    break;
                }
                skicka(j, omgang, idag, skickade);
                n++;
            }
        }
        return n;
    }

    /**
     * While requests are served or wait, takes the sender's next free moment ({@link #vikTakt} after the one taken
     * before, by any channel) and waits for it, or until nothing waits any more.
     */
    private void vik() {
        if (stoppad || koadeSidor.getAsInt() <= 0) {
            return;
        }
        long tid;
        synchronized (taktLas) {
            tid = Math.max(System.nanoTime(), nastaTid);
            nastaTid = tid + vikTakt.toNanos();
        }
        while (!stoppad && koadeSidor.getAsInt() > 0) {
            long kvar = tid - System.nanoTime();
            if (kvar <= 0) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(kvar, Duration.ofMillis(10).toNanos()));
        }
    }

    /** Sets the pace while pages wait ({@link #VIK_TAKT} unless a test chooses another). */
    void vikTakt(Duration takt) {
        this.vikTakt = takt;
    }

    private boolean harTur() {
        synchronized (turLas) {
            return tur.getAsBoolean();
        }
    }

    /**
     * What the row needs before a channel can take it: its recipient (null: there is none any more) and her
     * channel. Null when it was settled here instead (no recipient, no channel she wants, quiet hours on her
     * channel).
     */
    private Jobb forbered(UtskickRepository.Rad rad, UtskickRepository.Mottagare m) {
        if (m == null) {
            repo.avslutat(rad.id(), "avstangd", null, "mottagaren finns inte längre", clock.instant());
            return null;
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
            return null;
        }
        if (vald == null) {
            repo.avslutat(rad.id(), "ingen_kanal", null, null, clock.instant());
            return null;
        }
        Instant nu = clock.instant();
        ZoneId zon = clock.getZone();
        if (vald.tystaTimmar() && tyst(nu, zon)) {
            repo.vanta(rad.id(), vald, morgon(nu, zon));
            return null;
        }
        return new Jobb(rad, m, vald);
    }

    /** Sends one message on its channel's thread and settles its row by the channel's answer. */
    private void skicka(Jobb jobb, Kanalsandare.Omgang omgang, Map<String, Integer> antalIdag, Skickade skickade) {
        UtskickRepository.Rad rad = jobb.rad();
        Kanal vald = jobb.kanal();
        UtskickRepository.Mottagare m = jobb.m();
        Instant nu = clock.instant();
        ZoneId zon = clock.getZone();
        LocalDate idag = LocalDate.ofInstant(nu, zon);
        String vem = UtskickRepository.vem(rad) + ":" + idag;
        // A pass that runs past midnight reads the new day's count when it first needs it.
        int antal = antalIdag.computeIfAbsent(vem, k -> skickade.dag().equals(idag)
                ? skickade.antal().getOrDefault(UtskickRepository.vem(rad), 0)
                : repo.skickadeSedan(rad, idag.atStartOfDay(zon).toInstant()));
        if (antal >= maxPerDag) {
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
            svar = omgang.skicka(adress, med.amne(), med.text());
        } catch (RuntimeException e) {
            LOG.warn("Utskick: channel {} failed on message {}", vald, rad.id(), e);
            svar = Kanalsvar.forsokIgen("oväntat fel i kanalen");
        }
        Instant efter = clock.instant();
        switch (svar.utfall()) {
            case ACCEPTERAT -> {
                Skickat skickat = new Skickat(rad, vald, efter);
                String referens = svar.referens();
                Handelselogg.medLas(repo.jdbi(), () -> {
                    repo.skickat(rad.id(), vald, efter, referens,
                            efterSkickat == null ? null : h -> efterSkickat.skrivI(h, skickat));
                    return null;
                });
                antalIdag.merge(vem, 1, Integer::sum);
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
        kanaltradar.shutdownNow();
        try {
            // A channel thread in the middle of a message finishes it, or leaves it to be sent again, before the
            // database closes.
            kanaltradar.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
