package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 6 of issue #13: slow clients and slow checks do not freeze the console; exposure is said aloud. */
class ConsoleSlowClientsTest {

    @TempDir
    Path dir;

    ConsoleFixture console;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        console = new ConsoleFixture(dir, Map.of());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        console.close();
    }

    @Test
    void finding6_halfSentRequestsAreDroppedAndOthersStillAnswered() throws Exception {
        for (int i = 0; i < ConsoleServer.WORKERS * 2; i++) {
            Socket slow = new Socket(InetAddress.getLoopbackAddress(), console.server.port());
            sockets.add(slow);
            OutputStream out = slow.getOutputStream();
            out.write("GET /api/types HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        long started = System.nanoTime();

        HttpResponse<String> answer = console.api("GET", "/api/types", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000_000L).isLessThan(ConsoleServer.REQUEST_SECONDS + 10);
        // the slow clients were cut off: their connections end without an answer
        Socket first = sockets.get(0);
        first.setSoTimeout(15_000);
        assertThat(first.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void finding6_checksAgainstASilentServerLeaveTheRequestThreadsFree() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Map<String, Object> values = console.smtpValues("mail", null);
            values.put("port", silent.port());
            values.put("authentication", "none");
            values.put("readTimeout", "30s");
            values.put("connectTimeout", "30s");
            assertThat(console.api("POST", "/api/connections", Map.of("type", "smtp", "values", values))
                            .statusCode())
                    .isEqualTo(201);

            List<CompletableFuture<HttpResponse<String>>> checks = new ArrayList<>();
            int sent = ConsoleServer.CHECKS * 3 + 2;
            for (int i = 0; i < sent; i++) {
                checks.add(
                        CompletableFuture.supplyAsync(() -> console.api("POST", "/api/connections/mail/check", null)));
            }
            assertThat(bounded(() -> silent.accepted() >= ConsoleServer.CHECKS))
                    .as("checks reached the silent server")
                    .isTrue();

            long started = System.nanoTime();
            assertThat(console.api("GET", "/api/connections", null).statusCode())
                    .isEqualTo(200);
            assertThat(console.api("GET", "/api/types", null).statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000L)
                    .as("ms while checks hang")
                    .isLessThan(5_000);

            // beyond the running and queued checks, more are refused at once rather than queued forever
            assertThat(bounded(() -> checks.stream()
                            .filter(CompletableFuture::isDone)
                            .anyMatch(f -> f.join().statusCode() == 503)))
                    .isTrue();
        }
    }

    @Test
    void finding6_listeningBeyondLoopbackIsExposedAndTheTextsSaySo() throws Exception {
        assertThat(ConsoleServer.exposed(InetAddress.getByName("0.0.0.0"))).isTrue();
        assertThat(ConsoleServer.exposed(InetAddress.getByName("192.0.2.10"))).isTrue();
        assertThat(ConsoleServer.exposed(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(ConsoleServer.exposed(InetAddress.getByName("::1"))).isFalse();
        assertThat(console.server.exposed()).isFalse();
        // on loopback the page gets no warning text; the texts exist in both languages
        assertThat(console.send("GET", "/texts?lang=en", null).body()).doesNotContain("page.exposed");
        assertThat(ConsoleTexts.get(Locale.ENGLISH, "page.exposed")).contains("plain HTTP");
        assertThat(ConsoleTexts.get(Locale.forLanguageTag("ru"), "serve.exposed", "http://0.0.0.0:8080/"))
                .contains("ВНИМАНИЕ");
    }

    private static boolean bounded(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        return false;
    }

    /** A mail server that accepts connections and never says a word. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new CopyOnWriteArrayList<>();

        SilentServer() throws IOException {
            Thread accept = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                clients.add(socket.accept());
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "silent-server");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return clients.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket c : clients) {
                c.close();
            }
        }
    }
}
