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

    @AfterAll
    static void stoppaAppOchWebblasare() {
        browser.close();
        app.close();
    }
}
