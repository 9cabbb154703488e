package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/**
 * Benchmarks, not tests: they measure and write target/benchmark.txt; they assert only correctness
 * (nothing lost, nothing duplicated), never time. Run with:
 *   mvn -B test -Dsurefire.excludedGroups= -Dgroups=benchmark
 */
@Tag("benchmark")
class BenchmarkTest {

    private final StringBuilder report = new StringBuilder();

    private void line(String format, Object... args) {
        String text = String.format(java.util.Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    @Test
    void benchmark() throws Exception {
        long seedStart = System.nanoTime();
        try (TestApp app = TestApp.start(Config.DemoMode.LARGE)) {
            line("Seeding the large data set (10 000 deltagare) and starting: %.1f s",
                    (System.nanoTime() - seedStart) / 1e9);
            int deltagare = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM deltagare")
                    .mapTo(Integer.class).one());
            line("deltagare in the database: %d", deltagare);

            overview(app);
            statistik(app);
            sync(app);
            throughput(app);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark.txt"), report);
    }

    /** The koordinator's follow-up overview, with 10 000 participants in the database. */
    private void overview(TestApp app) {
        HttpSession s = app.session().loginStaff("koordinator");
        for (int i = 0; i < 20; i++) {
            s.get("/uppfoljning");
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = s.get("/uppfoljning");
            micros.add((System.nanoTime() - t) / 1000);
            assertEquals(200, r.statusCode());
        }
        int rows = s.get("/uppfoljning").body().split("<tr>").length - 1;
        line("Koordinator overview /uppfoljning (team of ~2 000 participants, %d table rows shown), 200 requests:"
                + " p50 %.1f ms, p99 %.1f ms", rows, pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0);
        micros.clear();
        for (int i = 0; i < 50; i++) {
            long t = System.nanoTime();
            assertEquals(200, s.get("/uppfoljning?alla=1").statusCode());
            micros.add((System.nanoTime() - t) / 1000);
        }
        int all = s.get("/uppfoljning?alla=1").body().split("<tr>").length - 1;
        line("  the same with every row (%d rows), 50 requests: p50 %.1f ms, p99 %.1f ms", all,
                pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0);
    }

    /** The styrgrupp's statistics page and its CSV export for a whole year, all teams, 10 000 participants. */
    private void statistik(TestApp app) {
        HttpSession s = app.session().loginStaff("styrgrupp");
        for (String path : List.of("/statistik?ar=2026", "/statistik/statistik.csv?ar=2026",
                "/statistik/statistik.xlsx?ar=2026")) {
            mat(s, path, "Statistics %s (all teams, a whole year), 20 requests: p50 %.1f ms, p99 %.1f ms");
        }
        HttpSession k = app.session().loginStaff("koordinator");
        int kista = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM deltagare d JOIN team t ON t.id = d.team_id
                        WHERE t.namn = 'Jobbtorg Kista'""").mapTo(Integer.class).one());
        for (String path : List.of("/statistik/personfil.csv?ar=2026", "/statistik/personfil.xlsx?ar=2026")) {
            mat(k, path, "Person-level file %s (the koordinator's team, " + kista
                    + " deltagare, a whole year), 20 requests: p50 %.1f ms, p99 %.1f ms");
        }
    }

    private void mat(HttpSession s, String path, String format) {
        for (int i = 0; i < 3; i++) {
            s.bytes(path);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            assertEquals(200, s.bytes(path).statusCode());
            micros.add((System.nanoTime() - t) / 1000);
        }
        line(format, path, pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0);
    }

    /** 500 follow-ups queued offline, sent one by one as the outbox does, then all replayed. */
    private void sync(TestApp app) {
        HttpSession s = app.session().loginStaff("koordinator");
        List<Long> ids = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.id FROM deltagare d JOIN team t ON t.id = d.team_id
                JOIN deltagare_fas f ON f.deltagare_id = d.id
                WHERE t.namn = 'Jobbtorg Kista' AND f.fas = 'uppfoljning' ORDER BY d.id LIMIT 500""")
                .mapTo(Long.class).list());
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            bodies.add("{\"deltagareId\":" + ids.get(i % ids.size()) + ",\"falt\":{\"uuid\":\"" + UUID.randomUUID()
                    + "\",\"datum\":\"2026-11-20\",\"klient_tid\":\"2026-11-20T10:00:00Z\","
                    + "\"notering_intern\":\"Benchmark " + i + "\"}}");
        }
        int before = count(app);
        long t = System.nanoTime();
        int created = 0;
        for (String body : bodies) {
            created += post(s, body) == 201 ? 1 : 0;
        }
        double first = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        int already = 0;
        Map<Integer, Integer> svar = new java.util.TreeMap<>();
        for (String body : bodies) {
            int status = post(s, body);
            already += status == 200 ? 1 : 0;
            svar.merge(status, 1, Integer::sum);
        }
        double replay = (System.nanoTime() - t) / 1e6;
        int stored = count(app) - before;
        line("Sync of 500 queued follow-ups: %.0f ms (%.1f ms each); replay of all 500: %.0f ms;"
                + " stored %d, lost %d, duplicated %d", first, first / 500, replay, stored, 500 - created,
                stored - created);
        assertEquals(500, created, "answers on replay: " + svar);
        assertEquals(500, already);
        assertEquals(500, stored);
    }

    /** The participant's plan page against a static file, 32 connections at once. */
    private void throughput(TestApp app) throws Exception {
        HttpSession deltagare = app.session().loginDeltagare();
        String cookie = "finsam_session=" + deltagare.cookie("finsam_session");
        for (String path : List.of("/css/app.css", "/min-planering")) {
            Result r = load(app.url(path), cookie, 32, Duration.ofSeconds(10));
            line("%-15s 32 connections, 10 s: %6.0f requests/s, p50 %.1f ms, p99 %.1f ms, errors %d", path,
                    r.perSecond, r.p50, r.p99, r.errors);
        }
    }

    private record Result(double perSecond, double p50, double p99, int errors) {
    }

    private static Result load(String url, String cookie, int connections, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .header("Accept-Encoding", "gzip").GET().build();
        for (int i = 0; i < 200; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < connections; c++) {
            futures.add(pool.submit(() -> {
                long done = 0;
                long errors = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    all.add((System.nanoTime() - t) / 1000);
                    if (status == 200) {
                        done++;
                    } else {
                        errors++;
                    }
                }
                return new long[] {done, errors};
            }));
        }
        long done = 0;
        int errors = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            done += r[0];
            errors += (int) r[1];
        }
        pool.shutdown();
        List<Long> copy = new ArrayList<>(all);
        return new Result(done / (double) duration.toSeconds(), pct(copy, 50) / 1000.0, pct(copy, 99) / 1000.0,
                errors);
    }

    private static int post(HttpSession s, String body) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url("/api/uppfoljning")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", s.csrf()).POST(HttpRequest.BodyPublishers.ofString(body))).statusCode();
    }

    private static int count(TestApp app) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM uppfoljning").mapTo(Integer.class).one());
    }

    private static long pct(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
