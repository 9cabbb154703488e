package se.finsam.planering.utskick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * SMS through a gateway with 46elks' form API: a POST of {@code from}, {@code to} and {@code message} with basic
 * authentication, answered with JSON that holds the message's id (which delivery reports name). 429 and 5xx, no
 * answer or a time-out: tried again later. Another 4xx (an invalid number): final. With a delivery-report address
 * each message carries it ({@code whendelivered}, its password in the address as 46elks takes it).
 */
public final class Smssandare implements Kanalsandare {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String auth;
    private final String fran;
    private final HttpClient http;
    private final Duration tidsgrans;
    private final String leveransrapport;

    static final Duration TIDSGRANS = Duration.ofSeconds(15);

    public Smssandare(URI url, String anvandare, String losenord, String fran) {
        this(url, anvandare, losenord, fran, TIDSGRANS);
    }

    public Smssandare(URI url, String anvandare, String losenord, String fran, Duration tidsgrans) {
        this(url, anvandare, losenord, fran, tidsgrans, null);
    }

    public Smssandare(URI url, String anvandare, String losenord, String fran, Duration tidsgrans,
                      String leveransrapport) {
        this.url = url;
        this.leveransrapport = leveransrapport;
        this.fran = fran;
        this.tidsgrans = tidsgrans;
        this.auth = anvandare == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (anvandare + ":" + (losenord == null ? "" : losenord)).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public Kanal kanal() {
        return Kanal.SMS;
    }

    @Override
    public Kanalsvar skicka(String nummer, String amne, String text) {
        String form = "from=" + enc(fran) + "&to=" + enc(nummer) + "&message=" + enc(text)
                + (leveransrapport == null ? "" : "&whendelivered=" + enc(leveransrapport));
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(tidsgrans)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (auth != null) {
            req.header("Authorization", auth);
        }
        HttpResponse<String> svar;
        try {
            svar = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Kanalsvar.forsokIgen("ingen kontakt med sms-tjänsten");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Kanalsvar.forsokIgen("avbrutet");
        }
        int s = svar.statusCode();
        if (s >= 200 && s < 300) {
            try {
                JsonNode n = JSON.readTree(svar.body());
                String id = n.path("id").asText(null);
                String status = n.path("status").asText("");
                if (status.equals("failed")) {
                    return Kanalsvar.permanent("sms-tjänsten: failed");
                }
                return Kanalsvar.accepterat(id);
            } catch (IOException e) {
                // Accepted (2xx) but the answer could not be read: it was taken, without a reference.
                return Kanalsvar.accepterat(null);
            }
        }
        if (s == 429 || s >= 500 || s == 401) {
            return Kanalsvar.forsokIgen("sms-tjänsten svarade " + s);
        }
        String kort = svar.body() == null ? "" : svar.body().strip();
        return Kanalsvar.permanent("sms-tjänsten svarade " + s
                + (kort.isEmpty() ? "" : ": " + kort.substring(0, Math.min(80, kort.length()))));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
