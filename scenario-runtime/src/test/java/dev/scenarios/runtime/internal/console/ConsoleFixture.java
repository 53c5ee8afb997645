package dev.scenarios.runtime.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.DevInbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A console on a free loopback port over a temporary workspace, next to a GreenMail SMTP server (plain SMTP, AUTH
 * PLAIN/LOGIN with one user), and an HTTP client that speaks to the console.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String TOKEN = "test-admin-token-0123456789";
    static final String SMTP_USER = "shop@example.com";
    static final String SMTP_PASSWORD = "s3cret-Pa55";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path workspace;
    final GreenMail mail;
    final ConsoleServer server;
    /** The dev inbox the console sends checks and test messages to, or null (then they go to {@link #mail}). */
    final DevInbox inbox;

    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleFixture(Path workspace, Map<String, String> environment) throws IOException {
        this(workspace, environment, false);
    }

    /**
     * With {@code devInbox}, as {@code scenario serve --dev-inbox}: connections are overridden to send to
     * {@link #inbox}.
     */
    ConsoleFixture(Path workspace, Map<String, String> environment, boolean devInbox) throws IOException {
        this.workspace = workspace;
        Files.createDirectories(workspace.resolve("connections"));
        Files.createDirectories(workspace.resolve("paths"));
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        mail.setUser(SMTP_USER, SMTP_USER, SMTP_PASSWORD);
        inbox = devInbox ? DevInbox.start(new PrintWriter(new StringWriter(), true), Locale.ENGLISH) : null;
        server = ConsoleServer.start(
                workspace,
                "127.0.0.1",
                0,
                Connectors.fromClassPath(),
                environment,
                AdminToken.given(TOKEN, Map.of()),
                devInbox ? type -> type.devInboxOverrides(inbox.host(), inbox.port()) : type -> Map.of(),
                inbox);
    }

    /** The form values of a connection to the GreenMail server with {@code password}. */
    Map<String, Object> smtpValues(String name, String password) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("systemName", name);
        values.put("journal", "full");
        values.put("server", "127.0.0.1");
        values.put("port", mail.getSmtp().getPort());
        values.put("encryption", "none");
        values.put("authentication", "basic");
        values.put("username", SMTP_USER);
        if (password != null) {
            values.put("password", password);
        }
        values.put("allowInsecureAuthentication", true);
        values.put("connectTimeout", "5s");
        values.put("readTimeout", "5s");
        values.put("writeTimeout", "5s");
        values.put("senderAddress", "shop@example.com");
        values.put("checkWithoutSending", true);
        return values;
    }

    HttpResponse<String> send(String method, String path, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code send} with the admin token as a bearer token. */
    HttpResponse<String> api(String method, String path, Object body) {
        return send(method, path, body, "Authorization", "Bearer " + TOKEN);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String file(String relative) throws IOException {
        return Files.readString(workspace.resolve(relative), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
        mail.stop();
        if (inbox != null) {
            inbox.close();
        }
    }
}
