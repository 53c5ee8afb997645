package dev.scenarios.connector.smtp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A tiny SMTP server for faults real servers do not produce: a reply table keyed by command
 * prefix (the longest matching prefix wins), with replies that may stall (say nothing) or drop
 * the connection. Binds 127.0.0.1 on a free port; one thread per connection; records every line
 * the client sent. Message data after DATA is read up to the final dot and answered by the entry
 * {@code "."}. Closing releases stalled connections.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** What the server does for one command. */
    public sealed interface Action permits Reply, Stall, Drop, ReplyThenStopReading {
    }

    /** Sends {@code text} (lines separated by \n, CRLF added). */
    public record Reply(String text) implements Action {
    }

    /** Says nothing until the server closes. */
    public record Stall() implements Action {
    }

    /** Closes the connection without a word. */
    public record Drop() implements Action {
    }

    /** Sends {@code text}, then reads nothing more (a full receive window blocks the client's writes) until the server closes. */
    public record ReplyThenStopReading(String text) implements Action {
    }

    public static Action replyThenStopReading(String text) {
        return new ReplyThenStopReading(text);
    }

    public static Action reply(String text) {
        return new Reply(text);
    }

    public static Action stall() {
        return new Stall();
    }

    public static Action drop() {
        return new Drop();
    }

    private final ServerSocket server;
    private final Map<String, List<Action>> table = new LinkedHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Action greeting = reply("220 scripted.test ESMTP ready");

    /** Starts a server with the usual replies: EHLO without extensions, 250 for MAIL/RCPT/RSET/NOOP, 354 for DATA, 250 after the dot, 221 for QUIT. */
    public ScriptedSmtpServer() throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** The same server speaking implicit TLS (SMTPS) from the first byte with {@code tls}'s certificate. */
    public static ScriptedSmtpServer implicitTls(SSLContext tls) throws IOException {
        return new ScriptedSmtpServer(tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    private ScriptedSmtpServer(ServerSocket server) {
        this.server = server;
        on("EHLO", reply("250-scripted.test\n250 8BITMIME"));
        on("HELO", reply("250 scripted.test"));
        on("MAIL FROM", reply("250 2.1.0 Ok"));
        on("RCPT TO", reply("250 2.1.5 Ok"));
        on("DATA", reply("354 End data with <CR><LF>.<CR><LF>"));
        on(".", reply("250 2.0.0 Ok: queued as SCRIPTED1"));
        on("RSET", reply("250 2.0.0 Ok"));
        on("NOOP", reply("250 2.0.0 Ok"));
        on("QUIT", reply("221 2.0.0 Bye"));
        Thread acceptor = new Thread(this::accept, "scripted-smtp-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many TCP connections were accepted. */
    public int connections() {
        return connections.get();
    }

    /** Every line the client sent, in order, across connections. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Sets the greeting action. */
    public ScriptedSmtpServer greeting(Action action) {
        this.greeting = action;
        return this;
    }

    /**
     * Sets the actions for commands starting with {@code prefix} (case-insensitive): the first
     * call gets the first action, and so on; the last repeats.
     */
    public ScriptedSmtpServer on(String prefix, Action... actions) {
        table.put(prefix.toUpperCase(Locale.ROOT), new CopyOnWriteArrayList<>(List.of(actions)));
        return this;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "scripted-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            if (!act(greeting, out, socket)) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
                Action action = actionFor(line);
                if (!act(action, out, socket)) {
                    return;
                }
                if (line.equalsIgnoreCase("DATA") && action instanceof Reply r && r.text().startsWith("354")) {
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        received.add(data);
                    }
                    received.add(".");
                    if (!act(actionFor("."), out, socket)) {
                        return;
                    }
                }
                if (line.equalsIgnoreCase("QUIT")) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away: nothing to do in a test server.
        }
    }

    private Action actionFor(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        String best = null;
        for (String prefix : table.keySet()) {
            if (upper.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return reply("502 5.5.2 Command not recognized");
        }
        List<Action> actions = table.get(best);
        synchronized (actions) {
            return actions.size() > 1 ? actions.remove(0) : actions.get(0);
        }
    }

    /** Performs {@code action}; false when the session must end. */
    private boolean act(Action action, OutputStream out, Socket socket) throws IOException {
        if (action instanceof ReplyThenStopReading r) {
            return act(reply(r.text()), out, socket) && act(stall(), out, socket);
        }
        if (action instanceof Reply r) {
            List<String> lines = new ArrayList<>(List.of(r.text().split("\n")));
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append(l).append("\r\n"));
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        }
        if (action instanceof Stall) {
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        socket.close();
        return false;
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
