package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.testing.ScriptedSmtpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's "Send message" action as {@code path:} options, end to end: a YAML scenario, the real SMTP connector and a
 * scripted server on loopback that accepts or refuses. Asserts the variables a scenario sees, the mail the server
 * received, the queue journal and validate's {@code file:line}.
 */
class SendStepOptionsTest {

    private static final String SCENARIO = """
            - route:
                from:
                  uri: direct:fromVariable
                  steps:
                    - to: path:orders?messageVariable=order&responseVariable=response&errorVariable=error
            - route:
                from:
                  uri: direct:ignoring
                  steps:
                    - to: path:orders?ignoreErrors=true&errorVariable=error&responseVariable=response
                    - setBody:
                        simple: "went on: ${variable.error[failureKind]} ${variable.error[replyCode]}"
            - route:
                from:
                  uri: direct:async
                  steps:
                    - to: path:orders?async=true&responseVariable=response
            """;

    @TempDir
    Path dir;

    private DeliveryWorkspace workspace(int port) {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, port, "retry:\n  attempts: 1");
        ws.files.write("scenarios/orders.yaml", SCENARIO);
        return ws;
    }

    @Test
    void messageVariableIsSentAndTheResponseLandsInResponseVariable() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Workspace ws = workspace(server.port()).load();
            Exchange done;
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
                done = runtime.camelContext().createProducerTemplate().send("direct:fromVariable", e -> {
                    e.setVariable("order", DeliveryWorkspace.order("A-7", "anna@example.com"));
                    e.getMessage().setBody(Map.of("OrderNo", "from the body: must not be used"));
                });
            }

            assertThat(done.getException()).isNull();
            assertThat(server.withData()).hasSize(1);
            ScriptedSmtpServer.Transaction mail = server.withData().get(0);
            assertThat(mail.recipients()).containsExactly("anna@example.com");
            assertThat(mail.data()).contains("Subject: Order A-7").doesNotContain("from the body");
            @SuppressWarnings("unchecked")
            Map<String, Object> response = done.getVariable("response", Map.class);
            assertThat(response)
                    .containsEntry("messageId", mail.messageId())
                    .containsEntry("replyCode", 250)
                    .containsEntry("rejectedRecipients", List.of())
                    .containsEntry("queued", false);
            assertThat((String) response.get("replyText")).startsWith("250");
            assertThat(done.getVariable("error")).isNull();
        }
    }

    @Test
    void aMissingMessageVariableFailsTheStepSayingWhich() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Workspace ws = workspace(server.port()).load();
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
                Exchange done = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:fromVariable",
                                e -> e.getMessage().setBody(DeliveryWorkspace.order("A-7", "anna@example.com")));

                assertThat(done.getException()).hasMessageContaining("the variable order (messageVariable) is not set");
                assertThat(done.getVariable("error", Map.class)).containsEntry("failureKind", "CONFIGURATION");
                assertThat(server.transactions()).isEmpty();
            }
        }
    }

    @Test
    void ignoreErrorsFillsErrorVariableAndTheRouteGoesOn() throws Exception {
        ScriptedSmtpServer.Script refusing = new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                return "550 5.1.1 <" + address + ">: user unknown";
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(refusing)) {
            Workspace ws = workspace(server.port()).load();
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
                Exchange done = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:ignoring",
                                e -> e.getMessage().setBody(DeliveryWorkspace.order("A-8", "nobody@example.com")));

                assertThat(done.getException()).isNull();
                assertThat(done.getMessage().getBody(String.class)).isEqualTo("went on: RECIPIENT_REJECTED 550");
                @SuppressWarnings("unchecked")
                Map<String, Object> error = done.getVariable("error", Map.class);
                assertThat(error)
                        .containsEntry("failureKind", "RECIPIENT_REJECTED")
                        .containsEntry("replyCode", 550);
                assertThat((String) error.get("replyText")).contains("550");
                assertThat(error.get("rejectedRecipients"))
                        .isEqualTo(List.of(Map.of(
                                "address",
                                "nobody@example.com",
                                "replyCode",
                                550,
                                "reply",
                                "550 5.1.1 <nobody@example.com>: user unknown")));
                assertThat(done.getVariable("response")).isNull();
                assertThat(server.withData()).isEmpty();
            }
        }
    }

    @Test
    void asyncReturnsTheMessageIdAtOnceAndTheQueueSenderDeliversIt() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = workspace(server.port());
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                Exchange done = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:async",
                                e -> e.getMessage().setBody(DeliveryWorkspace.order("A-9", "anna@example.com")));

                assertThat(done.getException()).isNull();
                @SuppressWarnings("unchecked")
                Map<String, Object> response = done.getVariable("response", Map.class);
                assertThat(response).containsEntry("queued", true).containsKey("queueId");
                String messageId = (String) response.get("messageId");
                assertThat(messageId).startsWith("<");

                assertThat(await(Duration.ofSeconds(10), () -> server.withData().size() == 1))
                        .isTrue();
                assertThat(server.withData().get(0).messageId()).isEqualTo(messageId);
                assertThat(await(
                                Duration.ofSeconds(5),
                                () -> ws.journal().stream()
                                        .anyMatch(l -> l.contains(" SENT ") && l.contains(messageId))))
                        .isTrue();
                assertThat(ws.journal()).anyMatch(l -> l.contains(" QUEUED ") && l.contains(messageId));
            }
        }
    }

    private static final String SHAPES = """
            retry:
              attempts: 1
            response:
              - name: Id
                from: messageId
              - name: Code
                from: replyCode
            errorResponse:
              - name: Kind
                from: failureKind
              - name: Refused
                from: rejectedRecipients
            """;

    @Test
    void theDeclaredResponseShapesTheResponseVariable() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), SHAPES);
            ws.files.write("scenarios/orders.yaml", SCENARIO);
            Exchange done;
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                done = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:fromVariable",
                                e -> e.setVariable("order", DeliveryWorkspace.order("A-10", "anna@example.com")));
            }

            assertThat(done.getException()).isNull();
            assertThat(done.getVariable("response"))
                    .isEqualTo(Map.of("Id", server.withData().get(0).messageId(), "Code", 250));
        }
    }

    @Test
    void theDeclaredErrorResponseShapesTheErrorVariable() throws Exception {
        ScriptedSmtpServer.Script refusing = new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                return "550 5.1.1 <" + address + ">: user unknown";
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(refusing)) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), SHAPES);
            ws.files.write("scenarios/orders.yaml", SCENARIO);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                Exchange done = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:ignoring",
                                e -> e.getMessage().setBody(DeliveryWorkspace.order("A-11", "nobody@example.com")));

                assertThat(done.getException()).isNull();
                assertThat(done.getVariable("error"))
                        .isEqualTo(Map.of(
                                "Kind",
                                "RECIPIENT_REJECTED",
                                "Refused",
                                List.of(Map.of(
                                        "address",
                                        "nobody@example.com",
                                        "replyCode",
                                        550,
                                        "reply",
                                        "550 5.1.1 <nobody@example.com>: user unknown"))));
            }
        }
    }

    @Test
    void validateRefusesBadResponseDeclarationsWithFileAndLine() {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, 25, """
                response:
                  - name: Id
                    from: messageID
                  - name: 2nd
                    from: replyCode
                errorResponse:
                  - name: Kind
                    from: failureKind
                    type: string
                """);

        Workspace loaded = Workspace.load(dir, Connectors.fromClassPath(), Map.of(), java.util.Locale.ENGLISH);

        assertThat(loaded.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "paths/orders.yaml:6: path orders response[0].from: there is no field \"messageID\"; the fields are messageId, replyCode, "
                                + "replyText, rejectedRecipients, queued, queueId",
                        "paths/orders.yaml:7: path orders response[1].name: the name \"2nd\" is not a name: letters, digits and _, not starting with a digit",
                        "paths/orders.yaml:12: path orders errorResponse[0].type: an item of a response has only name and from, not \"type\"");
    }

    @Test
    void validateRefusesUnknownOptionsAndWrongValuesWithFileAndLine() {
        DeliveryWorkspace ws = workspace(25);
        ws.files.write("scenarios/typos.yaml", """
                - route:
                    from:
                      uri: direct:typos
                      steps:
                        - to: path:orders?ignoreError=true
                        - to: path:orders?async=yes
                        - to:
                            uri: path:orders?responseVariable=my-response
                        - to: path:orders?ignoreErrors=true&errorVariable=error&messageVariable={{order.variable}}
                """);
        // A placeholder in an option is resolved from the workspace's application.properties, as Camel does.
        ws.files.write("application.properties", "order.variable=order\n");

        Workspace loaded = Workspace.load(dir, Connectors.fromClassPath(), Map.of(), java.util.Locale.ENGLISH);

        assertThat(loaded.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "scenarios/typos.yaml:5: scenario typos: path: has no option \"ignoreError\"; its options are messageVariable, "
                                + "responseVariable, errorVariable, ignoreErrors, async (the path's own settings live in paths/) (in path:orders?ignoreError=true)",
                        "scenarios/typos.yaml:6: scenario typos: the option async is true or false, not \"yes\" (in path:orders?async=yes)",
                        "scenarios/typos.yaml:8: scenario typos: the option responseVariable names a variable: letters, digits and _, "
                                + "not \"my-response\" (in path:orders?responseVariable=my-response)");
    }
}
