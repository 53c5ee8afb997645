package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.runtime.cli.CliContext;
import dev.scenarios.runtime.cli.RunCommand;
import dev.scenarios.runtime.cli.ScenarioCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code scenario run --management-port}: a receiving path whose IMAP server went away makes {@code /health/ready} DOWN
 * once the outage is longer than the connection's {@code unreadyAfter}, and UP again when the path reconnects; the
 * connection's "sessions open" gauge in {@code /metrics} counts the path's one session while it is connected.
 */
class ImapReadinessTest {

    private static final String USER = "support@example.com";
    private static final String PASSWORD = "s3cret-Pa55";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private static GreenMail server(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", "imap"));
        server.start();
        server.setUser(USER, USER, PASSWORD);
        return server;
    }

    private static JsonNode ready(String base) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "health/ready"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            assertThat(response.statusCode())
                    .isEqualTo(body.get("status").asText().equals("UP") ? 200 : 503);
            return body;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The value of the "sessions open" gauge of the connection support_mailbox in {@code /metrics}. */
    private static long sessionsOpen(String base) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "metrics"))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String series = "scenario_sessions_open{connection=\"support_mailbox\"} ";
        return response.body()
                .lines()
                .filter(l -> l.startsWith(series))
                .findFirst()
                .map(l -> (long) Double.parseDouble(l.substring(series.length()).trim()))
                .orElseThrow(() -> new AssertionError("no " + series + "in\n" + response.body()));
    }

    @Test
    void aPathDisconnectedLongerThanUnreadyAfterFailsReadinessUntilItReconnects() throws Exception {
        GreenMail server = server(0);
        int port = server.getImap().getPort();
        new TestWorkspace(dir)
                .write("connections/support_mailbox.yaml", """
                        type: imap
                        systemName: support_mailbox
                        server: 127.0.0.1
                        port: %d
                        encryption: none
                        authentication: basic
                        username: %s
                        password: ${env:MAIL_PASSWORD}
                        allowInsecureAuthentication: true
                        pollInterval: 1s
                        connectTimeout: 2s
                        readTimeout: 2s
                        unreadyAfter: 1s
                        journal: full
                        """.formatted(port, USER))
                .write("paths/support_requests.yaml", """
                        type: imap-receive
                        systemName: support_requests
                        connection: support_mailbox
                        """)
                .write("scenarios/support.yaml", """
                        - route:
                            from:
                              uri: path:support_requests
                              steps:
                                - log: "${body[Subject]}"
                        """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = ScenarioCommand.commandLine(new CliContext(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Connectors.fromClassPath(),
                Map.of("MAIL_PASSWORD", PASSWORD),
                Locale.ENGLISH));
        RunCommand run = (RunCommand) line.getSubcommands().get("run").getCommand();
        CompletableFuture<Integer> exit =
                CompletableFuture.supplyAsync(() -> line.execute("run", dir.toString(), "--management-port", "0"));
        try {
            assertThat(await(Duration.ofSeconds(20), () -> out.toString().contains("health/ready")))
                    .as(out + "\n" + err)
                    .isTrue();
            Matcher url = Pattern.compile("Health and metrics: (http://127\\.0\\.0\\.1:\\d+/)health/ready")
                    .matcher(out.toString());
            assertThat(url.find()).as(out.toString()).isTrue();
            String base = url.group(1);
            assertThat(await(
                            Duration.ofSeconds(20),
                            () -> ready(base)
                                    .at("/connections/support_mailbox/status")
                                    .asText()
                                    .equals("UP")))
                    .as("connected: %s", ready(base))
                    .isTrue();
            assertThat(sessionsOpen(base)).as("the connected path's session").isEqualTo(1);

            server.stop();
            assertThat(await(
                            Duration.ofSeconds(20),
                            () -> ready(base).get("status").asText().equals("DOWN")))
                    .as("unready after the server went away: %s", ready(base))
                    .isTrue();
            JsonNode down = ready(base);
            assertThat(down.at("/connections/support_mailbox/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/connections/support_mailbox/receiving").asText())
                    .isEqualTo("disconnected");
            assertThat(down.toString()).doesNotContain(PASSWORD).doesNotContain(USER);

            server = server(port);
            assertThat(await(
                            Duration.ofSeconds(20),
                            () -> ready(base).get("status").asText().equals("UP")))
                    .as("ready again after the reconnect: %s", ready(base))
                    .isTrue();
            assertThat(sessionsOpen(base))
                    .as("the reopened session, the lost one no longer counted")
                    .isEqualTo(1);
        } finally {
            run.stop();
            server.stop();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
    }
}
