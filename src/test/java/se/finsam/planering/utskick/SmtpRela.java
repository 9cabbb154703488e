package se.finsam.planering.utskick;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a local port in front of a real SMTP server: it counts the connections made through it and the
 * messages begun on them ({@code MAIL FROM}), and can break off as a server that goes away does: at a given
 * message it closes the connection before the command reaches the server, and refuses every connection after
 * that until it is opened again.
 */
final class SmtpRela implements AutoCloseable {

    final AtomicInteger anslutningar = new AtomicInteger();
    final AtomicInteger paborjade = new AtomicInteger();
    private final ServerSocket lyssnare;
    private final int malport;
    private final List<Socket> oppna = new CopyOnWriteArrayList<>();
    /** The message ({@code MAIL FROM}, counted from 1) at which it breaks off; 0: never. */
    private volatile int brytVid;
    private volatile boolean stangd;

    SmtpRela(int malport) throws IOException {
        this.malport = malport;
        this.lyssnare = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::ta, "smtp-rela");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return lyssnare.getLocalPort();
    }

    /** Breaks off at the {@code n}-th message from now on and refuses connections after it. */
    void brytVid(int n) {
        paborjade.set(0);
        brytVid = n;
    }

    /** Takes connections again and relays every message. */
    void oppna() {
        brytVid = 0;
        stangd = false;
    }

    void nollstall() {
        anslutningar.set(0);
        paborjade.set(0);
    }

    private void ta() {
        while (!lyssnare.isClosed()) {
            try {
                Socket klient = lyssnare.accept();
                if (stangd) {
                    klient.close();
                    continue;
                }
                anslutningar.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), malport);
                oppna.add(klient);
                oppna.add(server);
                pump(server.getInputStream(), klient.getOutputStream(), klient, server, false);
                pump(klient.getInputStream(), server.getOutputStream(), klient, server, true);
            } catch (IOException e) {
                if (lyssnare.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Copies one direction; from the client line by line, so that each command can be seen before it goes on. */
    private void pump(InputStream in, OutputStream ut, Socket klient, Socket server, boolean franKlienten) {
        Thread t = new Thread(() -> {
            try {
                if (!franKlienten) {
                    in.transferTo(ut);
                    return;
                }
                ByteArrayOutputStream rad = new ByteArrayOutputStream();
                boolean iData = false;
                int b;
                while ((b = in.read()) >= 0) {
                    rad.write(b);
                    if (b != '\n') {
                        continue;
                    }
                    String text = rad.toString(StandardCharsets.US_ASCII);
                    String kommando = text.strip().toUpperCase(java.util.Locale.ROOT);
                    if (iData) {
                        iData = !kommando.equals(".");
                    } else if (kommando.startsWith("MAIL FROM:")) {
                        int n = paborjade.incrementAndGet();
                        if (brytVid > 0 && n >= brytVid) {
                            stangd = true;
                            klient.close();
                            server.close();
                            return;
                        }
                    } else if (kommando.equals("DATA")) {
                        iData = true;
                    }
                    ut.write(rad.toByteArray());
                    ut.flush();
                    rad.reset();
                }
            } catch (IOException e) {
                // One side closed: the other follows.
            } finally {
                try {
                    klient.close();
                    server.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "smtp-rela-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        lyssnare.close();
        for (Socket s : oppna) {
            s.close();
        }
    }
}
