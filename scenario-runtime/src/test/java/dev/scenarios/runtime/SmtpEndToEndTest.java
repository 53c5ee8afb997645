package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.runtime.cli.ScenarioCommand;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML scenario → {@code path:} → the real SMTP connector (found by ServiceLoader, types {@code smtp} and
 * {@code smtp-send}) → GreenMail on loopback; the received message is checked header by header. Needs the real
 * smtp-connector (merged to main); with the skeleton it fails.
 */
class SmtpEndToEndTest {

    private static final String PATH = """
            type: smtp-send
            systemName: orders
            connection: mail
            attributes:
              - name: Customer
                required: true
              - name: OrderNo
                required: true
              - name: Total
                type: number
            subject: "Заказ №{OrderNo} принят"
            body: |
              Здравствуйте, {Customer}!
              Сумма заказа: {Total} ₽.
            headers:
              - name: X-Order-No
                value: "{OrderNo}"
            attachments:
              - name: счёт.txt
                file: files/invoice.txt
                contentType: text/plain; charset=UTF-8
            """;

    private static final String SCENARIO = """
            - route:
                from:
                  uri: direct:orders
                  steps:
                    - setVariable:
                        name: OrderNo
                        constant: "A-42"
                    - to: path:orders
                    - setHeader:
                        name: sent
                        simple: "${variable.messageId}|${variable.serverReply}"
            - route:
                from:
                  uri: direct:guarded
                  steps:
                    - doTry:
                        steps:
                          - to: path:orders
                        doCatch:
                          - exception: [dev.scenarios.connector.api.DeliveryException]
                            steps:
                              - setBody:
                                  simple: "${exception.kind} ${exception.replyCode}"
            """;

    @TempDir
    Path dir;

    GreenMail server;

    @BeforeEach
    void startServer() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private TestWorkspace workspace(int port) {
        return new TestWorkspace(dir)
                .write("connections/mail.yaml", """
                        type: smtp
                        systemName: mail
                        journal: full
                        server: 127.0.0.1
                        port: %d
                        encryption: none
                        authentication: none
                        connectTimeout: 5s
                        readTimeout: 5s
                        writeTimeout: 5s
                        senderName: Магазин «Ромашка»
                        senderAddress: shop@example.com
                        checkWithoutSending: true
                        """.formatted(port))
                .write("paths/orders.yaml", PATH)
                .write("files/invoice.txt", "Счёт на оплату: 1 250,50 ₽\n")
                .write("scenarios/orders.yaml", SCENARIO);
    }

    private static Workspace load(TestWorkspace ws) {
        Workspace loaded = Workspace.load(ws.dir, Connectors.fromClassPath(), Map.of(), Locale.ENGLISH);
        assertThat(loaded.problems()).isEmpty();
        return loaded;
    }

    @Test
    void aScenarioStepSendsTheTemplatedMessageThroughTheRealConnector() throws Exception {
        Workspace ws = load(workspace(server.getSmtp().getPort()));

        Exchange done;
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
            ProducerTemplate template = runtime.camelContext().createProducerTemplate();
            done = template.send("direct:orders", e -> {
                e.getMessage()
                        .setBody(Map.of(
                                "Customer",
                                "Анна Петрова",
                                "Total",
                                new java.math.BigDecimal("1250.50"),
                                "Password",
                                "leak",
                                "To",
                                List.of(
                                        Map.of("Name", "Анна Петрова", "Address", "anna@example.com"),
                                        Map.of("Name", "Отдел продаж", "Address", "sales@example.com"))));
                e.getMessage().setHeader("Subject", "header must not leak");
                e.getMessage().setHeader("X-Internal", "header must not leak");
            });
        }

        assertThat(done.getException()).isNull();
        assertThat(server.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage received = server.getReceivedMessages()[0];
        String[] sent = done.getMessage().getHeader("sent", String.class).split("\\|");
        assertThat(received.getMessageID()).isEqualTo(sent[0]);
        assertThat(sent[1]).startsWith("250");

        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Магазин «Ромашка»");
        assertThat(from.getAddress()).isEqualTo("shop@example.com");
        assertThat(received.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("anna@example.com", "sales@example.com");
        assertThat(((InternetAddress) received.getRecipients(Message.RecipientType.TO)[1]).getPersonal())
                .isEqualTo("Отдел продаж");
        assertThat(received.getSubject()).isEqualTo("Заказ №A-42 принят");
        assertThat(received.getHeader("X-Order-No", null)).isEqualTo("A-42");
        assertThat(received.getHeader("X-Internal")).isNull();
        assertThat(received.getHeader("Password")).isNull();

        assertThat(received.getSentDate()).isNotNull();
        assertThat(received.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(received.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) received.getContent();
        assertThat(mixed.getBodyPart(0).getContentType())
                .containsIgnoringCase("text/plain")
                .containsIgnoringCase("charset=UTF-8");
        assertThat(text(mixed.getBodyPart(0))).isEqualTo("Здравствуйте, Анна Петрова!\nСумма заказа: 1250.50 ₽.\n");
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
        assertThat(MimeUtility.decodeText(attachment.getFileName())).isEqualTo("счёт.txt");
        assertThat(new String(attachment.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("Счёт на оплату: 1 250,50 ₽\n");
    }

    @Test
    void anUnreachableServerReachesDoCatchWithItsKind() throws Exception {
        // Bound but not listening: every connection is refused, and no other listener can take the port meanwhile.
        try (java.net.Socket holder = new java.net.Socket()) {
            holder.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            int closedPort = holder.getLocalPort();
            Workspace ws = load(workspace(closedPort));

            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
                Exchange done = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:guarded",
                                e -> e.getMessage()
                                        .setBody(Map.of(
                                                "Customer",
                                                "Анна",
                                                "OrderNo",
                                                "1",
                                                "To",
                                                List.of(Map.of("Address", "anna@example.com")))));

                assertThat(done.getException()).isNull();
                assertThat(done.getMessage().getBody(String.class)).isEqualTo("UNREACHABLE 0");
            }
        }
    }

    @Test
    void aFailedSendIsExplainedInTheChosenLanguage() throws Exception {
        try (java.net.Socket holder = new java.net.Socket()) {
            holder.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            workspace(holder.getLocalPort()).write("paths/orders.yaml", PATH + "retry:\n  attempts: 1\n");
            String[] send = {
                "send",
                dir.toString(),
                "orders",
                "--attr",
                "Customer=Анна",
                "--attr",
                "OrderNo=7",
                "--to",
                "anna@example.com"
            };

            StringWriter russian = new StringWriter();
            int code = ScenarioCommand.execute(
                    concat(send, "--lang", "ru"),
                    new PrintWriter(russian, true),
                    new PrintWriter(new StringWriter(), true),
                    Connectors.fromClassPath(),
                    Map.of(),
                    Locale.ENGLISH);
            StringWriter json = new StringWriter();
            ScenarioCommand.execute(
                    concat(send, "--lang", "ru", "--json"),
                    new PrintWriter(json, true),
                    new PrintWriter(new StringWriter(), true),
                    Connectors.fromClassPath(),
                    Map.of(),
                    Locale.ENGLISH);
            StringWriter english = new StringWriter();
            ScenarioCommand.execute(
                    concat(send, "--lang", "en"),
                    new PrintWriter(english, true),
                    new PrintWriter(new StringWriter(), true),
                    Connectors.fromClassPath(),
                    Map.of(),
                    Locale.ENGLISH);

            assertThat(code).isEqualTo(1);
            String port = String.valueOf(holder.getLocalPort());
            assertThat(russian.toString())
                    .contains("Не отправлено по пути orders: UNREACHABLE")
                    .contains("на 127.0.0.1 порт " + port
                            + " ничто не принимает подключения: проверьте «Адрес почтового сервера» и «Порт»");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(json.toString())
                            .get("message")
                            .asText())
                    .startsWith("на 127.0.0.1 порт " + port + " ничто не принимает подключения");
            assertThat(english.toString())
                    .contains("nothing accepts connections on 127.0.0.1 port " + port + ": check server and port");
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void theCliSendsThroughTheDevInboxAndTheJournalRecordsIt() {
        workspace(1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = ScenarioCommand.execute(
                new String[] {
                    "send",
                    dir.toString(),
                    "orders",
                    "--dev-inbox",
                    "--attr",
                    "Customer=Анна",
                    "--attr",
                    "OrderNo=7",
                    "--to",
                    "anna@example.com"
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Connectors.fromClassPath(),
                Map.of(),
                Locale.ENGLISH);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("[dev-inbox] message 1")
                .contains("Subject: Заказ №7 принят")
                .contains("Attachments: счёт.txt")
                .contains("| Здравствуйте, Анна!")
                .containsPattern("Sent through path orders: Message-ID <.+>");

        StringWriter journal = new StringWriter();
        int journalCode = ScenarioCommand.execute(
                new String[] {"journal", dir.toString(), "mail"},
                new PrintWriter(journal, true),
                new PrintWriter(new StringWriter(), true),
                Connectors.fromClassPath(),
                Map.of(),
                Locale.ENGLISH);
        assertThat(journalCode).isZero();
        assertThat(journal.toString()).contains("orders");
    }

    @Test
    void theCliChecksTheRealConnectionStepByStep() throws Exception {
        workspace(server.getSmtp().getPort());
        StringWriter out = new StringWriter();

        int code = ScenarioCommand.execute(
                new String[] {"check", dir.toString(), "mail", "--json"},
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                Connectors.fromClassPath(),
                Map.of(),
                Locale.ENGLISH);

        assertThat(code).as(out.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode result =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(result.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.get("failureKind").isNull()).isTrue();
        assertThat(result.get("steps").size()).isGreaterThan(2);
        assertThat(result.get("steps").get(0).get("status").asText()).isEqualTo("PASSED");
        assertThat(result.get("steps").get(0).get("elapsedMillis").isNumber()).isTrue();
    }

    @Test
    void theCliPrintsTheChecksStepsWithTheirDetailsInRussian() throws Exception {
        workspace(server.getSmtp().getPort());
        StringWriter out = new StringWriter();

        int code = ScenarioCommand.execute(
                new String[] {"check", dir.toString(), "mail", "--lang", "ru"},
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                Connectors.fromClassPath(),
                Map.of(),
                Locale.ENGLISH);

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("адреса: «127.0.0.1»")
                .contains("ответ сервера: «220 ")
                .contains("сервер предлагает: «")
                .doesNotContain("server replied")
                .doesNotContain("not configured");
    }

    private static String text(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            return text(multipart.getBodyPart(0));
        }
        return String.valueOf(content);
    }
}
