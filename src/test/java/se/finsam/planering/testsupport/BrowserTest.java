package se.finsam.planering.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For test classes that share one running app and one headless Chromium. */
public abstract class BrowserTest {

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
