package se.finsam.planering.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests share reads of the data version, but never one that began before they arrived: a change committed
 * before a request came is always in what it is given.
 */
class DatautgavaTest {

    @TempDir
    Path dir;

    /** Real SQLite connections whose version reads, while {@code halla} is open, run and then wait for a signal. */
    private static final class Hallhake {
        volatile boolean halla = true;
        final CountDownLatch inne = new CountDownLatch(Datautgava.LASARE);
        final CountDownLatch slapp = new CountDownLatch(1);

        Connection hall(Connection riktig) {
            InvocationHandler anslutning = (proxy, metod, argument) -> {
                Object svar = anropa(riktig, metod, argument);
                if (metod.getName().equals("prepareStatement")) {
                    PreparedStatement fraga = (PreparedStatement) svar;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                            (p, m, a) -> {
                                Object resultat = anropa(fraga, m, a);
                                if (m.getName().equals("executeQuery") && halla) {
                                    inne.countDown();
                                    slapp.await();
                                }
                                return resultat;
                            });
                }
                return svar;
            };
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    anslutning);
        }

        private static Object anropa(Object mal, java.lang.reflect.Method metod, Object[] argument) throws Throwable {
            try {
                return metod.invoke(mal, argument);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Test
    void enForfraganSomKomEfterEnAndringFarDenOchVantandeDelarEnLasning() throws Exception {
        try (Databas databas = Databas.connect(dir.resolve("utgava.db"))) {
            Hallhake hake = new Hallhake();
            Datautgava utgava = new Datautgava(databas.jdbi(),
                    () -> hake.hall(databas.pool().getDataSource().getConnection()));
            long fore = databas.jdbi().withHandle(h -> h.createQuery("SELECT nr FROM datautgava")
                    .mapTo(Long.class).one());
            ExecutorService tradar = Executors.newFixedThreadPool(12);
            try {
                // Both readers read the version as it was, and are held before they answer.
                List<Future<Datautgava.Utgavor>> tidiga = new ArrayList<>();
                for (int i = 0; i < Datautgava.LASARE; i++) {
                    tidiga.add(tradar.submit(() -> utgava.las()));
                }
                assertTrue(hake.inne.await(10, TimeUnit.SECONDS), "both readers reading");
                // A change is committed; requests arriving after it find no free reader and wait.
                databas.jdbi().useHandle(h -> h.execute("UPDATE datautgava SET nr = nr + 1"));
                hake.halla = false;
                List<Future<Datautgava.Utgavor>> senare = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    senare.add(tradar.submit(() -> utgava.las()));
                }
                long slut = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (utgava.vantande() < senare.size() && System.nanoTime() < slut) {
                    Thread.sleep(5);
                }
                assertEquals(senare.size(), utgava.vantande(), "every later request waits for a reader or a read");
                hake.slapp.countDown();
                for (Future<Datautgava.Utgavor> f : tidiga) {
                    assertEquals(fore, f.get(10, TimeUnit.SECONDS).data(), "the held reads began before the change");
                }
                for (Future<Datautgava.Utgavor> f : senare) {
                    assertEquals(fore + 1, f.get(10, TimeUnit.SECONDS).data(),
                            "a request that came after the change never gets a read that began before it");
                }
                // The two held reads, then at most one more per reader for the eight that waited.
                assertTrue(utgava.lasningar() <= 2L * Datautgava.LASARE,
                        "the waiting requests shared reads: " + utgava.lasningar() + " reads for 10 requests");
                // Once all is quiet, a request reads for itself.
                long lasta = utgava.lasningar();
                assertEquals(fore + 1, utgava.las().data());
                assertEquals(lasta + 1, utgava.lasningar());
            } finally {
                tradar.shutdownNow();
                utgava.close();
            }
        }
    }
}
