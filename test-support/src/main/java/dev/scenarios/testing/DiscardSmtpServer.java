package dev.scenarios.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An in-process SMTP sink on loopback, the embedded default target of the benchmark: it offers STARTTLS (required) and
 * AUTH PLAIN when given a TLS context, reads message data in bulk, throws it away and counts it. Written for speed
 * because the benchmark must measure the client: SubEthaSMTP reads DATA one byte at a time through synchronized
 * streams, and in a JFR profile of a 50 KB run three quarters of all samples were its reader, so it, not the client,
 * set the pace. Not a general SMTP server: no pipelining, no SIZE, one recipient line is as good as many.
 */
public final class DiscardSmtpServer implements AutoCloseable {

    public static final String USER = "bench";
    public static final String PASSWORD = "bench-password";

    private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

    private final ServerSocket server;
    private final SSLContext tls;
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "discard-smtp");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong received = new AtomicLong();
    private final long replyDelayNanos;

    /**
     * @param tls the server's TLS context: STARTTLS and AUTH PLAIN are then required; null for plain SMTP without AUTH
     */
    public DiscardSmtpServer(SSLContext tls) throws IOException {
        this(tls, Duration.ZERO);
    }

    /**
     * A server that waits {@code replyDelay} before each reply after the greeting, standing for a relay across a WAN
     * (the benchmark's {@code --reply-delay}): then the client's sessions, not its CPU, set the pace.
     *
     * @param tls as {@link #DiscardSmtpServer(SSLContext)}
     */
    public DiscardSmtpServer(SSLContext tls, Duration replyDelay) throws IOException {
        this.tls = tls;
        this.replyDelayNanos = replyDelay.toNanos();
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        sessions.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many messages were received (and discarded) so far. */
    public long received() {
        return received.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                sessions.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        Socket socket = plain;
        try {
            socket.setSoTimeout(60_000);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            boolean secure = false;
            boolean authenticated = tls == null;
            reply(out, "220 localhost discard ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                if (replyDelayNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(replyDelayNanos);
                }
                String command = line.length() >= 4
                        ? line.substring(0, 4).toUpperCase(Locale.ROOT)
                        : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" ->
                        reply(
                                out,
                                tls == null
                                        ? "250-localhost\r\n250 8BITMIME"
                                        : secure
                                                ? "250-localhost\r\n250-8BITMIME\r\n250 AUTH PLAIN"
                                                : "250-localhost\r\n250-8BITMIME\r\n250 STARTTLS");
                    case "HELO" -> reply(out, "250 localhost");
                    case "STAR" -> {
                        reply(out, "220 2.0.0 Ready to start TLS");
                        SSLSocket ssl = (SSLSocket)
                                tls.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
                        ssl.setUseClientMode(false);
                        ssl.startHandshake();
                        socket = ssl;
                        in = new BufferedInputStream(ssl.getInputStream(), 64 * 1024);
                        out = ssl.getOutputStream();
                        secure = true;
                    }
                    case "AUTH" -> {
                        authenticated = secure && plainCredentialsValid(line);
                        reply(
                                out,
                                authenticated
                                        ? "235 2.7.0 Authentication successful"
                                        : "535 5.7.8 Authentication failed");
                    }
                    case "MAIL" -> reply(out, authenticated ? "250 2.1.0 Ok" : "530 5.7.0 Authentication required");
                    case "RCPT", "RSET", "NOOP" -> reply(out, "250 2.0.0 Ok");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        skipData(in);
                        if (replyDelayNanos > 0) {
                            TimeUnit.NANOSECONDS.sleep(replyDelayNanos);
                        }
                        reply(out, "250 2.0.0 Ok: discarded " + received.incrementAndGet());
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException e) {
            // The client went away or the benchmark is over: nothing to keep.
        } catch (InterruptedException e) {
            // The server is closing.
            Thread.currentThread().interrupt();
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    private static boolean plainCredentialsValid(String line) {
        String[] parts = line.split(" ");
        if (parts.length < 3 || !parts[1].equalsIgnoreCase("PLAIN")) {
            return false;
        }
        String[] fields = new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8).split("\0", -1);
        return fields.length == 3 && USER.equals(fields[1]) && PASSWORD.equals(fields[2]);
    }

    /** Reads up to and including the CRLF.CRLF that ends the data, in bulk, keeping nothing. */
    private static void skipData(InputStream in) throws IOException {
        // The client's first data line follows the 354 directly, so the terminator's leading CRLF may be
        // the very first bytes only for an empty message; start as if a CRLF had just been seen.
        int matched = 2;
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            in.mark(buffer.length);
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed in DATA");
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == END_OF_DATA[matched]) {
                    matched++;
                } else {
                    matched = b == '\r' ? 1 : 0;
                }
                if (matched == END_OF_DATA.length) {
                    in.reset();
                    in.skip(i + 1L);
                    return;
                }
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        return null;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
