package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** Bodies no browser sends: each gets a 4xx page in the user's language, never a 500 or a stack trace. */
class TrasigaForfragningarTest extends AppTest {

    static HttpResponse<String> raw(HttpSession s, String path, String contentType, byte[] body, String accept,
                                    boolean tokenInHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url(path)))
                .header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (tokenInHeader) {
            request.header("X-CSRF-Token", s.csrf());
        }
        try {
            return s.send(request);
        } catch (java.io.UncheckedIOException stale) {
            // The server closes a connection after refusing a body it could not read; a kept-alive
            // connection may already be gone. Like a browser, send once more on a fresh one.
            return s.send(request);
        }
    }

    static void assertClean(HttpResponse<String> r, String what) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, what + " -> " + r.statusCode() + " " + r.body());
        for (String leak : List.of("Exception", "at se.finsam", "at org.", "jetty", "javalin")) {
            assertFalse(r.body().contains(leak), what + " leaks '" + leak + "': " + r.body());
        }
    }

    @Test
    void trasigMultipartGer400SidaPaSvenska() {
        HttpSession s = app.session().loginStaff("koordinator");
        String csrf = s.csrf();
        // A boundary that never comes, a part without headers, a body cut off in the middle.
        List<String> bodies = List.of(
                "--XYZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--XYZ",
                "nothing like multipart at all",
                "--XYZ\r\n\r\n\r\n--XYZ--\r\n",
                "--XYZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf);
        for (String body : bodies) {
            HttpResponse<String> r = raw(s, "/moten", "multipart/form-data; boundary=XYZ",
                    body.getBytes(StandardCharsets.UTF_8), "text/html", false);
            assertClean(r, body);
            assertEquals(400, r.statusCode(), body);
            assertTrue(r.body().contains("Uppgifterna kunde inte tas emot"), r.body());
        }
        HttpResponse<String> noBoundary = raw(s, "/moten", "multipart/form-data", "x".getBytes(StandardCharsets.UTF_8),
                "text/html", false);
        assertClean(noBoundary, "no boundary");
        // The same in English for someone who chose English.
        s.post("/sprak", java.util.Map.of("sprak", "en", "tillbaka", "/"));
        HttpResponse<String> english = raw(s, "/moten", "multipart/form-data; boundary=XYZ",
                bodies.get(0).getBytes(StandardCharsets.UTF_8), "text/html", false);
        assertEquals(400, english.statusCode());
        assertTrue(english.body().contains("The information could not be received"), english.body());
        s.post("/sprak", java.util.Map.of("sprak", "sv", "tillbaka", "/"));
    }

    @Test
    void trasigUrlkodningOchOgiltigUtf8Ger400() {
        HttpSession s = app.session().loginStaff("koordinator");
        String csrf = s.csrf();
        List<byte[]> bodies = List.of(
                ("_csrf=" + csrf + "&datum=%ZZ").getBytes(StandardCharsets.US_ASCII),
                ("_csrf=" + csrf + "&datum=%").getBytes(StandardCharsets.US_ASCII),
                ("_csrf=" + csrf + "&datum=%E").getBytes(StandardCharsets.US_ASCII),
                ("_csrf=" + csrf + "&plats=%C3%28%FF%FE").getBytes(StandardCharsets.US_ASCII),
                concat(("_csrf=" + csrf + "&plats=").getBytes(StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 1}),
                ("_csrf=" + csrf + "&&&==&=x&x==&%00=%00").getBytes(StandardCharsets.US_ASCII));
        for (byte[] body : bodies) {
            HttpResponse<String> r = raw(s, "/moten", "application/x-www-form-urlencoded", body, "text/html", false);
            assertClean(r, new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void forStorKroppGer413() {
        HttpSession s = app.session().loginStaff("koordinator");
        byte[] huge = ("_csrf=" + s.csrf() + "&plats=" + "a".repeat(2_000_000)).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> form = raw(s, "/moten", "application/x-www-form-urlencoded", huge, "text/html", false);
        assertEquals(413, form.statusCode(), form.body());
        assertClean(form, "huge form");
        HttpResponse<String> json = raw(s, "/api/uppfoljning", "application/json",
                ("{\"x\":\"" + "a".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                "application/json", true);
        assertEquals(413, json.statusCode(), json.body());
        assertClean(json, "huge json");
    }

    @Test
    void apietVillHaJsonOchSvararMedSkalIJson() {
        HttpSession s = app.session().loginStaff("koordinator");
        long d = TestData.deltagareIFas(app, "uppfoljning", 0);
        String ok = "{\"deltagareId\":" + d + ",\"falt\":{\"uuid\":\"" + UUID.randomUUID()
                + "\",\"datum\":\"2026-11-20\",\"notering_intern\":\"x\"}}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=X",
                "application/xml")) {
            HttpResponse<String> r = raw(s, "/api/uppfoljning", type, ok.getBytes(StandardCharsets.UTF_8),
                    "application/json", true);
            assertClean(r, type);
            assertEquals(415, r.statusCode(), type + ": " + r.body());
            assertTrue(r.body().startsWith("{") && r.body().contains("\"fel\""), r.body());
        }
        for (String body : List.of("", "{", "{\"deltagareId\":1e999,\"falt\":{}}", "{\"deltagareId\":" + d
                        + ",\"falt\":{\"uuid\":[1,2]}}", "null", "\"sträng\"", "{\"deltagareId\":" + d + ",\"falt\":{"
                        + "\"datum\":\"2026-11-20\",\"datum\":\"2026-11-21\"}}",
                "{\"deltagareId\":99999999999999999999999,\"falt\":{}}", "{\"deltagareId\":-1,\"falt\":{}}",
                "\u0000\u0001")) {
            HttpResponse<String> r = raw(s, "/api/uppfoljning", "application/json; charset=utf-8",
                    body.getBytes(StandardCharsets.UTF_8), "application/json", true);
            assertClean(r, body);
            assertTrue(r.body().contains("\"fel\""), body + " -> " + r.body());
        }
        HttpResponse<String> invalidUtf8 = raw(s, "/api/uppfoljning", "application/json",
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, "application/json", true);
        assertClean(invalidUtf8, "invalid UTF-8 in JSON");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
