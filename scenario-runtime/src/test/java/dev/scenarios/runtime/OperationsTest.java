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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code scenario run --management-port 0} against GreenMail (one connection) and a closed port (another): health and
 * metrics over real HTTP while the run goes on, compared with what the run printed.
 */
class OperationsTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    GreenMail server;
    Socket closed;

    @BeforeEach
    void start() throws Exception {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        // bound but not listening: every connection to it is refused
        closed = new Socket();
        closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        closed.close();
    }

    private static String connection(String name, int port) {
        return """
                type: smtp
                systemName: %s
                journal: full
                server: 127.0.0.1
                port: %d
                encryption: none
                authentication: none
                connectTimeout: 5s
                readTimeout: 5s
                writeTimeout: 5s
                senderAddress: shop@example.com
                checkWithoutSending: true
                """.formatted(name, port);
    }

    private static String path(String name, String connection) {
        return """
                type: smtp-send
                systemName: %s
                connection: %s
                attributes:
                  - name: OrderNo
                subject: "Order {OrderNo}"
                body: "Order {OrderNo}"
                retry:
                  attempts: 1
                """.formatted(name, connection);
    }

    private static String timer(String id, String path, int count) {
        return """
                - route:
                    from:
                      uri: timer:%s?repeatCount=%d&delay=0&period=10
                      steps:
                        - setBody:
                            simple: '{"OrderNo": "${exchangeProperty.CamelTimerCounter}", "To": [{"Address": "anna@example.com"}]}'
                        - doTry:
                            steps:
                              - to: path:%s
                            doCatch:
                              - exception: [dev.scenarios.connector.api.DeliveryException]
                                steps:
                                  - log: "not sent"
                """.formatted(id, count, path);
    }

    @Test
    void metricsShowWhatTheRunPrintedAndReadinessNamesTheUnreachableConnection() throws Exception {
        new TestWorkspace(dir)
                .write(
                        "connections/mail.yaml",
                        connection("mail", server.getSmtp().getPort()))
                .write("connections/backup.yaml", connection("backup", closed.getLocalPort()))
                .write("paths/orders.yaml", path("orders", "mail"))
                .write("paths/alerts.yaml", path("alerts", "backup"))
                .write("scenarios/orders.yaml", timer("orders", "orders", 3))
                .write("scenarios/alerts.yaml", timer("alerts", "alerts", 2))
                // a file where the connections' journal folder belongs: every journal write fails, every send goes on
                .write("data/journals", "not a folder");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = ScenarioCommand.commandLine(new CliContext(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Connectors.fromClassPath(),
                Map.of(),
                Locale.ENGLISH));
        RunCommand run = (RunCommand) line.getSubcommands().get("run").getCommand();
        CompletableFuture<Integer> exit =
                CompletableFuture.supplyAsync(() -> line.execute("run", dir.toString(), "--management-port", "0"));
        try {
            assertThat(await(
                            Duration.ofSeconds(20),
                            () -> printed(out, " sent   path=orders ") == 3
                                    && printed(out, " FAILED path=alerts ") == 2))
                    .as(out + "\n" + err)
                    .isTrue();
            Matcher url = Pattern.compile("Health and metrics: (http://127\\.0\\.0\\.1:\\d+/)health/ready")
                    .matcher(out.toString());
            assertThat(url.find()).as(out.toString()).isTrue();
            String base = url.group(1);

            HttpResponse<String> live = get(base + "health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("UP");

            HttpResponse<String> ready = get(base + "health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            JsonNode readiness = JSON.readTree(ready.body());
            assertThat(readiness.get("status").asText()).isEqualTo("DOWN");
            assertThat(readiness.at("/connections/backup/status").asText()).isEqualTo("DOWN");
            assertThat(readiness.at("/connections/backup/failureKind").asText()).isEqualTo("UNREACHABLE");
            assertThat(readiness.at("/connections/mail/status").asText()).isEqualTo("UP");

            HttpResponse<String> metrics = get(base + "metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            String text = metrics.body();
            assertThat(sample(text, "scenario_messages_total{connection=\"mail\",outcome=\"sent\",path=\"orders\"}"))
                    .isEqualTo(printed(out, " sent   path=orders "));
            assertThat(sample(
                            text, "scenario_messages_total{connection=\"backup\",outcome=\"failed\",path=\"alerts\"}"))
                    .isEqualTo(printed(out, " FAILED path=alerts "));
            assertThat(sample(text, "scenario_messages_total{connection=\"mail\",outcome=\"failed\",path=\"orders\"}"))
                    .isZero();
            assertThat(sample(text, "scenario_smtp_replies_total{class=\"2xx\",connection=\"mail\"}"))
                    .isEqualTo(3);
            assertThat(sample(text, "scenario_smtp_replies_total{class=\"none\",connection=\"backup\"}"))
                    .isEqualTo(2);
            assertThat(sample(text, "scenario_journal_write_errors_total{connection=\"mail\",journal=\"connection\"}"))
                    .isPositive();
            assertThat(
                            sample(
                                    text,
                                    "scenario_send_duration_seconds_count{connection=\"mail\",outcome=\"success\",path=\"orders\"}"))
                    .isEqualTo(3);
            // the pool keeps the session of the sends to mail for the next message; backup never got one
            assertThat(sample(text, "scenario_sessions_open{connection=\"mail\"}"))
                    .isEqualTo(1);
            assertThat(sample(text, "scenario_sessions_open{connection=\"backup\"}"))
                    .isZero();
            assertThat(text)
                    .contains(
                            "scenario_send_duration_seconds_bucket{connection=\"mail\",outcome=\"success\",path=\"orders\",le=\"1.0\"}")
                    .contains("scenario_queue_messages{state=\"dead\"} 0")
                    .contains("scenario_queue_oldest_age_seconds 0")
                    .contains("scenario_journal_write_errors_total{connection=\"\",journal=\"queue\"} 0")
                    .doesNotContain("@")
                    .doesNotContain("anna");
        } finally {
            run.stop();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
    }

    @Test
    void jsonLogFormatPrintsOneObjectPerMessage() throws Exception {
        TestWorkspace.minimal(dir).write("scenarios/tick.yaml", """
                - route:
                    from:
                      uri: timer:tick?repeatCount=2&delay=0&period=10
                      steps:
                        - setBody:
                            simple: '{"OrderNo": "7", "Customer": "Анна"}'
                        - to: path:orders
                """);

        CliRun run = CliRun.of("run", dir.toString(), "--duration", "1s", "--log-format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        java.util.List<JsonNode> messages = new java.util.ArrayList<>();
        for (String line : run.out().lines().filter(l -> l.startsWith("{")).toList()) {
            messages.add(JSON.readTree(line));
        }
        assertThat(messages).hasSize(2).allSatisfy(m -> {
            assertThat(m.get("time").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
            assertThat(m.get("event").asText()).isEqualTo("sent");
            assertThat(m.get("path").asText()).isEqualTo("orders");
            assertThat(m.get("messageId").asText()).startsWith("<fake-");
        });
        assertThat(CliRun.of("run", dir.toString(), "--log-format", "xml").err())
                .contains("expected text or json, got \"xml\"");
    }

    private static long printed(StringWriter out, String marker) {
        return out.toString().lines().filter(l -> l.contains(marker)).count();
    }

    /** The value of the sample written exactly as {@code series}, e.g. {@code name{label="v"}}. */
    private static long sample(String metrics, String series) {
        return metrics.lines()
                .filter(l -> l.startsWith(series + " "))
                .findFirst()
                .map(l -> (long)
                        Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + metrics));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
