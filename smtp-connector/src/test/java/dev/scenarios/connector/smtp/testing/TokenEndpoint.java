package dev.scenarios.connector.smtp.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.scenarios.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An OAuth2 token endpoint for tests: the JDK's HTTPS server on 127.0.0.1, free port, presenting a certificate
 * generated for {@code localhost}. It records every form it receives and answers from a queue of scripted answers; when
 * the queue is empty it issues {@link #defaultToken} valid for an hour. Nothing trusts anything blindly: clients trust
 * {@link #pem()}.
 */
public final class TokenEndpoint implements AutoCloseable {

    /** One scripted answer; status {@link #STALL} says nothing until the endpoint closes. */
    public record Answer(int status, String json) {}

    public static final int STALL = -1;

    private final HttpsServer server;
    private final Path pem;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String defaultToken = "default-access-token";

    private TokenEndpoint(HttpsServer server, Path pem) {
        this.server = server;
        this.pem = pem;
    }

    /** Starts an endpoint whose certificate PEM is written into {@code dir}. */
    public static TokenEndpoint start(Path dir) {
        try {
            TestCertificates certificates = TestCertificates.forHost("localhost");
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
            TokenEndpoint endpoint = new TokenEndpoint(
                    server, certificates.writePem(Files.createTempFile(dir, "token-endpoint", ".pem")));
            server.createContext("/", endpoint::handle);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token URL, e.g. https://localhost:PORT/tenant/oauth2/v2.0/token. */
    public String url() {
        return "https://localhost:" + server.getAddress().getPort() + "/tenant/oauth2/v2.0/token";
    }

    /** The PEM file of the endpoint's certificate. */
    public Path pem() {
        return pem;
    }

    /** The forms received so far, in order (grant_type, client_id, client_secret, scope, refresh_token). */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    /** What the endpoint issues when nothing is scripted. */
    public TokenEndpoint defaultToken(String token) {
        this.defaultToken = token;
        return this;
    }

    /** Queues a successful answer; {@code refreshToken} may be null (not rotated). */
    public TokenEndpoint issue(String accessToken, long expiresIn, String refreshToken) {
        return answer(
                200,
                "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":" + expiresIn
                        + ",\"access_token\":\"" + accessToken + "\""
                        + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"") + "}");
    }

    /** Queues an answer with {@code status} and body {@code json}. */
    public synchronized TokenEndpoint answer(int status, String json) {
        answers.add(new Answer(status, json));
        return this;
    }

    private synchronized Answer next() {
        Answer a = answers.poll();
        return a != null
                ? a
                : new Answer(
                        200,
                        "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"" + defaultToken + "\"}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("method", exchange.getRequestMethod());
            form.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            requests.add(form);
            Answer answer = next();
            if (answer.status() == STALL) {
                awaitClose();
                return;
            }
            byte[] out = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    /** A PEM file trusting both this endpoint and {@code other} (e.g. the SMTPS server's certificate). */
    public Path pemWith(Path other, Path dir) throws IOException {
        return Files.writeString(
                Files.createTempFile(dir, "trusted", ".pem"), Files.readString(other) + Files.readString(pem));
    }

    private void awaitClose() {
        try {
            closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
