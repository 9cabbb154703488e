package se.finsam.planering.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import se.finsam.planering.demo.DemoData;

/**
 * A browser-like HTTP client: keeps cookies, reads the CSRF token from pages, does not follow redirects. Pages are
 * read with an HTML parser (jsoup), as a browser reads them, never with patterns over the markup.
 */
public final class HttpSession {

    private final TestApp app;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String csrf;
    /** Other servers on the same database: requests go to each in turn, as a load balancer might send them. */
    private final java.util.List<String> andraServrar = new java.util.ArrayList<>();
    private int nasta;
    /** Another server that takes every request instead of this session's own (its database moved there). */
    private String endaServer;

    HttpSession(TestApp app) {
        this.app = app;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Accept", "text/html").GET());
        String token = csrfOf(response);
        if (token != null) {
            csrf = token;
        }
        return response;
    }

    /** Posts a file upload (multipart) with the given fields and the CSRF token of the last page seen. */
    public HttpResponse<String> postFil(String path, Map<String, String> falt, String filnamn, String typ,
                                        byte[] innehall) {
        if (csrf == null) {
            refreshCsrf();
        }
        String grans = "----finsam" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> alla = new java.util.LinkedHashMap<>(falt);
        alla.putIfAbsent("_csrf", csrf);
        try {
            for (var e : alla.entrySet()) {
                body.write(("--" + grans + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                        + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + grans + "\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"" + filnamn
                    + "\"\r\nContent-Type: " + typ + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(innehall);
            body.write(("\r\n--" + grans + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + grans).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A download as bytes (a spreadsheet, say), with this session's cookies. */
    public HttpResponse<byte[]> bytes(String path) {
        return sendBytes(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    /** A request of one's own (headers of one's own) with this session's cookies; the answer as bytes. */
    public HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        return skicka(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a form with the CSRF token of the last page seen (fetching the login page if none was). */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        if (csrf == null) {
            refreshCsrf();
        }
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.putIfAbsent("_csrf", csrf);
        return postRaw(path, withToken);
    }

    /** Posts exactly the given fields: no token is added. */
    public HttpResponse<String> postRaw(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String token = csrfOf(response);
        if (token != null) {
            csrf = token;
        } else if (response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("finsam_csrf="))) {
            csrf = null; // login and logout give the browser a new CSRF cookie, and so a new token
        }
        return response;
    }

    /** The CSRF token in the page's first form, or null if the response is not a page with one. */
    private static String csrfOf(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
            return null;
        }
        return csrfIn(response.body());
    }

    /** The value of the first form field the selector finds in the markup (empty if there is none). */
    public static String value(String html, String css) {
        return Jsoup.parse(html).select(css).val();
    }

    /** The CSRF token in the markup's first form, or null if there is none. */
    public static String csrfIn(String html) {
        Element token = Jsoup.parse(html).selectFirst("input[name=_csrf]");
        return token == null || token.val().isEmpty() ? null : token.val();
    }

    /** The response's page, parsed as a browser would (for CSS selectors: {@code select}, {@code selectFirst}). */
    public static Document html(HttpResponse<String> response) {
        return Jsoup.parse(response.body(), response.uri().toString());
    }

    /** Gets the page and parses it. */
    public Document page(String path) {
        return html(get(path));
    }

    /** The addresses of all links on the page, in document order. */
    public static List<String> links(Document page) {
        return page.select("a[href]").eachAttr("href");
    }

    /** The text of the element the selector finds (whitespace collapsed), failing clearly if there is none. */
    public static String text(Document page, String css) {
        Element element = page.selectFirst(css);
        if (element == null) {
            throw new AssertionError("no element " + css + " on the page " + page.location());
        }
        return element.text();
    }

    /**
     * What a browser would send for the form the selector finds, as it is on the page (hidden fields, typed values,
     * selected options, checked boxes); a field that repeats keeps its last value.
     */
    public static Map<String, String> formData(Document page, String formCss) {
        Element form = page.selectFirst(formCss);
        if (!(form instanceof FormElement formElement)) {
            throw new AssertionError("no form " + formCss + " on the page " + page.location());
        }
        Map<String, String> data = new LinkedHashMap<>();
        formElement.formData().forEach(kv -> data.put(kv.key(), kv.value()));
        return data;
    }

    /** Reads a fresh token from whatever page the start address leads to. */
    private void refreshCsrf() {
        String path = "/";
        for (int i = 0; i < 4 && csrf == null; i++) {
            HttpResponse<String> response = get(path);
            path = response.headers().firstValue("Location").orElse("/logga-in");
        }
    }

    /** A request of one's own with this session's cookies; the answer as text. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        return skicka(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Sends once more only when not one byte of an answer came back, which is how a kept-alive connection that the
     * server closed looks to the client (closed as idle, or after refusing a request it could not read; the server
     * answers every request it reads, errors included).
     */
    private <T> HttpResponse<T> skicka(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            try {
                return client.send(built, body);
            } catch (IOException e) {
                if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                    throw e;
                }
                return client.send(built, body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The address of a page on this session's server, or on the next server in turn when there are several. */
    public synchronized String url(String path) {
        if (endaServer != null) {
            return endaServer + path;
        }
        if (andraServrar.isEmpty()) {
            return app.url(path);
        }
        int vilken = nasta++ % (andraServrar.size() + 1);
        return vilken == 0 ? app.url(path) : andraServrar.get(vilken - 1) + path;
    }

    /**
     * From now on, requests alternate between this session's server and {@code server} (another server on the
     * same database), as a load balancer without sticky sessions sends them.
     */
    /** From now on, every request goes to {@code server} (another server, on a copy of this one's data). */
    public HttpSession baraMot(se.finsam.planering.App server) {
        endaServer = "http://localhost:" + server.port();
        return this;
    }

    public HttpSession vaxlaMed(se.finsam.planering.App server) {
        andraServrar.add("http://localhost:" + server.port());
        return this;
    }

    public String csrf() {
        if (csrf == null) {
            refreshCsrf();
        }
        return csrf;
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Logs in as staff and checks that it worked. */
    public HttpSession loginStaff(String username) {
        get("/logga-in");
        HttpResponse<String> response = post("/logga-in",
                Map.of("anvandarnamn", username, "losenord", DemoData.STAFF_PASSWORD));
        assertEquals(302, response.statusCode(), "login as " + username + " failed: " + response.body());
        String location = response.headers().firstValue("Location").orElse("");
        if (location.startsWith("/tvafaktor")) {
            passSecondFactor(username);
        }
        return this;
    }

    /** Passes the second factor of a koordinator or admin with a TOTP code, as a person with the app would. */
    public HttpSession passSecondFactor(String username) {
        HttpResponse<String> page = get("/tvafaktor");
        assertEquals(200, page.statusCode(), "second-factor page for " + username + ": " + page.body());
        HttpResponse<String> passed = post("/tvafaktor", Map.of("kod", app.totpKod(username)));
        assertEquals(302, passed.statusCode(), "second factor for " + username + " failed: " + passed.body());
        return this;
    }

    /** Logs in as the demo participant with PIN. */
    public HttpSession loginDeltagare() {
        get("/logga-in/deltagare");
        HttpResponse<String> response = post("/logga-in/deltagare",
                Map.of("anvandarnamn", DemoData.DEMO_PARTICIPANT_USERNAME, "pin", DemoData.DEMO_PARTICIPANT_PIN));
        assertEquals(302, response.statusCode(), "participant login failed: " + response.body());
        return this;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
