package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.Workspace;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's HTTP API over real sockets: token, validation, write-only secrets, names, checks and journals. */
class ConsoleApiTest {

    @TempDir
    Path dir;

    ConsoleFixture console;

    @BeforeEach
    void start() throws Exception {
        console = new ConsoleFixture(dir, Map.of("SMTP_PASSWORD", ConsoleFixture.SMTP_PASSWORD));
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void everyApiCallNeedsTheTokenInAHeader() {
        HttpResponse<String> none = console.send("GET", "/api/connections", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(ConsoleFixture.json(none).get("error").asText()).contains("Authorization: Bearer");

        assertThat(console.send("GET", "/api/types", null, "Authorization", "Bearer wrong-token-0123456789")
                        .statusCode())
                .isEqualTo(401);
        assertThat(console.send("GET", "/api/types", null, "Cookie", "token=" + ConsoleFixture.TOKEN)
                        .statusCode())
                .isEqualTo(401);
        assertThat(console.send(
                                "POST",
                                "/api/connections",
                                Map.of("type", "smtp", "values", console.smtpValues("mail", "x")))
                        .statusCode())
                .isEqualTo(401);
        assertThat(dir.resolve("connections/mail.yaml")).doesNotExist();

        assertThat(console.send("GET", "/api/types", null, "X-Admin-Token", ConsoleFixture.TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(console.api("GET", "/api/connections", null).statusCode()).isEqualTo(200);
        // the page itself holds no data and loads without the token
        HttpResponse<String> page = console.send("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    }

    @Test
    void validateAnswersTheProblemsOfAnUnsavedFormInTheReadersLanguageAndWritesNothing() throws Exception {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("systemName", "orders");
        values.put("subject", "Заказ {OrderNo}");
        values.put("body", "Ваш заказ {OrderNo}");
        values.put("attributes", java.util.List.of(Map.of("name", "Order")));
        HttpResponse<String> answer = console.send(
                "POST",
                "/api/validate",
                Map.of("kind", "paths", "type", "smtp-send", "values", values),
                "Authorization",
                "Bearer " + ConsoleFixture.TOKEN,
                "Accept-Language",
                "ru");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var problems = ConsoleFixture.json(answer);
        assertThat(problems)
                .filteredOn(p -> p.get("property").asText().equals("subject"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.get("code").asText()).isEqualTo("placeholder.undeclared");
                    assertThat(p.get("message").asText()).contains("{OrderNo}", "Order");
                });
        assertThat(problems)
                .anySatisfy(p -> assertThat(p.get("property").asText()).isEqualTo("connection"));
        assertThat(java.nio.file.Files.exists(console.workspace.resolve("paths/orders.yaml")))
                .isFalse();
    }

    @Test
    void aGeneratedTokenIsStoredForTheOwnerOnlyAndReusedAtTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        AdminToken first = AdminToken.stored(data);
        Path file = data.resolve(AdminToken.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String token = Files.readString(file).trim();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(first.matches(token)).isTrue();
        assertThat(AdminToken.stored(data).matches(token)).isTrue();
        assertThat(first.toString()).doesNotContain(token);
        assertThat(AdminToken.given("${env:CONSOLE_TOKEN}", Map.of("CONSOLE_TOKEN", "from-the-environment-123"))
                        .matches("from-the-environment-123"))
                .isTrue();
    }

    @Test
    void typesCarryTheirJsonSchemaInTheAskedLanguage() {
        JsonNode en = ConsoleFixture.json(console.api("GET", "/api/types?lang=en", null));
        JsonNode smtp = find(en.get("connectionTypes"), "id", "smtp");
        assertThat(smtp.at("/schema/properties/password/writeOnly").asBoolean()).isTrue();
        assertThat(smtp.at("/schema/properties/domain/x-visibleWhen/authentication/0")
                        .asText())
                .isEqualTo("windows");
        assertThat(smtp.at("/schema/properties/server/title").asText()).isEqualTo("Mail server address");
        assertThat(find(en.get("pathTypes"), "id", "smtp-send")
                        .get("connectionType")
                        .asText())
                .isEqualTo("smtp");

        JsonNode ru = ConsoleFixture.json(console.api("GET", "/api/types?lang=ru", null));
        assertThat(find(ru.get("connectionTypes"), "id", "smtp")
                        .at("/schema/properties/server/title")
                        .asText())
                .isEqualTo("Адрес почтового сервера");
    }

    @Test
    void invalidValuesAreRefusedWith422NamingEachPropertyAndNothingIsWritten() throws Exception {
        Map<String, Object> values = console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD);
        values.put("port", 70000);
        values.remove("senderAddress");
        values.put("encryption", "starttls-maybe");

        HttpResponse<String> response =
                console.api("POST", "/api/connections?lang=en", Map.of("type", "smtp", "values", values));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problems = ConsoleFixture.json(response);
        assertThat(properties(problems)).contains("port", "senderAddress", "encryption");
        assertThat(find(problems, "property", "senderAddress").get("code").asText())
                .isEqualTo("required");
        assertThat(response.body()).doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(dir.resolve("connections/mail.yaml")).doesNotExist();

        HttpResponse<String> russian =
                console.api("POST", "/api/connections?lang=ru", Map.of("type", "smtp", "values", values));
        assertThat(find(ConsoleFixture.json(russian), "property", "senderAddress")
                        .get("message")
                        .asText())
                .containsPattern("[а-я]");
    }

    @Test
    void secretsAreNeverReturnedAndAnEmptyOneKeepsTheStoredValue() throws Exception {
        HttpResponse<String> created = console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(ConsoleFixture.json(created).get("secretsSet").toString()).isEqualTo("[\"password\"]");
        assertThat(ConsoleFixture.json(created).get("file").asText()).isEqualTo("connections/mail.yaml");

        // the typed password went to a file of its own, the YAML names that file
        String reference = "password: \"${file:data/secrets/mail.password}\"";
        assertThat(console.file("connections/mail.yaml"))
                .contains(reference)
                .doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(console.file("data/secrets/mail.password")).isEqualTo(ConsoleFixture.SMTP_PASSWORD + "\n");
        assertThat(ConsoleFixture.json(created)
                        .at("/secretSources/password/file")
                        .asText())
                .isEqualTo("data/secrets/mail.password");

        Map<String, Object> edited = console.smtpValues("mail", "");
        edited.put("description", "shop mail");
        HttpResponse<String> updated = console.api("PUT", "/api/connections/mail", Map.of("values", edited));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(console.file("connections/mail.yaml"))
                .contains("description: shop mail")
                .contains(reference);

        edited.remove("password");
        edited.put("server", "localhost");
        edited.put("password", ConsoleFixture.SMTP_PASSWORD);
        assertThat(console.api("PUT", "/api/connections/mail", Map.of("values", edited))
                        .statusCode())
                .isEqualTo(200);
        assertThat(console.file("connections/mail.yaml"))
                .contains("server: localhost")
                .contains(reference);

        for (String path : List.of("/api/connections", "/api/connections/mail")) {
            HttpResponse<String> read = console.api("GET", path, null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        }
        assertThat(ConsoleFixture.json(console.api("GET", "/api/connections/mail", null))
                        .at("/values/password")
                        .isMissingNode())
                .isTrue();
        assertThat(ConsoleFixture.json(console.api("GET", "/api/connections/mail", null))
                        .at("/values/server")
                        .asText())
                .isEqualTo("localhost");
    }

    @Test
    void aSecretTypedAsAReferenceIsRefusedNotResolved() throws Exception {
        HttpResponse<String> refused = console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", "${env:SMTP_PASSWORD}")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(find(ConsoleFixture.json(refused), "property", "password")
                        .get("code")
                        .asText())
                .isEqualTo("reference");
        assertThat(refused.body()).doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(dir.resolve("connections/mail.yaml")).doesNotExist();
    }

    @Test
    void aReferenceTheOperatorWroteIsKeptShownByNameAndReadByTheRuntime() throws Exception {
        Files.writeString(
                dir.resolve("connections/mail.yaml"),
                ObjectStore.toYaml(withType(console.smtpValues("mail", "${env:SMTP_PASSWORD}"))));

        JsonNode view = ConsoleFixture.json(console.api("GET", "/api/connections/mail", null));
        assertThat(view.at("/secretSources/password/env").asText()).isEqualTo("SMTP_PASSWORD");

        Map<String, Object> edited = console.smtpValues("mail", "");
        edited.put("description", "kept");
        assertThat(console.api("PUT", "/api/connections/mail", Map.of("values", edited))
                        .statusCode())
                .isEqualTo(200);
        assertThat(console.file("connections/mail.yaml")).containsPattern("password: \"?\\$\\{env:SMTP_PASSWORD}\"?\n");
        Workspace ws = Workspace.load(
                dir, Connectors.fromClassPath(), Map.of("SMTP_PASSWORD", ConsoleFixture.SMTP_PASSWORD), Locale.ENGLISH);
        assertThat(ws.problems()).isEmpty();
        assertThat(ws.connection("mail").orElseThrow().configuration().string("password"))
                .isEqualTo(ConsoleFixture.SMTP_PASSWORD);
    }

    private static Map<String, Object> withType(Map<String, Object> values) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("type", "smtp");
        out.putAll(values);
        return out;
    }

    @Test
    void namesThatCouldLeaveTheWorkspaceAreRefused() throws Exception {
        assertThat(console.api("GET", "/api/connections/..%2F..%2Fdata%2Fconsole-token", null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(console.api("GET", "/api/connections/mail.yaml", null).statusCode())
                .isEqualTo(400);
        assertThat(console.api("DELETE", "/api/connections/%2e%2e", null).statusCode())
                .isEqualTo(400);
        assertThat(console.api("GET", "/api/connections/a/b/c", null).statusCode())
                .isEqualTo(404);

        HttpResponse<String> created = console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("../../evil", ConsoleFixture.SMTP_PASSWORD)));
        assertThat(created.statusCode()).isEqualTo(422);
        assertThat(find(ConsoleFixture.json(created), "property", "systemName")
                        .get("code")
                        .asText())
                .isEqualTo("name");
        // Nothing named evil inside the workspace, nor beside it where "../../evil" would land. The shared
        // temp folder is only listed, not walked: other processes delete files in it while a walk stats them.
        try (Stream<Path> inside = Files.walk(dir);
                Stream<Path> beside = Files.list(dir.getParent())) {
            assertThat(Stream.concat(inside, beside)
                            .filter(p -> p.getFileName().toString().startsWith("evil")))
                    .isEmpty();
        }
    }

    @Test
    void aCheckReportsEveryStepAndAWrongPasswordFailsTheAuthStep() {
        console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));

        JsonNode passed = ConsoleFixture.json(console.api("POST", "/api/connections/mail/check?lang=en", null));
        assertThat(passed.get("status").asText()).as(passed.toString()).isEqualTo("SUCCEEDED");
        assertThat(find(passed.get("steps"), "name", "auth").get("status").asText())
                .isEqualTo("PASSED");
        assertThat(find(passed.get("steps"), "name", "auth").get("title").asText())
                .isEqualTo("Authentication");

        // the form's unsaved values are checked, with the stored password kept unless a new one is typed
        JsonNode failed = ConsoleFixture.json(console.api(
                "POST",
                "/api/connections/mail/check?lang=en",
                Map.of("values", console.smtpValues("mail", "wrong-password"))));
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(find(failed.get("steps"), "name", "auth").get("status").asText())
                .isEqualTo("FAILED");
        assertThat(failed.get("message").asText())
                .contains("authentication failed for user " + ConsoleFixture.SMTP_USER);
        assertThat(failed.toString()).doesNotContain("wrong-password").doesNotContain(ConsoleFixture.SMTP_PASSWORD);

        HttpResponse<String> journal = console.api("GET", "/api/connections/mail/journal", null);
        assertThat(journal.statusCode()).isEqualTo(200);
        assertThat(journal.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"mail-journal.log\"");
        assertThat(journal.body())
                .contains("mail")
                .doesNotContain("wrong-password")
                .doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(journal.body().lines().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void writesAreAtomicAndADeletedConnectionMustNotBeInUse() throws Exception {
        console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));
        HttpResponse<String> path = console.api(
                "POST",
                "/api/paths",
                Map.of(
                        "type",
                        "smtp-send",
                        "values",
                        Map.of(
                                "systemName",
                                "orders",
                                "connection",
                                "mail",
                                "subject",
                                "Заказ {OrderNo}",
                                "body",
                                "Здравствуйте!\nЗаказ {OrderNo}.",
                                "attributes",
                                List.of(Map.of("name", "OrderNo", "type", "string")))));
        assertThat(path.statusCode()).as(path.body()).isEqualTo(201);
        assertThat(console.api("GET", "/api/paths/orders", null).statusCode()).isEqualTo(200);

        HttpResponse<String> inUse = console.api("DELETE", "/api/connections/mail", null);
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(ConsoleFixture.json(inUse).get("error").asText()).contains("orders");

        HttpResponse<String> wrongConnection = console.api(
                "PUT",
                "/api/paths/orders",
                Map.of("values", Map.of("connection", "nowhere", "subject", "x", "body", "y")));
        assertThat(wrongConnection.statusCode()).isEqualTo(422);
        assertThat(find(ConsoleFixture.json(wrongConnection), "property", "connection")
                        .get("code")
                        .asText())
                .isEqualTo("connection.missing");

        assertThat(console.api("DELETE", "/api/paths/orders", null).statusCode())
                .isEqualTo(204);
        assertThat(console.api("DELETE", "/api/connections/mail", null).statusCode())
                .isEqualTo(204);
        assertThat(dir.resolve("connections/mail.yaml")).doesNotExist();
        try (Stream<Path> files =
                Stream.concat(Files.list(dir.resolve("connections")), Files.list(dir.resolve("paths")))) {
            assertThat(files).as("no temporary file is left behind").isEmpty();
        }
    }

    @Test
    void aPathWithTheRuntimesDeliveryAndRetrySettingsSavesAndIsReadBackAsScenarioValidateSeesIt() throws Exception {
        console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));
        assertThat(console.api(
                                "POST",
                                "/api/paths",
                                Map.of(
                                        "type",
                                        "smtp-send",
                                        "values",
                                        Map.of(
                                                "systemName",
                                                "orders",
                                                "connection",
                                                "mail",
                                                "subject",
                                                "Order",
                                                "body",
                                                "Hello")))
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> queued = console.api(
                "PUT",
                "/api/paths/orders",
                Map.of(
                        "values",
                        Map.of(
                                "connection",
                                "mail",
                                "subject",
                                "Order",
                                "body",
                                "Hello",
                                "delivery",
                                "queued",
                                "retry",
                                Map.of("backoff", List.of("1m", "1d"), "lifetime", "2d"))));

        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve("paths/orders.yaml")))
                .contains("delivery: queued")
                .contains("lifetime: 2d");
        JsonNode stored = ConsoleFixture.json(console.api("GET", "/api/paths/orders", null));
        assertThat(stored.at("/values/delivery").asText()).isEqualTo("queued");
        assertThat(stored.at("/values/retry/backoff/1").asText()).isEqualTo("1d");

        HttpResponse<String> bad = console.api(
                "PUT",
                "/api/paths/orders?lang=en",
                Map.of(
                        "values",
                        Map.of("connection", "mail", "subject", "Order", "body", "Hello", "delivery", "sometimes")));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(find(ConsoleFixture.json(bad), "property", "delivery")
                        .get("message")
                        .asText())
                .contains("direct or queued");

        JsonNode types = ConsoleFixture.json(console.api("GET", "/api/types?lang=en", null));
        JsonNode send = find(types.get("pathTypes"), "id", "smtp-send");
        assertThat(send.at("/schema/properties/delivery/oneOf/1/const").asText())
                .isEqualTo("queued");
        assertThat(send.at("/schema/properties/retry/type").asText()).isEqualTo("object");

        HttpResponse<String> shaped = console.api(
                "PUT",
                "/api/paths/orders?lang=en",
                Map.of(
                        "values",
                        Map.of(
                                "connection",
                                "mail",
                                "subject",
                                "Order",
                                "body",
                                "Hello",
                                "errorResponse",
                                List.of(Map.of("name", "Kind", "from", "failureKind")))));
        assertThat(shaped.statusCode()).as(shaped.body()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve("paths/orders.yaml")))
                .contains("errorResponse:")
                .contains("from: failureKind");
        HttpResponse<String> badShape = console.api(
                "PUT",
                "/api/paths/orders?lang=en",
                Map.of(
                        "values",
                        Map.of(
                                "connection",
                                "mail",
                                "subject",
                                "Order",
                                "body",
                                "Hello",
                                "response",
                                List.of(Map.of("name", "Id", "from", "messageID")))));
        assertThat(badShape.statusCode()).isEqualTo(422);
        assertThat(badShape.body()).contains("there is no field \\\"messageID\\\"");
        assertThat(send.at("/schema/properties/errorResponse/items/properties/name/type")
                        .asText())
                .isEqualTo("string");
    }

    @Test
    void theQueueIsListedWithEachMessagesStateAndNeedsTheToken() throws Exception {
        assertThat(console.api("GET", "/api/queue", null).body()).isEqualTo("[]");
        writeOrdersPathOnBus(2);
        java.time.Instant now = java.time.Instant.now();
        var queue = new dev.scenarios.runtime.internal.delivery.FileMessageQueue(dir.resolve("data/queue"));
        var queued = queue.add(
                "orders",
                new dev.scenarios.connector.api.PreparedMessage(
                        "<q1@example.com>", List.of("anna@example.com"), "Subject: q\r\n\r\nhi\r\n".getBytes()),
                now,
                now.plusSeconds(3600));
        queue.close();

        HttpResponse<String> listed = console.api("GET", "/api/queue", null);

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode message = find(ConsoleFixture.json(listed), "id", queued.id());
        assertThat(message.get("state").asText()).isEqualTo("PENDING");
        assertThat(message.get("path").asText()).isEqualTo("orders");
        assertThat(message.get("bus").asInt())
                .as("the bus its path's file names")
                .isEqualTo(2);
        assertThat(message.get("messageId").asText()).isEqualTo("<q1@example.com>");
        assertThat(message.get("recipients").get(0).asText()).isEqualTo("anna@example.com");
        assertThat(console.send("GET", "/api/queue", null).statusCode()).isEqualTo(401);
        assertThat(console.api("POST", "/api/queue", Map.of()).statusCode()).isEqualTo(405);
    }

    @Test
    void theQueueViewReadsThePostgresqlQueueThatWorkspaceYamlNames() throws Exception {
        String schema = dev.scenarios.runtime.testing.TestPostgres.newSchema();
        java.nio.file.Files.writeString(
                dir.resolve("workspace.yaml"), dev.scenarios.runtime.testing.TestPostgres.workspaceYaml(schema));
        writeOrdersPathOnBus(3);
        java.time.Instant now = java.time.Instant.now();
        String id;
        try (var queue = dev.scenarios.runtime.internal.delivery.PostgresMessageQueue.open(
                new dev.scenarios.runtime.QueueSettings(
                        dev.scenarios.runtime.QueueSettings.Store.POSTGRESQL,
                        dev.scenarios.runtime.testing.TestPostgres.url(),
                        "postgres",
                        "",
                        schema),
                "test",
                "test-host",
                java.time.Duration.ofSeconds(30),
                false)) {
            id = queue.add(
                            "orders",
                            new dev.scenarios.connector.api.PreparedMessage(
                                    "<pg1@example.com>",
                                    List.of("anna@example.com"),
                                    "Subject: q\r\n\r\nhi\r\n".getBytes()),
                            now,
                            now.plusSeconds(3600))
                    .id();
        }

        HttpResponse<String> listed = console.api("GET", "/api/queue", null);

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode message = find(ConsoleFixture.json(listed), "id", id);
        assertThat(message.get("messageId").asText()).isEqualTo("<pg1@example.com>");
        assertThat(message.get("state").asText()).isEqualTo("PENDING");
        assertThat(message.get("bus").asInt()).isEqualTo(3);
        assertThat(java.nio.file.Files.exists(dir.resolve("data/queue"))).isFalse();
    }

    /** A path {@code orders} on data bus {@code bus}; its connection need not exist for the queue view. */
    private void writeOrdersPathOnBus(int bus) throws java.io.IOException {
        Files.createDirectories(dir.resolve("paths"));
        Files.writeString(dir.resolve("paths/orders.yaml"), """
                type: smtp-send
                systemName: orders
                connection: mail
                delivery: queued
                bus: %d
                subject: Order
                body: Thanks.
                """.formatted(bus));
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asText())) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    private static List<String> properties(JsonNode problems) {
        List<String> out = new ArrayList<>();
        problems.forEach(p -> out.add(p.get("property").asText()));
        return out;
    }
}
