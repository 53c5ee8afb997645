package dev.scenarios.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.runtime.Connectors;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code scenario run --dev-inbox} followed by {@code scenario serve --dev-inbox}: the console shows the mail the run's
 * scenario sent through the real SMTP connector, kept under {@code data/dev-inbox/}.
 */
class DevInboxAcrossCommandsTest {

    private static final Pattern LISTENING = Pattern.compile("Console: (http://127\\.0\\.0\\.1:\\d+/)");
    private static final String TOKEN = "token-from-the-environment-42";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CommandLine commandLine() {
        return ScenarioCommand.commandLine(new CliContext(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Connectors.fromClassPath(),
                Map.of("CONSOLE_TOKEN", TOKEN),
                Locale.ENGLISH));
    }

    private void write(String file, String text) throws Exception {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    }

    @Test
    void theConsoleShowsWhatAnEarlierRunReceived() throws Exception {
        // port 1: nothing listens there; only the dev inbox can receive this mail
        write("connections/mail.yaml", """
                type: smtp
                systemName: mail
                server: 127.0.0.1
                port: 1
                encryption: none
                authentication: none
                connectTimeout: 5s
                readTimeout: 5s
                writeTimeout: 5s
                senderAddress: shop@example.com
                checkWithoutSending: true
                """);
        write("paths/orders.yaml", """
                type: smtp-send
                systemName: orders
                connection: mail
                attributes:
                  - name: OrderNo
                    required: true
                subject: "Заказ №{OrderNo} принят"
                body: "Здравствуйте! Заказ №{OrderNo} в пути."
                """);
        write("scenarios/tick.yaml", """
                - route:
                    from:
                      uri: timer:tick?repeatCount=1&delay=0
                      steps:
                        - setBody:
                            simple: '{"OrderNo": "7", "To": ["anna@example.com"]}'
                        - to: path:orders
                """);

        int run = commandLine().execute("run", dir.toString(), "--dev-inbox", "--duration", "2s");
        assertThat(run).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("[dev-inbox] message 1").contains(" sent ");
        assertThat(dir.resolve("data/dev-inbox/1.eml")).exists();
        assertThat(dir.resolve("data/dev-inbox/1.json")).exists();

        CommandLine line = commandLine();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                line.execute("serve", dir.toString(), "--port", "0", "--token", "${env:CONSOLE_TOKEN}", "--dev-inbox"));
        String url = awaitUrl(exit);
        try {
            assertThat(out.toString()).contains("1 there from earlier runs");
            HttpResponse<String> list = client.send(
                    HttpRequest.newBuilder(URI.create(url + "api/dev-inbox"))
                            .timeout(Duration.ofSeconds(10))
                            .header("X-Admin-Token", TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode message = new ObjectMapper().readTree(list.body()).at("/messages/0");
            assertThat(message.get("id").asLong()).isEqualTo(1);
            assertThat(message.get("subject").asText()).isEqualTo("Заказ №7 принят");
            assertThat(message.get("recipients").get(0).asText()).isEqualTo("anna@example.com");
        } finally {
            ((ServeCommand) line.getSubcommands().get("serve").getCommand()).stop();
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }

    private String awaitUrl(CompletableFuture<Integer> exit) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String printed = out.toString();
            Matcher m = LISTENING.matcher(printed);
            if (m.find() && printed.contains("Admin token:")) {
                return m.group(1);
            }
            if (exit.isDone()) {
                throw new AssertionError("serve ended early: " + out + err);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("serve printed no address within 20 s: " + out + err);
    }
}
