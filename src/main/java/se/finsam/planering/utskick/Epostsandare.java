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
 * message is final; anything else (no connection, a 4xx, a time-out) is tried again later.
 */
public final class Epostsandare implements Kanalsandare {

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
        MimeMessage m = new MimeMessage(session);
        try {
            InternetAddress till = new InternetAddress(adress, true);
            m.setFrom(new InternetAddress(fran));
            m.setRecipient(Message.RecipientType.TO, till);
            m.setSubject(amne, "UTF-8");
            m.setText(text, "UTF-8");
            m.setSentDate(new Date());
        } catch (AddressException e) {
            return Kanalsvar.permanent("ogiltig e-postadress");
        } catch (MessagingException e) {
            return Kanalsvar.permanent("meddelandet kunde inte göras: " + e.getMessage());
        }
        try (Transport t = session.getTransport(protokoll)) {
            t.connect(anvandare, losenord);
            t.sendMessage(m, m.getAllRecipients());
            return Kanalsvar.accepterat(m.getMessageID());
        } catch (MessagingException e) {
            if (String.valueOf(e.getMessage()).contains("STARTTLS is required")) {
                // Required and not offered: neither the password nor the message goes out in clear.
                return Kanalsvar.forsokIgen("e-postservern erbjuder inte STARTTLS; inget skickas okrypterat");
            }
            int kod = svarskod(e);
            if (kod >= 500) {
                return Kanalsvar.permanent("SMTP " + kod);
            }
            return Kanalsvar.forsokIgen(kod > 0 ? "SMTP " + kod : "ingen kontakt med e-postservern");
        }
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
