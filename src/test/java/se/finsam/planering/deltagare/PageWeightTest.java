package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.Cookie;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The weight budget of architecture.md: the first visit to Min planering transfers at most 60 KB
 * compressed (HTML, CSS, JS, manifest, icons, service worker, and the pages saved for offline use).
 * Measured with Chromium's Resource Timing (encodedBodySize = bytes on the wire before decompression).
 * Bytes are deterministic, so the budget can be asserted; the figures go to target/page-weight.txt.
 */
class PageWeightTest extends BrowserTest {

    static final long BUDGET = 60 * 1024;
    @Test
    @SuppressWarnings("unchecked")
    void forstaBesoketPaMinPlaneringViktarHogst60KbKomprimerat() throws IOException {
        long deltagare = TestData.deltagareAttLoggaInSom(app, "uppfoljning");
        String user = TestData.kontoMedPin(app, deltagare, "530917");
        // Logged in over HTTP, so that Min planering is the very first page this browser loads.
        HttpSession http = app.session();
        http.get("/logga-in/deltagare");
        assertEquals(302, http.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", "530917")).statusCode());
        browser.open("/robots.txt");
        browser.driver().manage().addCookie(new Cookie("finsam_session", http.cookie("finsam_session")));
        browser.open("/min-planering");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> "true".equals(browser.find("html").getAttribute("data-sparad")));

        List<Map<String, Object>> entries = (List<Map<String, Object>>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const extra = ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png',
                               '/icons/icon-maskable-512.png', '/icons/icon.svg', '/sw.js', '/utan-nat?sprak=sv',
                               '/utan-nat?sprak=en', '/utan-nat?sprak=ar'];
                Promise.all(extra.map(u => fetch(u, { cache: 'no-store' }).then(r => r.arrayBuffer())))
                  .then(() => {
                    const all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
                    done(all.map(e => ({ name: new URL(e.name).pathname, bytes: e.encodedBodySize,
                                         decoded: e.decodedBodySize })));
                  });""");
        StringBuilder report = new StringBuilder("First visit to /min-planering, bytes compressed (decoded)\n");
        long total = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map<String, Object> e : entries) {
            String name = (String) e.get("name");
            seen.add(name);
            long bytes = ((Number) e.get("bytes")).longValue();
            total += bytes;
            report.append(String.format("%-32s %7d (%d)%n", name, bytes, ((Number) e.get("decoded")).longValue()));
        }
        report.append(String.format("%-32s %7d bytes = %.1f KB of %d KB%n", "total", total, total / 1024.0,
                BUDGET / 1024));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "page-weight.txt"), report);
        System.out.println(report);
        assertTrue(seen.containsAll(List.of("/min-planering", "/css/app.css", "/js/app.js",
                "/manifest.webmanifest", "/icons/icon-512.png")), "everything was measured: " + seen);
        assertTrue(total <= BUDGET, report.toString());
    }
}
