package dev.scenarios.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A small SMTP server for the faults real servers do not produce on demand: a bad greeting, a refused recipient, a
 * connection dropped at DATA, silence after the final dot, a reply that never comes, a server that stops reading. Binds
 * 127.0.0.1; one thread per connection; every socket read times out after 30 s; {@link #close()} releases stalled
 * clients.
 *
 * <p>Two ways to script it, usable together:
 *
 * <ul>
 *   <li>a reply table: {@link #on(String, Action...)} keyed by command prefix (the longest matching prefix wins;
 *       {@code "."} is the end of message data), with actions that reply, stall, drop the connection or stop reading,
 *       in sequence per command;
 *   <li>a {@link Script} deciding per connection (greeting) and per transaction (one MAIL FROM each, counted from 0
 *       over the server's life, since clients reuse sessions).
 * </ul>
 *
 * A command with a table entry gets the table's action; any other gets the script's answer, whose defaults are a
 * well-behaved server.
 *
 * <p>It records what the client did both ways: every line as sent ({@link #received()}) and every transaction with its
 * recipients and dot-unstuffed data ({@link #transactions()}).
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** What the server does for one command. */
    public sealed interface Action permits Reply, Stall, Drop, ReplyThenStopReading {}

    /** Sends {@code text} (lines separated by \n, CRLF added). */
    public record Reply(String text) implements Action {}

    /** Says nothing until the server closes. */
    public record Stall() implements Action {}

    /** Closes the connection without a word. */
    public record Drop() implements Action {}

    /**
     * Sends {@code text}, then reads nothing more (a full receive window blocks the client's writes) until the server
     * closes.
     */
    public record ReplyThenStopReading(String text) implements Action {}

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

    /** What the server does at the end of a transaction's DATA (for a DATA command without a table entry). */
    public enum DataEnd {
        /** Reads the message and answers 250. */
        ACCEPT,
        /** Reads the message up to the final dot and then says nothing (the client times out: ambiguous). */
        STALL,
        /** Closes the connection on the DATA command, before any message byte (transient). */
        DROP_AT_DATA,
        /** Reads the message and refuses it for good: {@code 554 5.6.0 message refused}. */
        REFUSE,
        /** Reads the message and refuses it for now: {@code 451 4.3.0 try again later}. */
        DEFER
    }

    /** The server's behaviour where the reply table has no entry; every method has the well-behaved default. */
    public interface Script {
        /** The greeting of connection {@code connection} (from 0); a 4yz or 5yz greeting is followed by closing. */
        default String greeting(int connection) {
            return "220 scripted.test ESMTP ready";
        }

        /** The reply to RCPT TO for {@code address} in transaction {@code transaction}. */
        default String rcpt(int transaction, String address) {
            return "250 2.1.5 Ok";
        }

        default DataEnd dataEnd(int transaction) {
            return DataEnd.ACCEPT;
        }

        /** The SIZE the server advertises, 0 for none. */
        default long sizeLimit() {
            return 0;
        }
    }

    /**
     * One MAIL FROM and what followed.
     *
     * @param number the transaction's number over the server's life, from 0
     * @param recipients the RCPT TO addresses the client asked for, in order
     * @param data the message as received up to the final dot (dot-unstuffed), null if the data never completed
     */
    public record Transaction(int number, List<String> recipients, String data) {
        private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

        /** The Message-ID header of the data, or null. */
        public String messageId() {
            if (data == null) {
                return null;
            }
            Matcher m = MESSAGE_ID.matcher(data);
            return m.find() ? m.group(1) : null;
        }
    }

    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");
    private static final Script WELL_BEHAVED = new Script() {};

    private final ServerSocket server;
    private final Script script;
    private final Map<String, List<Action>> table = new LinkedHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Transaction> done = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final List<Long> started = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Action greeting;

    /**
     * Starts a well-behaved server on a free port of 127.0.0.1, to be changed with {@link #on} and {@link #greeting}.
     */
    public ScriptedSmtpServer() throws IOException {
        this(bind(new ServerSocket(), 0), WELL_BEHAVED);
    }

    /** Starts a server following {@code script} on a free port of 127.0.0.1. */
    public static ScriptedSmtpServer start(Script script) throws IOException {
        return start(0, script);
    }

    /**
     * Starts a server following {@code script} on {@code port} of 127.0.0.1 (0: a free one), e.g. a relay coming back
     * where it was.
     */
    public static ScriptedSmtpServer start(int port, Script script) throws IOException {
        return new ScriptedSmtpServer(bind(new ServerSocket(), port), script);
    }

    /** A well-behaved server speaking implicit TLS (SMTPS) from the first byte with {@code tls}'s certificate. */
    public static ScriptedSmtpServer implicitTls(SSLContext tls) throws IOException {
        return new ScriptedSmtpServer(bind(tls.getServerSocketFactory().createServerSocket(), 0), WELL_BEHAVED);
    }

    private static ServerSocket bind(ServerSocket socket, int port) throws IOException {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private ScriptedSmtpServer(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
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

    /**
     * The most sessions that were open at once: counted from the accepted connection until the client's QUIT (before
     * the 221 reply, so a client that opens its next session once it read the reply is never counted twice) or, without
     * QUIT, until the connection ends.
     */
    public int peakSessions() {
        return peak.get();
    }

    /** How many sessions are open now, counted as {@link #peakSessions()} counts. */
    public int openSessions() {
        return open.get();
    }

    /**
     * When each transaction started (its MAIL FROM was read), in {@link System#nanoTime()} of this JVM, in order: the
     * rate a limited client really started messages at.
     */
    public List<Long> mailFromTimes() {
        return List.copyOf(started);
    }

    /** Every line the client sent, in order, across connections (message data as sent, then "."). */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** The transactions so far (one per MAIL FROM), in the order they ended. */
    public List<Transaction> transactions() {
        return List.copyOf(done);
    }

    /** The transactions whose message data arrived up to the final dot. */
    public List<Transaction> withData() {
        return done.stream().filter(t -> t.data() != null).toList();
    }

    /** Sets the greeting action of every later connection, instead of the script's greeting. */
    public ScriptedSmtpServer greeting(Action action) {
        this.greeting = action;
        return this;
    }

    /**
     * Sets the actions for commands starting with {@code prefix} (case-insensitive), instead of the script's answer:
     * the first call gets the first action, and so on; the last repeats.
     */
    public ScriptedSmtpServer on(String prefix, Action... actions) {
        synchronized (table) {
            table.put(prefix.toUpperCase(Locale.ROOT), new CopyOnWriteArrayList<>(List.of(actions)));
        }
        return this;
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code limit} passes; returns whether it held. */
    public static boolean await(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                int number = connections.getAndIncrement();
                Thread t = new Thread(() -> new Session(socket, number).serve(), "scripted-smtp-session-" + number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One connection: reads commands, keeps the open transaction, answers from the table or the script. */
    private final class Session {
        private final Socket socket;
        private final int connection;
        private BufferedReader in;
        private OutputStream out;
        private int tx = -1;
        private List<String> recipients = new ArrayList<>();
        private boolean counted = true;

        Session(Socket socket, int connection) {
            this.socket = socket;
            this.connection = connection;
        }

        void serve() {
            try (socket) {
                socket.setSoTimeout(30_000);
                in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                out = socket.getOutputStream();
                if (!greet()) {
                    return;
                }
                String line;
                while ((line = in.readLine()) != null) {
                    received.add(line);
                    if (!command(line)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The client went away: recorded by what it did not finish.
            } finally {
                endTransaction(null);
                uncount();
            }
        }

        /** Counts this session closed, once. */
        private void uncount() {
            if (counted) {
                counted = false;
                open.decrementAndGet();
            }
        }

        private boolean greet() throws IOException {
            Action scripted = greeting;
            if (scripted != null) {
                return act(scripted);
            }
            String text = script.greeting(connection);
            send(text);
            return text.startsWith("2");
        }

        /** Answers one command; false when the session must end. */
        private boolean command(String line) throws IOException {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("MAIL FROM")) {
                started.add(System.nanoTime());
                endTransaction(null);
                tx = transactions.getAndIncrement();
                recipients = new ArrayList<>();
            } else if (upper.startsWith("RCPT TO")) {
                Matcher m = ADDRESS.matcher(line);
                recipients.add(
                        m.find()
                                ? m.group(1)
                                : line.substring(Math.min(8, line.length())).trim());
            } else if (upper.startsWith("RSET")) {
                endTransaction(null);
            }
            Action tabled = tableAction(upper);
            if (upper.startsWith("DATA")) {
                return data(tabled);
            }
            if (tabled != null) {
                return act(tabled) && !upper.equals("QUIT");
            }
            if (upper.startsWith("EHLO")) {
                long size = script.sizeLimit();
                send("250-scripted.test\n250-8BITMIME" + (size > 0 ? "\n250-SIZE " + size : "")
                        + "\n250 ENHANCEDSTATUSCODES");
            } else if (upper.startsWith("HELO")) {
                send("250 scripted.test");
            } else if (upper.startsWith("MAIL FROM")) {
                send("250 2.1.0 Ok");
            } else if (upper.startsWith("RCPT TO")) {
                send(script.rcpt(tx, recipients.get(recipients.size() - 1)));
            } else if (upper.startsWith("RSET") || upper.startsWith("NOOP")) {
                send("250 2.0.0 Ok");
            } else if (upper.startsWith("QUIT")) {
                uncount();
                send("221 2.0.0 Bye");
                return false;
            } else {
                send("502 5.5.2 Command not recognized");
            }
            return true;
        }

        /** DATA: the table's action if any (a 354 reply reads the data), else the script's {@link DataEnd}. */
        private boolean data(Action tabled) throws IOException {
            DataEnd end = tabled == null ? script.dataEnd(tx) : DataEnd.ACCEPT;
            if (tabled != null) {
                if (!act(tabled)) {
                    return false;
                }
                if (!(tabled instanceof Reply r && r.text().startsWith("354"))) {
                    return true;
                }
            } else if (end == DataEnd.DROP_AT_DATA) {
                return false;
            } else {
                send("354 End data with <CR><LF>.<CR><LF>");
            }
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null && !line.equals(".")) {
                received.add(line);
                data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
            }
            if (line == null) {
                return false;
            }
            received.add(".");
            endTransaction(data.toString());
            Action afterDot = tableAction(".");
            if (afterDot != null) {
                return act(afterDot);
            }
            if (end == DataEnd.STALL) {
                while (!server.isClosed() && in.readLine() != null) {
                    // silent: the client's read timeout must fire; its close ends this loop
                }
                return false;
            }
            if (end == DataEnd.REFUSE) {
                send("554 5.6.0 message refused");
            } else if (end == DataEnd.DEFER) {
                send("451 4.3.0 try again later");
            } else {
                send("250 2.0.0 Ok: queued as SCRIPTED1");
            }
            return true;
        }

        /** Records the open transaction (if any) with {@code data}, null when its data never completed. */
        private void endTransaction(String data) {
            if (tx >= 0) {
                done.add(new Transaction(tx, List.copyOf(recipients), data));
                tx = -1;
            }
        }

        /** Performs {@code action}; false when the session must end. */
        private boolean act(Action action) throws IOException {
            if (action instanceof ReplyThenStopReading r) {
                send(r.text());
                return act(stall());
            }
            if (action instanceof Reply r) {
                send(r.text());
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

        /** Sends {@code text}, its lines separated by \n, each ended by CRLF. */
        private void send(String text) throws IOException {
            StringBuilder lines = new StringBuilder();
            for (String l : text.split("\n")) {
                lines.append(l).append("\r\n");
            }
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private Action tableAction(String upperLine) {
        List<Action> actions;
        synchronized (table) {
            String best = null;
            for (String prefix : table.keySet()) {
                if (upperLine.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            if (best == null) {
                return null;
            }
            actions = table.get(best);
        }
        synchronized (actions) {
            return actions.size() > 1 ? actions.remove(0) : actions.get(0);
        }
    }

    /** Stops accepting and closes every connection, releasing stalled clients. */
    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
