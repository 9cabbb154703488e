package se.finsam.planering.utskick;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which channels this server has, read from the environment: {@code FINSAM_SMTP} (smtp://user:password@host:port,
 * STARTTLS required; smtps:// for TLS from the start) with {@code FINSAM_SMTP_FRAN}; {@code FINSAM_SMS_URL},
 * {@code FINSAM_SMS_ANVANDARE}, {@code FINSAM_SMS_LOSENORD} (and {@code FINSAM_SMS_FRAN}); and
 * {@code FINSAM_UTSKICK_MAX_PER_DAG}, the most messages one recipient gets in a day. None set: no channel, and
 * messages are made and kept all the same. Web push needs no setting (its keys are made at the first start): it
 * goes to those who turned notifications on; {@code FINSAM_PUSH_KONTAKT} (mailto: or https:) is how push services
 * may reach the sender, and {@code FINSAM_PUSH_TJANSTER} (origins, comma-separated) adds push services beyond the
 * known ones. {@code FINSAM_SMS_RETUR_LOSENORD}: the password the gateway gives (basic authentication, user
 * {@value SmsReturRoutes#ANVANDARE}) when it posts delivery reports and incoming SMS; without it both are refused.
 */
public record Kanalinstallning(URI smtp, String smtpFran, URI smsUrl, String smsAnvandare, String smsLosenord,
                               String smsFran, int maxPerDag, java.util.Set<String> pushTjanster,
                               String pushKontakt, String smsReturLosenord) {

    public Kanalinstallning {
        pushTjanster = pushTjanster == null ? java.util.Set.of() : java.util.Set.copyOf(pushTjanster);
    }

    /** E-mail and SMS as given; web push to the known push services only; no gateway callbacks. */
    public Kanalinstallning(URI smtp, String smtpFran, URI smsUrl, String smsAnvandare, String smsLosenord,
                            String smsFran, int maxPerDag) {
        this(smtp, smtpFran, smsUrl, smsAnvandare, smsLosenord, smsFran, maxPerDag, java.util.Set.of(), null, null);
    }

    /** E-mail and SMS as given, with the password of the gateway's callbacks. */
    public Kanalinstallning(URI smtp, String smtpFran, URI smsUrl, String smsAnvandare, String smsLosenord,
                            String smsFran, int maxPerDag, String smsReturLosenord) {
        this(smtp, smtpFran, smsUrl, smsAnvandare, smsLosenord, smsFran, maxPerDag, java.util.Set.of(), null,
                smsReturLosenord);
    }

    public static final int MAX_PER_DAG = 5;

    public static Kanalinstallning ingen() {
        return new Kanalinstallning(null, null, null, null, null, null, MAX_PER_DAG);
    }

    public static Kanalinstallning fromEnvironment(Map<String, String> env) {
        URI smtp = uri(env, "FINSAM_SMTP");
        String fran = tom(env.get("FINSAM_SMTP_FRAN"));
        if (smtp != null && fran == null) {
            throw new IllegalArgumentException("FINSAM_SMTP_FRAN (the sender's address) is needed with FINSAM_SMTP");
        }
        if (smtp != null && !List.of("smtp", "smtps").contains(smtp.getScheme())) {
            throw new IllegalArgumentException("FINSAM_SMTP must start with smtp:// or smtps://, was: " + smtp);
        }
        URI sms = uri(env, "FINSAM_SMS_URL");
        String max = tom(env.get("FINSAM_UTSKICK_MAX_PER_DAG"));
        int maxPerDag = MAX_PER_DAG;
        if (max != null) {
            try {
                maxPerDag = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("FINSAM_UTSKICK_MAX_PER_DAG must be a whole number, was: " + max);
            }
            if (maxPerDag < 1 || maxPerDag > 100) {
                throw new IllegalArgumentException("FINSAM_UTSKICK_MAX_PER_DAG must be between 1 and 100");
            }
        }
        java.util.Set<String> tjanster = new java.util.LinkedHashSet<>();
        String extra = tom(env.get("FINSAM_PUSH_TJANSTER"));
        if (extra != null) {
            for (String t : extra.split(",")) {
                URI u = URI.create(t.strip());
                if (u.getHost() == null || !List.of("http", "https").contains(u.getScheme())
                        || !(u.getPath() == null || u.getPath().isEmpty())) {
                    throw new IllegalArgumentException("FINSAM_PUSH_TJANSTER takes origins such as "
                            + "https://push.example.org, was: " + t.strip());
                }
                tjanster.add(u.getScheme() + "://" + u.getHost().toLowerCase(java.util.Locale.ROOT)
                        + (u.getPort() >= 0 ? ":" + u.getPort() : ""));
            }
        }
        String kontakt = tom(env.get("FINSAM_PUSH_KONTAKT"));
        if (kontakt != null && !kontakt.startsWith("mailto:") && !kontakt.startsWith("https://")) {
            throw new IllegalArgumentException("FINSAM_PUSH_KONTAKT must start with mailto: or https://, was: "
                    + kontakt);
        }
        String retur = tom(env.get("FINSAM_SMS_RETUR_LOSENORD"));
        if (retur != null && retur.length() < 16) {
            throw new IllegalArgumentException("FINSAM_SMS_RETUR_LOSENORD must be at least 16 characters");
        }
        return new Kanalinstallning(smtp, fran, sms, tom(env.get("FINSAM_SMS_ANVANDARE")),
                tom(env.get("FINSAM_SMS_LOSENORD")), env.getOrDefault("FINSAM_SMS_FRAN", "FINSAM"), maxPerDag,
                tjanster, kontakt, retur);
    }

    /** The same settings, web push also to these push services (origins: a local one in a test). */
    public Kanalinstallning medPushTjanster(String... origins) {
        return new Kanalinstallning(smtp, smtpFran, smsUrl, smsAnvandare, smsLosenord, smsFran, maxPerDag,
                java.util.Set.of(origins), pushKontakt, smsReturLosenord);
    }

    /** Who push services may contact about this server's messages (VAPID's subject). */
    public String pushKontakt(String baseUrl) {
        if (pushKontakt != null) {
            return pushKontakt;
        }
        if (smtpFran == null) {
            return baseUrl;
        }
        int b = smtpFran.indexOf('<');
        int e = smtpFran.indexOf('>');
        return "mailto:" + (b >= 0 && e > b ? smtpFran.substring(b + 1, e) : smtpFran).strip();
    }

    /** The same settings with another daily limit. */
    public Kanalinstallning medMaxPerDag(int max) {
        return new Kanalinstallning(smtp, smtpFran, smsUrl, smsAnvandare, smsLosenord, smsFran, max, pushTjanster,
                pushKontakt, smsReturLosenord);
    }

    /** The channels that are configured, each ready to send. */
    public List<Kanalsandare> sandare() {
        return sandare(null);
    }

    /**
     * The channels that are configured; with {@code baseUrl} and the callback password, each SMS asks the gateway
     * to post its delivery report to this server.
     */
    public List<Kanalsandare> sandare(String baseUrl) {
        List<Kanalsandare> alla = new ArrayList<>();
        if (smtp != null) {
            alla.add(new Epostsandare(smtp, smtpFran));
        }
        if (smsUrl != null) {
            alla.add(new Smssandare(smsUrl, smsAnvandare, smsLosenord, smsFran, Smssandare.TIDSGRANS,
                    baseUrl == null ? null : SmsReturRoutes.leveransrapportUrl(baseUrl, smsReturLosenord)));
        }
        return alla;
    }

    /** One line for the console at start: which channels are on. */
    public String beskrivning() {
        List<String> pa = new ArrayList<>();
        if (smtp != null) {
            pa.add("e-post via " + smtp.getHost() + ":" + smtp.getPort());
        }
        if (smsUrl != null) {
            pa.add("sms via " + smsUrl.getHost());
        }
        pa.add("webbpush till dem som slagit på notiser");
        return pa.size() == 1
                ? "Utskick: ingen kanal för e-post eller sms inställd (FINSAM_SMTP, FINSAM_SMS_URL); webbpush till dem"
                        + " som slagit på notiser; övriga meddelanden sparas och visas på /utskick"
                : "Utskick: " + String.join(", ", pa);
    }

    private static URI uri(Map<String, String> env, String namn) {
        String v = tom(env.get(namn));
        if (v == null) {
            return null;
        }
        try {
            URI uri = URI.create(v);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(namn + " has no host: " + v);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(namn + " is not a valid URL", e);
        }
    }

    private static String tom(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return beskrivning();
    }
}
