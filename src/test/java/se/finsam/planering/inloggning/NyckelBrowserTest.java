package se.finsam.planering.inloggning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;

/**
 * Passkeys in Chromium with Selenium's virtual authenticator (CTAP2, resident keys, user verification), as a phone's
 * screen lock would answer: a participant's passkey after activation and her login with it, a passkey the server
 * does not know and a removed one refused, and a koordinator's second factor by TOTP and then by passkey.
 */
class NyckelBrowserTest extends BrowserTest {

    private VirtualAuthenticator authenticator;

    private VirtualAuthenticator newAuthenticator() {
        return ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    @AfterEach
    void taBortAutentiserare() {
        if (authenticator != null) {
            ((HasVirtualAuthenticator) browser.driver()).removeVirtualAuthenticator(authenticator);
            authenticator = null;
        }
        browser.utanKakor();
    }

    private String path() {
        return URI.create(browser.driver().getCurrentUrl()).getPath();
    }

    private void waitForPath(String expected) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> path().equals(expected));
    }

    private void waitForStatus(String css, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> browser.find(css).getText().contains(text));
    }

    private int nycklar(String anvandarnamn) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM nyckel n JOIN anvandare a ON a.id = n.anvandare_id
                        WHERE a.anvandarnamn = :u""").bind("u", anvandarnamn).mapTo(Integer.class).one());
    }

    private int loggat(String vad) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE vad LIKE :v")
                .bind("v", vad + "%").mapTo(Integer.class).one());
    }

    @Test
    void deltagarenSkaparNyckelEfterAktiveringenOchLoggarInMedDen() throws Exception {
        authenticator = newAuthenticator();
        browser.open("/aktivera");
        browser.type("#kod", DemoData.DEMO_ACTIVATION_CODE);
        browser.clickAndWait("form.formular button[type=submit]");
        assertEquals("/aktivera/pin", path());
        String username = browser.find("#ditt-id").getText().strip();
        browser.type("#pin", "730194");
        browser.type("#pin2", "730194");
        browser.clickAndWait("form.formular button[type=submit]");

        // Offered once, after her first PIN: "log in with one tap next time", which she may skip.
        assertEquals("/nyckel/ny", path());
        assertTrue(browser.find("#hoppa-over").isDisplayed());
        browser.assertAccessibleAtBothSizes("nyckel-erbjudande");
        browser.find("#registrera-nyckel").click();
        waitForPath("/min-planering");
        assertEquals(1, nycklar(username));
        assertEquals(1, authenticator.getCredentials().size());
        assertTrue(loggat("nyckel registrerad") >= 1);

        // Later: the participant login offers the passkey, one tap with her user id remembered on the phone.
        browser.logout();
        browser.open("/logga-in/deltagare");
        assertTrue(browser.find("#logga-in-nyckel").isDisplayed());
        browser.assertAccessibleAtBothSizes("deltagare-login-nyckel");
        browser.find("#logga-in-nyckel").click();
        waitForPath("/min-planering");
        assertTrue(loggat("deltagare, nyckel") >= 1);

        // Without a typed user id the authenticator offers the passkey it keeps (a discoverable credential).
        browser.logout();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", "");
        browser.find("#logga-in-nyckel").click();
        waitForPath("/min-planering");

        // Her account page lists the passkey; she turns PIN login off and the PIN is refused with a message.
        browser.open("/konto");
        assertEquals(1, browser.findAll("#nycklar li").size());
        browser.assertAccessibleAtBothSizes("konto-nycklar");
        browser.clickAndWait("#pin-av");
        browser.logout();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", username);
        browser.type("#pin", "730194");
        browser.clickAndWait("form.formular button[type=submit]");
        assertEquals("/logga-in/deltagare", path());
        assertTrue(browser.text().contains("stängt av inloggning med PIN-kod"), browser.text());

        // A passkey the server does not know, on another authenticator, is refused.
        ((HasVirtualAuthenticator) browser.driver()).removeVirtualAuthenticator(authenticator);
        authenticator = newAuthenticator();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] credentialId = new byte[16];
        byte[] userHandle = new byte[64];
        new SecureRandom().nextBytes(credentialId);
        new SecureRandom().nextBytes(userHandle);
        authenticator.addCredential(Credential.createResidentCredential(credentialId, "localhost",
                new PKCS8EncodedKeySpec(generator.generateKeyPair().getPrivate().getEncoded()), userHandle, 0));
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", "");
        browser.find("#logga-in-nyckel").click();
        waitForStatus("[data-nyckel-status]", "godtogs inte");
        assertEquals("/logga-in/deltagare", path());
        assertTrue(loggat("misslyckad inloggning med nyckel") >= 1);
    }

    @Test
    void enBorttagenNyckelGodtasInte() {
        authenticator = newAuthenticator();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", DemoData.DEMO_PARTICIPANT_USERNAME);
        browser.type("#pin", DemoData.DEMO_PARTICIPANT_PIN);
        browser.clickAndWait("form.formular button[type=submit]");
        browser.open("/konto");
        browser.type("#nyckel-namn", "Jobbdatorn");
        browser.find("#registrera-nyckel").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> !browser.findAll("#nycklar li").isEmpty());
        assertTrue(browser.find("#nycklar").getText().contains("Jobbdatorn"));
        assertEquals(1, nycklar(DemoData.DEMO_PARTICIPANT_USERNAME));

        browser.clickAndWait("#nycklar button[type=submit]");
        assertEquals(0, nycklar(DemoData.DEMO_PARTICIPANT_USERNAME));
        assertTrue(loggat("nyckel borttagen: Jobbdatorn") >= 1);
        assertFalse(authenticator.getCredentials().isEmpty(), "the authenticator still keeps it");

        // The authenticator still offers it, but the server no longer knows it.
        browser.logout();
        browser.open("/logga-in/deltagare");
        browser.find("#logga-in-nyckel").click();
        waitForStatus("[data-nyckel-status]", "godtogs inte");
        assertEquals("/logga-in/deltagare", path());
    }

    @Test
    void koordinatornBekraftarMedTotpOchSedanMedNyckel() {
        authenticator = newAuthenticator();
        browser.open("/logga-in");
        browser.type("#anvandarnamn", "koordinator.farsta");
        browser.type("#losenord", DemoData.STAFF_PASSWORD);
        browser.clickAndWait("form.formular button[type=submit]");
        assertEquals("/tvafaktor", path());
        browser.assertAccessibleAtBothSizes("tvafaktor");
        browser.open("/oversikt");
        assertEquals("/tvafaktor", path(), "nothing opens before the second factor");
        browser.passSecondFactor("koordinator.farsta");
        assertEquals("/oversikt", path());

        browser.open("/konto");
        browser.find("#registrera-nyckel").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> !browser.findAll("#nycklar li").isEmpty());
        browser.logout();

        browser.open("/logga-in");
        browser.type("#anvandarnamn", "koordinator.farsta");
        browser.type("#losenord", DemoData.STAFF_PASSWORD);
        browser.clickAndWait("form.formular button[type=submit]");
        assertEquals("/tvafaktor", path());
        browser.find("#tvafaktor-nyckel").click();
        waitForPath("/oversikt");
        assertTrue(loggat("andra faktor godkänd (nyckel)") >= 1);
    }

    @Test
    void ettKontoUtanAndraFaktorSkaffarEnForst() {
        long id = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = 'admin'")
                .mapTo(Long.class).one());
        app.jdbi().useHandle(h -> h.createUpdate("DELETE FROM totp WHERE anvandare_id = :a").bind("a", id).execute());
        browser.open("/logga-in");
        browser.type("#anvandarnamn", "admin");
        browser.type("#losenord", DemoData.STAFF_PASSWORD);
        browser.clickAndWait("form.formular button[type=submit]");
        assertEquals("/tvafaktor/registrera", path());
        assertTrue(browser.find("svg.qr").isDisplayed(), "a QR code for the authenticator app");
        browser.assertAccessibleAtBothSizes("tvafaktor-registrera");
        String secret = browser.find("#totp-hemlighet").getText().replace(" ", "");
        browser.type("#kod", se.finsam.planering.auth.Totp.kod(secret,
                se.finsam.planering.auth.Totp.steg(app.clock().instant())));
        browser.clickAndWait("#tvafaktor-registrera button[type=submit]");
        waitForPath("/admin");
    }
}
