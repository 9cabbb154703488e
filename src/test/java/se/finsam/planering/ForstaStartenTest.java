package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.auth.Totp;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/**
 * A first start without demo data says how to create the first administrator; with demo data the demo's second
 * factor does not stop a newcomer (a QR code in the console, the current code on the page), and without demo data
 * no code is ever shown.
 */
class ForstaStartenTest {

    private static final String LOSENORD = "ett-langt-forsta-losenord";

    @Test
    void utanDemodataSagsHurDenForstaAdministratornSkapas() throws Exception {
        try (TestApp app = TestApp.start(Config.DemoMode.NONE)) {
            List<String> konsol = Kommandon.ingenAdministratorRader(app.jdbi());
            assertTrue(String.join("\n", konsol).contains("java -jar finsam-planering.jar skapa-admin ANVÄNDARNAMN"),
                    String.join("\n", konsol));
            Document sida = app.session().page("/logga-in");
            assertTrue(HttpSession.text(sida, "#forsta-admin").contains("skapa-admin"), sida.text());

            // The command as the console says it, against the same database file.
            Config config = new Config(0, app.databas(), "http://localhost", Config.DemoMode.NONE, false,
                    Duration.ofMinutes(30), false, false);
            assertEquals(0, Kommandon.createAdmin(config, new String[] {"skapa-admin", "forsta.admin", "Första Admin"},
                    new ByteArrayInputStream((LOSENORD + "\n").getBytes(StandardCharsets.UTF_8))));
            assertEquals(List.of(), Kommandon.ingenAdministratorRader(app.jdbi()));
            assertTrue(app.session().page("/logga-in").select("#forsta-admin").isEmpty());

            // Even an account given the demo's published secret gets no code on the page without demo data.
            app.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO totp (anvandare_id, hemlighet, skapad, bekraftad)
                            SELECT id, :h, :n, :n FROM anvandare WHERE anvandarnamn = 'forsta.admin'""")
                    .bind("h", DemoData.DEMO_TOTP_SECRET).bind("n", TestApp.START).execute());
            HttpSession admin = app.session();
            admin.get("/logga-in");
            HttpResponse<String> login = admin.post("/logga-in",
                    Map.of("anvandarnamn", "forsta.admin", "losenord", LOSENORD));
            assertEquals(302, login.statusCode(), login.body());
            Document tvafaktor = admin.page("/tvafaktor");
            assertTrue(tvafaktor.select("#tvafaktor-totp").size() == 1, tvafaktor.text());
            assertTrue(tvafaktor.select("#demokod").isEmpty());
            assertFalse(tvafaktor.text().contains(Totp.kod(DemoData.DEMO_TOTP_SECRET,
                    Totp.steg(app.clock().instant()))));
        }
    }

    @Test
    void medDemodataVisasDemokontonasKodPaSidanOchBaraDeras() {
        try (TestApp app = TestApp.start()) {
            HttpSession s = app.session();
            s.get("/logga-in");
            assertEquals(302, s.post("/logga-in", Map.of("anvandarnamn", "koordinator",
                    "losenord", DemoData.STAFF_PASSWORD)).statusCode());
            Document sida = s.page("/tvafaktor");
            String visad = HttpSession.text(sida, "#demokod strong");
            assertEquals(Totp.kod(DemoData.DEMO_TOTP_SECRET, Totp.steg(app.clock().instant())), visad);
            assertTrue(HttpSession.text(sida, "#demokod").contains("Demo"));
            // The shown code is the one that works.
            assertEquals(302, s.post("/tvafaktor", Map.of("kod", visad)).statusCode());
            assertEquals(200, s.get("/oversikt").statusCode());

            // A demo account that enrolled a secret of its own is a real second factor: nothing is shown.
            app.jdbi().useHandle(h -> h.createUpdate("""
                            UPDATE totp SET hemlighet = :h WHERE anvandare_id =
                                (SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator.farsta')""")
                    .bind("h", Totp.nyHemlighet()).execute());
            HttpSession farsta = app.session();
            farsta.get("/logga-in");
            assertEquals(302, farsta.post("/logga-in", Map.of("anvandarnamn", "koordinator.farsta",
                    "losenord", DemoData.STAFF_PASSWORD)).statusCode());
            assertTrue(farsta.page("/tvafaktor").select("#demokod").isEmpty());
        }
    }

    @Test
    void konsolensQrKodLasesSomDemohemlighetensAdress() throws Exception {
        List<String> rader = DemoData.loginLines();
        int start = 0;
        while (!rader.get(start).contains("skanna QR-koden")) {
            start++;
        }
        List<String> qr = rader.subList(start + 1, rader.size()).stream()
                .takeWhile(r -> r.startsWith("  ") && r.strip().chars().allMatch(c -> " ▀▄█".indexOf(c) >= 0))
                .map(r -> r.substring(2)).toList();
        assertTrue(qr.size() > 10, "QR lines: " + qr.size());
        // Drawn back into pixels (the printed blocks are the light modules), four pixels a module, and read as a
        // phone camera would.
        int bredd = qr.get(0).length();
        int hojd = qr.size() * 2;
        int skala = 4;
        int[] pixlar = new int[bredd * skala * hojd * skala];
        for (int y = 0; y < hojd; y++) {
            for (int x = 0; x < bredd; x++) {
                char c = x < qr.get(y / 2).length() ? qr.get(y / 2).charAt(x) : '█';
                boolean ljus = c == '█' || (y % 2 == 0 ? c == '▀' : c == '▄');
                for (int dy = 0; dy < skala; dy++) {
                    for (int dx = 0; dx < skala; dx++) {
                        pixlar[(y * skala + dy) * bredd * skala + x * skala + dx] = ljus ? 0xFFFFFF : 0;
                    }
                }
            }
        }
        String last = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new RGBLuminanceSource(bredd * skala, hojd * skala, pixlar))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertEquals(DemoData.DEMO_OTPAUTH, last);
    }
}
