package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.cli.ScenarioCommand;
import dev.scenarios.runtime.fake.FakeOutbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        FakeOutbox.reset();
    }

    private String ws() {
        return dir.toString();
    }

    @Test
    void validateSaysValidAndExitsZero() {
        TestWorkspace.minimal(dir);

        CliRun run = CliRun.of("validate", ws());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("workspace is valid: 1 connections, 1 paths, 0 scenario files\n");
    }

    @Test
    void validatePrintsEveryProblemWithFileAndLineAndExitsTwo() {
        TestWorkspace.minimal(dir)
                .write("paths/orders.yaml", TestWorkspace.PATH.replace("{Customer}", "{Client}"))
                .write(
                        "scenarios/s.yaml",
                        "- route:\n    from:\n      uri: timer:t\n      steps:\n        - to: path:nope\n");

        CliRun run = CliRun.with(TestWorkspace.FAKE, "validate", ws());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEqualTo("""
                paths/orders.yaml:7: path orders subject: placeholder {Client} names no declared attribute
                scenarios/s.yaml:5: scenario s: no path named "nope" (in path:nope)
                workspace is invalid: 2 problems
                """);
    }

    @Test
    void validateInRussian() {
        TestWorkspace.minimal(dir)
                .write("paths/orders.yaml", TestWorkspace.PATH.replace("connection: mail", "connection: nowhere"));

        CliRun run = CliRun.of("validate", ws(), "--lang", "ru");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out())
                .contains("paths/orders.yaml:3: путь orders connection: нет подключения с именем \"nowhere\"")
                .contains("в рабочем пространстве есть ошибки: 1");
    }

    @Test
    void aMissingWorkspaceIsOneLineAndUsageWithExitTwo() {
        CliRun run = CliRun.of("validate", dir.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("not a workspace folder: ");
        assertThat(run.err())
                .contains("Usage: scenario validate")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void wrongArgumentsGiveOneLineAndUsageWithExitTwo() {
        CliRun missing = CliRun.of("check", ws());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err())
                .startsWith("Missing required parameter: '<connection>'")
                .contains("Usage: scenario check");

        CliRun unknown = CliRun.of("deploy");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .startsWith("Unmatched argument at index 0: 'deploy'")
                .contains("Usage: scenario");

        CliRun nothing = CliRun.of();
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).startsWith("a command is required").contains("Commands:");

        CliRun badLang = CliRun.of("types", "--lang", "fr");
        assertThat(badLang.exitCode()).isEqualTo(2);
        assertThat(badLang.err()).contains("--lang").contains("ru, en");

        CliRun badDuration = CliRun.of("run", ws(), "--duration", "soon");
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.err()).contains("'soon' is not a duration");
    }

    @Test
    void helpAndVersionExitZero() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains("Usage: scenario")
                .contains("validate")
                .contains("journal")
                .contains("types");

        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("scenario ").contains("  connector fake test (connector API 1)");
    }

    @Test
    void checkAgainstARealServerPrintsEachStepAndExitsZero() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            TestWorkspace.minimal(dir)
                    .write(
                            "connections/mail.yaml",
                            TestWorkspace.CONNECTION
                                    .replace("mail.example.com", "127.0.0.1")
                                    .replace(
                                            "2525",
                                            String.valueOf(server.getSmtp().getPort())));

            CliRun run = CliRun.of("check", ws(), "mail");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out())
                    .startsWith("Check of connection mail (fake)\n")
                    .containsPattern("  passed +Connect +\\d+ ms  greeting: 220 ")
                    .contains("Succeeded: connected to 127.0.0.1:"
                            + server.getSmtp().getPort())
                    .doesNotContain("s3cret-Pa55");
        } finally {
            server.stop();
        }
    }

    @Test
    void aFailedCheckExitsOneAndJsonCarriesTheSteps() throws IOException {
        // Bound but not listening: every connection is refused, and no other listener can take the port meanwhile.
        try (java.net.Socket holder = new java.net.Socket()) {
            holder.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            int closedPort = holder.getLocalPort();
            TestWorkspace.minimal(dir)
                    .write(
                            "connections/mail.yaml",
                            TestWorkspace.CONNECTION
                                    .replace("mail.example.com", "127.0.0.1")
                                    .replace("2525", String.valueOf(closedPort)));

            CliRun human = CliRun.of("check", ws(), "mail");
            assertThat(human.exitCode()).isEqualTo(1);
            assertThat(human.out())
                    .containsPattern("  FAILED +Connect +(\\d+ m?s ?)+ +ConnectException")
                    .containsPattern("  skipped +Send a test message +0 s")
                    .contains("Failed (UNREACHABLE): cannot connect to 127.0.0.1:" + closedPort);

            CliRun json = CliRun.of("check", ws(), "mail", "--json");
            assertThat(json.exitCode()).isEqualTo(1);
            JsonNode result = JSON.readTree(json.out());
            assertThat(result.get("status").asText()).isEqualTo("FAILED");
            assertThat(result.get("failureKind").asText()).isEqualTo("UNREACHABLE");
            assertThat(result.get("message").asText()).isEqualTo("cannot connect to 127.0.0.1:" + closedPort);
            assertThat(result.get("steps")).hasSize(2);
            assertThat(result.get("steps").get(0).get("name").asText()).isEqualTo("connect");
            assertThat(result.get("steps").get(0).get("status").asText()).isEqualTo("FAILED");
            assertThat(result.get("steps").get(0).get("elapsedMillis").isNumber())
                    .isTrue();
            assertThat(result.get("steps").get(1).get("status").asText()).isEqualTo("SKIPPED");
        }
    }

    @Test
    void checkOfAnInvalidOrUnknownConnectionExitsTwo() {
        TestWorkspace.minimal(dir)
                .write("connections/mail.yaml", TestWorkspace.CONNECTION.replace("port: 2525", "port: 0"));

        CliRun invalid = CliRun.of("check", ws(), "mail");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.out())
                .isEqualTo("connections/mail.yaml:4: connection mail port: port must be between 1 and 65535, not 0\n");

        CliRun unknown = CliRun.of("check", ws(), "other");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("no connection named \"other\" in this workspace\n");
    }

    @Test
    void checkWithTheDevInboxTalksToTheInbox() {
        TestWorkspace.minimal(dir);

        CliRun run = CliRun.of("check", ws(), "mail", "--dev-inbox");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("[dev-inbox] SMTP on 127.0.0.1:");
        assertThat(run.out()).containsPattern("Succeeded: connected to 127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void sendPassesAttributesAndRecipientsAndPrintsTheMessageId() throws IOException {
        TestWorkspace.minimal(dir)
                .write("connections/mail.yaml", TestWorkspace.CONNECTION.replace("journal: off", "journal: full"));

        CliRun run = CliRun.of(
                "send",
                ws(),
                "orders",
                "--attr",
                "OrderNo=42",
                "--attr",
                "Customer=Иван",
                "--attr",
                "Unknown=x",
                "--to",
                "a@example.com",
                "--to",
                "b@example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .matches(
                        "(?s)Sent through path orders: Message-ID <fake-\\d+@test>\n  Server reply: 250 2.0.0 Ok: queued\n");
        assertThat(FakeOutbox.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.subject()).isEqualTo("Order 42 for Иван");
            assertThat(sent.attributes())
                    .isEqualTo(Map.of(
                            "OrderNo", "42", "Customer", "Иван", "To", List.of("a@example.com", "b@example.com")));
        });

        CliRun journal = CliRun.of("journal", ws(), "mail");
        assertThat(journal.exitCode()).isZero();
        assertThat(journal.out()).matches("SENT path=orders messageId=<fake-\\d+@test> subject=Order 42 for Иван\n");

        Path file = dir.resolve("journal.txt");
        CliRun toFile = CliRun.of("journal", ws(), "mail", "--output", file.toString());
        assertThat(toFile.exitCode()).isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(journal.out());
        assertThat(toFile.out()).startsWith("journal written to " + file);
    }

    @Test
    void aFailedSendExitsOneAndJsonCarriesTheFailure() throws IOException {
        TestWorkspace.minimal(dir);
        FakeOutbox.failNext(DeliveryException.builder(FailureKind.RECIPIENT_REJECTED)
                .replyCode(550)
                .message("every recipient refused")
                .rejectedRecipients(List.of(new SendResult.Rejection("x@example.com", 550, "550 5.1.1 unknown")))
                .build());

        CliRun run = CliRun.of("send", ws(), "orders", "--attr", "OrderNo=1", "--to", "x@example.com", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("status").asText()).isEqualTo("FAILED");
        assertThat(result.get("failureKind").asText()).isEqualTo("RECIPIENT_REJECTED");
        assertThat(result.get("replyCode").asInt()).isEqualTo(550);
        assertThat(result.get("rejectedRecipients").get(0).get("address").asText())
                .isEqualTo("x@example.com");

        CliRun ok = CliRun.of("send", ws(), "orders", "--attr", "OrderNo=2", "--json");
        assertThat(ok.exitCode()).isZero();
        JsonNode sent = JSON.readTree(ok.out());
        assertThat(sent.get("status").asText()).isEqualTo("SENT");
        assertThat(sent.get("messageId").asText()).matches("<fake-\\d+@test>");
        assertThat(sent.get("serverReply").asText()).isEqualTo("250 2.0.0 Ok: queued");
    }

    @Test
    void sendJsonCallsTransientOnlyWhatTheRetryLoopRetries() throws IOException {
        TestWorkspace.minimal(dir);
        // STARTTLS refused with a 4yz: the retry loop does not retry a TLS failure, so it is not transient.
        FakeOutbox.failNext(DeliveryException.builder(FailureKind.TLS)
                .replyCode(454)
                .message("TLS not available")
                .build());

        CliRun run = CliRun.of("send", ws(), "orders", "--attr", "OrderNo=1", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("failureKind").asText()).isEqualTo("TLS");
        assertThat(result.get("transient").asBoolean()).isFalse();
        assertThat(FakeOutbox.sent()).isEmpty();
    }

    @Test
    void sendRefusesAnInvalidWorkspaceOrUnknownPath() {
        TestWorkspace.minimal(dir);

        CliRun unknown = CliRun.of("send", ws(), "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("no path named \"nope\" in this workspace\n");

        CliRun noSecret = CliRun.with(TestWorkspace.FAKE, "send", ws(), "orders");
        assertThat(noSecret.exitCode()).isZero();

        TestWorkspace.minimal(dir)
                .write("connections/mail.yaml", TestWorkspace.CONNECTION.replace("server: mail.example.com\n", ""));
        CliRun invalid = CliRun.of("send", ws(), "orders");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.out()).isEqualTo("connections/mail.yaml:1: connection mail server: server is required\n");
        assertThat(FakeOutbox.sent()).hasSize(1);
    }

    @Test
    void runPrintsOneLinePerMessageSentOrFailedAndStopsAfterTheDuration() {
        TestWorkspace.minimal(dir).write("scenarios/tick.yaml", """
                - route:
                    from:
                      uri: timer:tick?repeatCount=2&period=100&delay=0&includeMetadata=true
                      steps:
                        - setBody:
                            simple: '{"OrderNo": "${header.CamelTimerCounter}", "Customer": "Анна"}'
                        - to: path:orders
                """);

        FakeOutbox.failNext(new DeliveryException(FailureKind.RECIPIENT_REJECTED, 550, "every recipient refused"));

        CliRun run = CliRun.of("run", ws(), "--duration", "2s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(
                        run.out()
                                .lines()
                                .filter(
                                        l -> l.matches(
                                                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d) FAILED path=orders kind=RECIPIENT_REJECTED code=550: every recipient refused")))
                .as(run.out())
                .hasSize(1);
        assertThat(run.out().lines().filter(l -> l.contains(" sent   path=orders message-id=<fake-")))
                .hasSize(1);
        assertThat(run.out()).contains("Running 1 scenario files with 1 paths.").endsWith("Stopping.\n");
        assertThat(FakeOutbox.sent()).extracting(FakeOutbox.Sent::subject).containsExactly("Order 2 for Анна");
    }

    @Test
    void aSecondRuntimeOnTheSameWorkspaceRefusesToStartAndTheFirstKeepsRunning() throws Exception {
        TestWorkspace workspace = TestWorkspace.minimal(dir);
        try (ScenarioRuntime first = ScenarioRuntime.start(workspace.load(), SendEvents.NONE, true)) {
            CliRun second = CliRun.of("run", ws(), "--duration", "1s");

            assertThat(second.exitCode()).isNotZero();
            assertThat(second.err()).contains("another runtime is already running this workspace", "runtime.lock");
            assertThat(second.out()).doesNotContain("Running");
            first.send("orders", Map.of("OrderNo", "1", "Customer", "Анна"));
        }
        assertThat(FakeOutbox.sent()).hasSize(1);
        assertThat(CliRun.of("run", ws(), "--duration", "100ms").exitCode())
                .as("the lock is released on close")
                .isZero();
    }

    @Test
    void runWithTheDevInboxNeedsNoRealPassword() {
        TestWorkspace.minimal(dir).write("scenarios/tick.yaml", """
                - route:
                    from:
                      uri: timer:tick?repeatCount=1&delay=0
                      steps:
                        - setBody:
                            simple: '{"OrderNo": "7", "Customer": "Анна"}'
                        - to: path:orders
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = ScenarioCommand.execute(
                new String[] {"run", ws(), "--dev-inbox", "--duration", "1s"},
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                TestWorkspace.FAKE,
                Map.of(),
                Locale.ENGLISH);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("[dev-inbox] SMTP on 127.0.0.1:").contains(" sent   path=orders ");
    }

    @Test
    void typesListsEverySettingInEnglishAndRussianAndAsJsonSchema() throws IOException {
        CliRun en = CliRun.of("types", "--lang", "en");
        assertThat(en.exitCode()).isZero();
        assertThat(en.out())
                .contains("connection type fake: Fake connection")
                .contains(
                        "    password (string, required, secret, only when authentication = basic) Password — The secret.")
                .contains("    journal (enum: full|errors|off, default full) Journal — What to record.")
                .contains("path type (connection type fake) fake-send: Fake send")
                .contains("      name (string, required) Name — Attribute name.");

        CliRun ru = CliRun.of("types", "--lang", "ru");
        assertThat(ru.out())
                .contains("тип подключения fake: Тестовое подключение")
                .contains("(string, обязательно)");

        CliRun json = CliRun.of("types", "--json");
        JsonNode schemas = JSON.readTree(json.out());
        assertThat(schemas.get("connectionTypes").get(0).get("$id").asText())
                .isEqualTo("urn:scenario-connectors:connection:fake");
        assertThat(schemas.get("connectionTypes")
                        .get(0)
                        .get("properties")
                        .get("password")
                        .get("writeOnly")
                        .asBoolean())
                .isTrue();
        assertThat(schemas.get("pathTypes").get(0).get("$id").asText())
                .isEqualTo("urn:scenario-connectors:path:fake-send");
    }

    @Test
    void typesShowTheRuntimesOwnPathSettingsAfterTheTypesOwn() throws IOException {
        CliRun en = CliRun.of("types", "--lang", "en");
        assertThat(en.out())
                .contains("    delivery (enum: direct|queued, default direct) Delivery — ")
                .contains("    retry (object) Retry — ")
                .contains("      backoff (duration) Backoff — ");

        JsonNode path = JSON.readTree(CliRun.of("types", "--json").out())
                .get("pathTypes")
                .get(0);
        assertThat(path.at("/properties/delivery/default").asText()).isEqualTo("direct");
        assertThat(path.at("/properties/retry/properties/backoff/type").asText())
                .isEqualTo("array");
        assertThat(path.at("/properties/retry/properties/backoff/items/pattern").asText())
                .isNotEmpty();

        // The seed's "response" and "error response" attributes: lists of {name, from}.
        assertThat(en.out())
                .contains("    response (object_list) Response — ")
                .contains("    errorResponse (object_list) Error response — ");
        assertThat(path.at("/properties/response/type").asText()).isEqualTo("array");
        assertThat(path.at("/properties/errorResponse/items/properties/from/oneOf/0/const")
                        .asText())
                .isEqualTo("failureKind");
    }

    @Test
    void validateReportsABadRuntimeSettingWithFileAndLine() {
        TestWorkspace.minimal(dir)
                .write(
                        "paths/orders.yaml",
                        TestWorkspace.PATH + "delivery: sometimes\nretry:\n  backoff: [1m, soon]\n");

        CliRun run = CliRun.of("validate", ws(), "--lang", "en");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out())
                .contains("paths/orders.yaml:8: path orders delivery: must be direct or queued, not \"sometimes\"")
                .contains("paths/orders.yaml:10: path orders retry.backoff[1]: \"soon\" is not a duration");
    }
}
