package dev.scenarios.connector.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted IMAP server for the faults GreenMail cannot produce: it speaks IMAP by relaying every line to a real
 * server (GreenMail) and changes only what a test scripts — drops the connection while the client is in IDLE, answers a
 * command with NO instead of forwarding it, hides a capability, or announces another UIDVALIDITY. Everything else (the
 * mails, their UIDs, MOVE and EXPUNGE) is the real server's, so a test sees a real mailbox behind one scripted fault.
 * Binds 127.0.0.1; one pair of threads per connection; literals ({@code {n}}, {@code {n+}}) are relayed unread.
 */
final class FaultyImapProxy implements AutoCloseable {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");
    private static final Pattern UIDVALIDITY = Pattern.compile("\\[UIDVALIDITY \\d+]");

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    /** How many more IDLEs to drop the connection in, once the server said it idles. */
    private final AtomicInteger idleDrops = new AtomicInteger();

    private volatile Pattern refused;
    private volatile String hiddenCapability;
    private volatile Long uidValidity;

    FaultyImapProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::accept, "faulty-imap-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next {@code n} IDLE commands: the connection is closed 200 ms after the server's continuation. */
    FaultyImapProxy dropDuringIdle(int n) {
        idleDrops.set(n);
        return this;
    }

    /**
     * Commands matching {@code regex} (after the tag, e.g. {@code UID MOVE .*}) get {@code NO}, unforwarded; null
     * forwards everything again.
     */
    FaultyImapProxy refuse(String regex) {
        refused = regex == null ? null : Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        return this;
    }

    /** Removes {@code capability} (e.g. {@code MOVE}) from every capability list the server sends. */
    FaultyImapProxy hideCapability(String capability) {
        hiddenCapability = capability;
        return this;
    }

    /** Announces {@code value} as every folder's UIDVALIDITY from now on; null relays the server's. */
    FaultyImapProxy uidValidity(Long value) {
        uidValidity = value;
        return this;
    }

    /** Every command line the clients sent, without the tag. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
                client.setSoTimeout(60_000);
                server.setSoTimeout(60_000);
                sockets.add(client);
                sockets.add(server);
                Session session = new Session(client, server);
                start(() -> session.relay(true), "faulty-imap-c2s");
                start(() -> session.relay(false), "faulty-imap-s2c");
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** One client connection and its upstream twin. */
    private final class Session {
        private final Socket client;
        private final Socket server;
        private volatile boolean idling;

        Session(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void relay(boolean fromClient) {
            try (InputStream in = (fromClient ? client : server).getInputStream()) {
                OutputStream out = (fromClient ? server : client).getOutputStream();
                OutputStream back = client.getOutputStream();
                byte[] line;
                while ((line = readLine(in)) != null) {
                    String text = new String(line, StandardCharsets.ISO_8859_1);
                    String trimmed = text.stripTrailing();
                    if (fromClient) {
                        String[] parts = trimmed.split(" ", 2);
                        String command = parts.length > 1 ? parts[1] : "";
                        commands.add(command);
                        Pattern no = refused;
                        if (no != null && no.matcher(command).matches()) {
                            synchronized (back) {
                                back.write((parts[0] + " NO [CANNOT] refused by the test server\r\n")
                                        .getBytes(StandardCharsets.ISO_8859_1));
                                back.flush();
                            }
                            continue;
                        }
                        if (command.equalsIgnoreCase("IDLE")) {
                            idling = true;
                        } else if (trimmed.equalsIgnoreCase("DONE")) {
                            idling = false;
                        }
                    } else {
                        text = rewrite(text);
                        line = text.getBytes(StandardCharsets.ISO_8859_1);
                    }
                    synchronized (out) {
                        out.write(line);
                        Matcher literal = LITERAL.matcher(trimmed);
                        if (literal.find()) {
                            copy(in, out, Long.parseLong(literal.group(1)));
                        }
                        out.flush();
                    }
                    if (!fromClient
                            && idling
                            && trimmed.startsWith("+")
                            && idleDrops.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                        Thread.sleep(200);
                        client.close();
                        server.close();
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the peer or the test closed the connection
            } finally {
                try {
                    client.close();
                    server.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        private String rewrite(String text) {
            String hidden = hiddenCapability;
            if (hidden != null && text.contains("CAPABILITY")) {
                text = text.replaceAll("(?i) " + Pattern.quote(hidden) + "(?= |]|\\r)", "");
            }
            Long validity = uidValidity;
            if (validity != null) {
                text = UIDVALIDITY.matcher(text).replaceAll("[UIDVALIDITY " + validity + "]");
            }
            return text;
        }
    }

    /** Reads one line with its CRLF; null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            line.write(c);
            if (c == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    /** Relays exactly {@code n} bytes of a literal, unread. */
    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buffer = new byte[8192];
        while (n > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (read < 0) {
                throw new IOException("the stream ended inside a literal");
            }
            out.write(buffer, 0, read);
            n -= read;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
