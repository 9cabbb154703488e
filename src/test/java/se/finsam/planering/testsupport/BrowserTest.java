package se.finsam.planering.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * For test classes that share one running app and one headless Chromium. Tagged "browser" (the tag is inherited), so
 * that {@code mvn test -Pfast} leaves them out; a browser test that does not extend this class carries the tag itself.
 */
@Tag(BrowserTest.TAG)
public abstract class BrowserTest {

    /** The JUnit tag of every test that starts Chromium. */
    public static final String TAG = "browser";

    protected static TestApp app;
    protected static Browser browser;

    @BeforeAll
    static void startaAppOchWebblasare() {
        app = TestApp.start();
        browser = new Browser(app);
    }

    /**
     * The outbox stamps each record with the device's clock, and the server accepts only times near its own: tests
     * of offline recording set the server's test clock to the browser's, as a real server and phone agree.
     */
    protected static void serverKlockanSomEnhetens() {
        Object deviceNow = browser.driver().executeScript("return Date.now();");
        app.clock().set(java.time.Instant.ofEpochMilli(((Number) deviceNow).longValue()));
    }

    @AfterAll
    static void stoppaAppOchWebblasare() {
        browser.close();
        app.close();
    }
}
