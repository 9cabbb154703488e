package se.finsam.planering.utskick;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.martijndwars.webpush.AbstractPushService;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.Urgency;
import nl.martijndwars.webpush.Utils;
import org.jose4j.lang.JoseException;

/**
 * Web push to every browser in which the recipient turned notifications on. The address is her account's id; the
 * payload (title, text and the page a tap opens, as JSON) is encrypted for each browser per RFC 8291 (aes128gcm) and
 * the request signed with the server's VAPID key (RFC 8292), both by the web-push library; the request goes out with
 * the JDK's HTTP client. The push service's answer: 2xx accepted; 404 or 410, the subscription is gone and deleted;
 * 429, 5xx, no answer: tried again later; another 4xx: final. Accepted by one of her browsers is accepted.
 *
 * <p>A subscription's endpoint is an address the browser chose, so the server posts only to the known push services
 * over HTTPS (and to those {@code FINSAM_PUSH_TJANSTER} adds): never to an address of its own network.
 */
public final class Pushsandare implements Kanalsandare {

    /** The push services of today's browsers: Chrome, Edge, Firefox, Safari. A host is one of them or under one. */
    static final List<String> KANDA_TJANSTER = List.of("fcm.googleapis.com", "push.services.mozilla.com",
            "push.apple.com", "notify.windows.com");

    /** How long the push service keeps a message for a browser that is off: a day. */
    static final int TTL_SEKUNDER = 24 * 60 * 60;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushRepository repo;
    private final Pushnycklar nycklar;
    private final String kontakt;
    /** Made on the first message: start-up does not load BouncyCastle. */
    private Signerare signerare;
    private final Set<String> extra;
    private final Clock clock;
    private final HttpClient http;
    private final Duration tidsgrans;

    /** The web-push library's request builder, signed with the server's key. */
    private static final class Signerare extends AbstractPushService<Signerare> {
        Signerare(Pushnycklar nycklar, String kontakt) {
            super(nycklar.par(), kontakt);
        }

        nl.martijndwars.webpush.HttpRequest forbered(Notification n)
                throws GeneralSecurityException, IOException, JoseException {
            return prepareRequest(n, Encoding.AES128GCM);
        }
    }

    /**
     * A notification whose VAPID audience is the endpoint's whole origin: the library leaves out a port, which a push
     * service on another port than 443 (one {@code FINSAM_PUSH_TJANSTER} adds) would refuse.
     */
    private static final class Notis extends Notification {
        Notis(String endpoint, org.bouncycastle.jce.interfaces.ECPublicKey nyckel, byte[] auth, byte[] payload) {
            super(endpoint, nyckel, auth, payload, TTL_SEKUNDER, Urgency.NORMAL, null);
        }

        @Override
        public String getOrigin() {
            URI u = URI.create(getEndpoint());
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
        }
    }

    /**
     * @param kontakt the VAPID subject the push services may contact the sender by: a mailto: or https: URL
     * @param extra   push services beyond the known ones, as origins ({@code https://push.example.org})
     */
    public Pushsandare(PushRepository repo, Pushnycklar nycklar, String kontakt, Set<String> extra, Clock clock,
                       Duration tidsgrans) {
        this.repo = repo;
        this.nycklar = nycklar;
        this.kontakt = kontakt;
        this.extra = Set.copyOf(extra);
        this.clock = clock;
        this.tidsgrans = tidsgrans;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Kanal kanal() {
        return Kanal.PUSH;
    }

    private synchronized Signerare signerare() {
        if (signerare == null) {
            signerare = new Signerare(nycklar, kontakt);
        }
        return signerare;
    }

    /** Whether an endpoint is at a push service the server posts to. */
    public static boolean tillaten(String endpoint, Set<String> extra) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getScheme() == null) {
            return false;
        }
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        if (extra.contains(origin)) {
            return true;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || (uri.getPort() >= 0 && uri.getPort() != 443)) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return KANDA_TJANSTER.stream().anyMatch(t -> host.equals(t) || host.endsWith("." + t));
    }

    /** The payload: no more than an SMS would carry (its title and neutral text), and the page a tap opens. */
    static byte[] innehall(String amne, String text) {
        ObjectNode n = JSON.createObjectNode();
        n.put("titel", amne);
        n.put("text", text);
        n.put("url", "/");
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Kanalsvar skicka(String adress, String amne, String text) {
        long anvandareId;
        try {
            anvandareId = Long.parseLong(adress);
        } catch (NumberFormatException e) {
            return Kanalsvar.permanent("ingen mottagare för webbpush");
        }
        List<PushRepository.Prenumeration> alla = repo.hennes(anvandareId);
        if (alla.isEmpty()) {
            return Kanalsvar.permanent("notiser är inte påslagna i någon webbläsare");
        }
        byte[] payload = innehall(amne, text);
        String accepterat = null;
        String forsokIgen = null;
        String permanent = null;
        for (PushRepository.Prenumeration p : alla) {
            Kanalsvar svar = skicka(p, payload);
            switch (svar.utfall()) {
                case ACCEPTERAT -> {
                    repo.skickat(p, clock.instant());
                    if (accepterat == null) {
                        accepterat = svar.referens() == null ? "" : svar.referens();
                    }
                }
                case FORSOK_IGEN -> forsokIgen = svar.fel();
                case PERMANENT -> permanent = svar.fel();
            }
        }
        if (accepterat != null) {
            return Kanalsvar.accepterat(accepterat.isEmpty() ? null : accepterat);
        }
        return forsokIgen != null ? Kanalsvar.forsokIgen(forsokIgen) : Kanalsvar.permanent(permanent);
    }

    private Kanalsvar skicka(PushRepository.Prenumeration p, byte[] payload) {
        if (!tillaten(p.endpoint(), extra)) {
            return Kanalsvar.permanent("push-tjänsten är inte tillåten");
        }
        Pushnycklar.bouncyCastle();
        Notification n;
        try {
            n = new Notis(p.endpoint(),
                    (org.bouncycastle.jce.interfaces.ECPublicKey) Utils.loadPublicKey(avkoda(p.p256dh())),
                    avkoda(p.auth()), payload);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // The browser's key cannot be used: the subscription never will be.
            repo.borta(p);
            return Kanalsvar.permanent("prenumerationens nyckel går inte att använda");
        }
        nl.martijndwars.webpush.HttpRequest forberedd;
        try {
            forberedd = signerare().forbered(n);
        } catch (GeneralSecurityException | IOException | JoseException e) {
            return Kanalsvar.forsokIgen("meddelandet kunde inte krypteras eller signeras");
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(forberedd.getUrl())).timeout(tidsgrans)
                .POST(HttpRequest.BodyPublishers.ofByteArray(forberedd.getBody()));
        for (Map.Entry<String, String> h : forberedd.getHeaders().entrySet()) {
            req.header(h.getKey(), h.getValue());
        }
        HttpResponse<String> svar;
        try {
            svar = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Kanalsvar.forsokIgen("ingen kontakt med push-tjänsten");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Kanalsvar.forsokIgen("avbrutet");
        }
        int s = svar.statusCode();
        if (s >= 200 && s < 300) {
            return Kanalsvar.accepterat(svar.headers().firstValue("Location").orElse(null));
        }
        if (s == 404 || s == 410) {
            repo.borta(p);
            return Kanalsvar.permanent("prenumerationen finns inte längre (" + s + ")");
        }
        if (s == 429 || s >= 500) {
            return Kanalsvar.forsokIgen("push-tjänsten svarade " + s);
        }
        return Kanalsvar.permanent("push-tjänsten svarade " + s);
    }

    private static byte[] avkoda(String b64) {
        return Base64.getUrlDecoder().decode(b64.replace('+', '-').replace('/', '_').replace("=", ""));
    }
}
