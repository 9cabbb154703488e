package se.finsam.planering.utskick;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP (Jakarta Mail through Angus Mail). {@code smtp://} requires STARTTLS before the password or the
 * message is sent; {@code smtp://...?starttls=valfri} uses it when the server offers it (a relay on the same
 * machine, a test server); {@code smtps://} speaks TLS from the start. A 5xx answer to the recipient or the
 * message is final; anything else (no connection, a 4xx, a time-out) is tried again later. The sender sends a
 * batch over one connection ({@link #omgang()}): the TLS handshake and the login are made once for it.
 */
public final class Epostsandare implements Kanalsandare {

    static {
        // Jakarta Mail looks up its encoders' provider for every encoded header and body it writes, by default with
        // a ServiceLoader scan of the class path each time (most of what an e-mail's encoding cost). Named in the
        // system property it consults first, it is found by its name instead; a name set from outside is kept.
        String namn = jakarta.mail.util.StreamProvider.class.getName();
        if (System.getProperty(namn) == null) {
            System.setProperty(namn, org.eclipse.angus.mail.util.MailStreamProvider.class.getName());
        }
    }

    private final Session session;
    private final String fran;
    private final String anvandare;
    private final String losenord;
    private final String protokoll;

    public Epostsandare(URI url, String fran) {
        this.fran = fran;
        this.protokoll = url.getScheme();
        String info = url.getRawUserInfo();
        String[] delar = info == null ? new String[0] : info.split(":", 2);
        this.anvandare = delar.length > 0 ? avkoda(delar[0]) : null;
        this.losenord = delar.length > 1 ? avkoda(delar[1]) : null;
        boolean valfri = url.getQuery() != null && url.getQuery().contains("starttls=valfri");
        Properties p = new Properties();
        String pre = "mail." + protokoll + ".";
        p.put(pre + "host", url.getHost());
        p.put(pre + "port", String.valueOf(url.getPort() > 0 ? url.getPort() : protokoll.equals("smtps") ? 465 : 587));
        p.put(pre + "auth", String.valueOf(anvandare != null));
        p.put(pre + "connectiontimeout", "10000");
        p.put(pre + "timeout", "20000");
        p.put(pre + "writetimeout", "20000");
        if (protokoll.equals("smtp")) {
            p.put(pre + "starttls.enable", "true");
            p.put(pre + "starttls.required", String.valueOf(!valfri));
        }
        p.put(pre + "ssl.checkserveridentity", "true");
        this.session = Session.getInstance(p);
    }

    @Override
    public Kanal kanal() {
        return Kanal.EPOST;
    }

    @Override
    public Kanalsvar skicka(String adress, String amne, String text) {
        try (Omgang o = omgang()) {
            return o.skicka(adress, amne, text);
        }
    }

    /**
     * Messages over one SMTP connection: connected (STARTTLS, login) at the first message, each message then sent
     * on it, closed at the end of the run, after {@link #PER_ANSLUTNING} messages, or after a failure (the next
     * message connects anew). A connection used before that breaks without an answer (the server closed it while
     * idle) or answers 421 is made anew once for the same message, as a fresh connection would have been.
     */
    @Override
    public Omgang omgang() {
        return new Omgang() {
            private Transport t;
            private int skickade;

            @Override
            public Kanalsvar skicka(String adress, String amne, String text) {
                MimeMessage m;
                try {
                    m = meddelande(adress, amne, text);
                } catch (AddressException e) {
                    return Kanalsvar.permanent("ogiltig e-postadress");
                } catch (MessagingException e) {
                    return Kanalsvar.permanent("meddelandet kunde inte göras: " + e.getMessage());
                }
                boolean anvand = t != null;
                try {
                    return over(m);
                } catch (MessagingException e) {
                    close();
                    int kod = svarskod(e);
                    if (anvand && (kod < 0 || kod == 421) && !starttlsSaknas(e)) {
                        try {
                            return over(m);
                        } catch (MessagingException igen) {
                            close();
                            return svar(igen);
                        }
                    }
                    return svar(e);
                }
            }

            private Kanalsvar over(MimeMessage m) throws MessagingException {
                if (t == null) {
                    Transport ny = session.getTransport(protokoll);
                    ny.connect(anvandare, losenord);
                    t = ny;
                    skickade = 0;
                }
                t.sendMessage(m, m.getAllRecipients());
                if (++skickade >= PER_ANSLUTNING) {
                    close();
                }
                return Kanalsvar.accepterat(m.getMessageID());
            }

            @Override
            public void close() {
                Transport gammal = t;
                t = null;
                if (gammal != null) {
                    try {
                        gammal.close();
                    } catch (MessagingException e) {
                        // The connection is gone either way; what was accepted on it was accepted.
                    }
                }
            }
        };
    }

    /** At most this many messages over one connection; a server may count them, and then it connects anew. */
    static final int PER_ANSLUTNING = 100;

    private MimeMessage meddelande(String adress, String amne, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        InternetAddress till = new InternetAddress(adress, true);
        m.setFrom(new InternetAddress(fran));
        m.setRecipient(Message.RecipientType.TO, till);
        m.setSubject(amne, "UTF-8");
        m.setText(text, "UTF-8");
        m.setSentDate(new Date());
        return m;
    }

    private static boolean starttlsSaknas(MessagingException e) {
        return String.valueOf(e.getMessage()).contains("STARTTLS is required");
    }

    /** What a failure to connect or send means: a 5xx is final, anything else is tried again later. */
    private static Kanalsvar svar(MessagingException e) {
        if (starttlsSaknas(e)) {
            // Required and not offered: neither the password nor the message goes out in clear.
            return Kanalsvar.forsokIgen("e-postservern erbjuder inte STARTTLS; inget skickas okrypterat");
        }
        int kod = svarskod(e);
        if (kod >= 500) {
            return Kanalsvar.permanent("SMTP " + kod);
        }
        return Kanalsvar.forsokIgen(kod > 0 ? "SMTP " + kod : "ingen kontakt med e-postservern");
    }

    /** The SMTP reply code behind the failure, if the server gave one. */
    private static int svarskod(Exception e) {
        Exception nu = e;
        while (nu != null) {
            if (nu instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (nu instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            nu = nu instanceof MessagingException me ? me.getNextException() : null;
        }
        return -1;
    }

    private static String avkoda(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
