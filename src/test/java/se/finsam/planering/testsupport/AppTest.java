package se.finsam.planering.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For test classes that share one running app (real HTTP, fresh SQLite file with demo data). */
public abstract class AppTest {

    protected static TestApp app;

    @BeforeAll
    static void startaApp() {
        app = TestApp.start();
    }

    @AfterAll
    static void stoppaApp() {
        app.close();
    }
}
