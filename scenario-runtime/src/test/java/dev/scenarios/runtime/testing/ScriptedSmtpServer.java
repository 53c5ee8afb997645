package dev.scenarios.runtime.testing;

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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server for the faults real servers do not produce on demand: a bad greeting, a
 * refused recipient, a connection dropped at DATA, silence after the final dot. A {@link Script}
 * decides per connection (greeting) and per transaction (one MAIL FROM each, counted from 0 over
 * the server's life, since the connector reuses sessions). Records every transaction. Binds
 * 127.0.0.1; one thread per connection; {@link #close()} releases stalled clients.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** What the server does at the end of a transaction's DATA. */
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

    /** The server's behaviour; every method has the well-behaved default. */
    public interface Script {
        /** The greeting of connection {@code connection} (from 0); a 4yz or 5yz greeting is followed by closing. */
        default String greeting(int connection) {
            return "220 scripted.test ESMTP";
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
     * @param recipients the RCPT TO addresses the client asked for, in order
     * @param data the message as received up to the final dot, null if the data never completed
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

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final List<Transaction> done = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    private ScriptedSmtpServer(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
        Thread acceptor = new Thread(this::accept, "scripted-smtp-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static ScriptedSmtpServer start(Script script) throws IOException {
        return start(0, script);
    }

    /** Starts a server on {@code port} of 127.0.0.1 (0: a free one), e.g. a relay coming back where it was. */
    public static ScriptedSmtpServer start(int port, Script script) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return new ScriptedSmtpServer(socket, script);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The transactions so far (one per MAIL FROM), in the order they ended. */
    public List<Transaction> transactions() {
        return List.copyOf(done);
    }

    /** The transactions whose message data arrived up to the final dot. */
    public List<Transaction> withData() {
        return done.stream().filter(t -> t.data() != null).toList();
    }

    /** How many connections were accepted. */
    public int connections() {
        return connections.get();
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
        while (open) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int number = connections.getAndIncrement();
                Thread t = new Thread(() -> serve(socket, number), "scripted-smtp-session-" + number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String greeting = script.greeting(connection);
            send(out, greeting);
            if (!greeting.startsWith("2")) {
                return;
            }
            int tx = -1;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    send(out, "250-scripted.test\r\n250-8BITMIME" + (script.sizeLimit() > 0 ? "\r\n250-SIZE " + script.sizeLimit() : "")
                            + "\r\n250 ENHANCEDSTATUSCODES");
                } else if (command.startsWith("HELO")) {
                    send(out, "250 scripted.test");
                } else if (command.startsWith("MAIL FROM")) {
                    tx = transactions.getAndIncrement();
                    recipients = new ArrayList<>();
                    send(out, "250 2.1.0 Ok");
                } else if (command.startsWith("RCPT TO")) {
                    Matcher m = ADDRESS.matcher(line);
                    String address = m.find() ? m.group(1) : line.substring(8).trim();
                    recipients.add(address);
                    send(out, script.rcpt(tx, address));
                } else if (command.startsWith("DATA")) {
                    DataEnd end = script.dataEnd(tx);
                    if (end == DataEnd.DROP_AT_DATA) {
                        done.add(new Transaction(tx, List.copyOf(recipients), null));
                        return;
                    }
                    send(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    done.add(new Transaction(tx, List.copyOf(recipients), data.toString()));
                    tx = -1;
                    if (end == DataEnd.STALL) {
                        while (open && in.readLine() != null) {
                            // silent: the client's read timeout must fire; its close ends this loop
                        }
                        return;
                    }
                    if (end == DataEnd.REFUSE) {
                        send(out, "554 5.6.0 message refused");
                    } else if (end == DataEnd.DEFER) {
                        send(out, "451 4.3.0 try again later");
                    } else {
                        send(out, "250 2.0.0 Ok: queued as S" + done.size());
                    }
                } else if (command.startsWith("RSET")) {
                    if (tx >= 0) {
                        done.add(new Transaction(tx, List.copyOf(recipients), null));
                        tx = -1;
                    }
                    send(out, "250 2.0.0 Ok");
                } else if (command.startsWith("NOOP")) {
                    send(out, "250 2.0.0 Ok");
                } else if (command.startsWith("QUIT")) {
                    if (tx >= 0) {
                        done.add(new Transaction(tx, List.copyOf(recipients), null));
                    }
                    send(out, "221 2.0.0 Bye");
                    return;
                } else {
                    send(out, "502 5.5.2 not implemented");
                }
            }
            if (tx >= 0) {
                done.add(new Transaction(tx, List.copyOf(recipients), null));
            }
        } catch (IOException e) {
            // the client went away: its problem, recorded by what it did not finish
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Stops accepting and closes every connection, releasing stalled clients. */
    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
