package dev.scenarios.runtime.internal.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An attacker's SMTP server on a loopback port: accepts anything (any AUTH succeeds) and records every line it
 * receives, so a test can prove that nothing, in particular no password, arrived.
 */
final class RecordingListener implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    RecordingListener() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "recording-listener");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                client.setSoTimeout(5000);
                serve(client);
            } catch (IOException e) {
                // closed, or the client went away: wait for the next one
            }
        }
    }

    private void serve(Socket client) throws IOException {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        out.write("220 listener ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            String command = line.toUpperCase(java.util.Locale.ROOT);
            String reply = command.startsWith("EHLO")
                    ? "250-listener\r\n250 AUTH PLAIN LOGIN\r\n"
                    : command.startsWith("AUTH")
                            ? "235 accepted\r\n"
                            : command.startsWith("QUIT") ? "221 bye\r\n" : "250 ok\r\n";
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (command.startsWith("QUIT")) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
