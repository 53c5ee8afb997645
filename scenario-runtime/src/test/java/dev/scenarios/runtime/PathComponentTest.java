package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.fake.FakeOutbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathComponentTest {

    private static final String SCENARIO = """
            - route:
                from:
                  uri: direct:map
                  steps:
                    - to: path:orders
                    - setHeader:
                        name: sentAs
                        simple: "${variable.messageId} / ${variable.serverReply}"
            - route:
                from:
                  uri: direct:json
                  steps:
                    - setBody:
                        simple: '{"OrderNo": "${header.orderNo}", "Customer": "Анна", "Password": "leak", "Total": 1250.50}'
                    - to: path:orders
            - route:
                from:
                  uri: direct:variables
                  steps:
                    - setVariable:
                        name: OrderNo
                        constant: "77"
                    - setVariable:
                        name: To
                        constant: '[{"Name": "Борис", "Address": "boris@example.com"}]'
                    - to: path:orders
            - route:
                from:
                  uri: direct:guarded
                  steps:
                    - doTry:
                        steps:
                          - to: path:orders
                        doCatch:
                          - exception:
                              - dev.scenarios.connector.api.DeliveryException
                            steps:
                              - setBody:
                                  simple: "caught ${exception.kind} ${exception.replyCode} / ${variable.failureKind} ${variable.replyCode} ${variable.rejectedRecipients[0][address]}"
            """;

    @TempDir
    Path dir;

    ScenarioRuntime runtime;
    ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        FakeOutbox.reset();
        Workspace ws = TestWorkspace.minimal(dir)
                .write("scenarios/orders.yaml", SCENARIO)
                .load();
        assertThat(ws.problems()).isEmpty();
        runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true);
        template = runtime.camelContext().createProducerTemplate();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void aMapBodyFillsTheDeclaredAttributesOnly() {
        Exchange done = template.send("direct:map", e -> {
            e.getMessage().setBody(Map.of("OrderNo", 42, "Customer", "Иван", "Password", "leak"));
            e.getMessage().setHeader("Customer", "from a header");
            e.setVariable("Internal", "never in mail");
        });

        assertThat(done.getException()).isNull();
        assertThat(FakeOutbox.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.attributes()).isEqualTo(Map.of("OrderNo", 42, "Customer", "Иван"));
            assertThat(sent.subject()).isEqualTo("Order 42 for Иван");
        });
        // The next step reads the result; the body is what it was.
        assertThat(done.getMessage().getHeader("sentAs", String.class))
                .matches("<fake-\\d+@test> / 250 2.0.0 Ok: queued");
        assertThat(done.getMessage().getBody())
                .isEqualTo(Map.of("OrderNo", 42, "Customer", "Иван", "Password", "leak"));
    }

    @Test
    void aJsonBodyFillsTheAttributes() {
        Exchange done = template.send("direct:json", e -> e.getMessage().setHeader("orderNo", "A-1"));

        assertThat(done.getException()).isNull();
        assertThat(FakeOutbox.sent())
                .singleElement()
                .extracting(FakeOutbox.Sent::attributes)
                .isEqualTo(Map.of("OrderNo", "A-1", "Customer", "Анна"));
        assertThat(FakeOutbox.sent().get(0).attributes()).doesNotContainKey("Total");
    }

    @Test
    void variablesWinOverBodyKeysAndJsonArraysBecomeLists() {
        Exchange done = template.send(
                "direct:variables", e -> e.getMessage().setBody(Map.of("OrderNo", 1, "Customer", "Вера")));

        assertThat(done.getException()).isNull();
        assertThat(FakeOutbox.sent())
                .singleElement()
                .extracting(FakeOutbox.Sent::attributes)
                .isEqualTo(Map.of(
                        "OrderNo",
                        "77",
                        "Customer",
                        "Вера",
                        "To",
                        List.of(Map.of("Name", "Борис", "Address", "boris@example.com"))));
    }

    @Test
    void aFailureReachesDoCatchWithItsKindCodeAndRejectedRecipients() {
        FakeOutbox.failNext(DeliveryException.builder(FailureKind.RECIPIENT_REJECTED)
                .replyCode(550)
                .message("every recipient refused")
                .rejectedRecipients(
                        List.of(new SendResult.Rejection("nobody@example.com", 550, "550 5.1.1 user unknown")))
                .build());

        Exchange done = template.send(
                "direct:guarded",
                e -> e.getMessage().setBody(Map.of("OrderNo", 1, "Customer", "Ivan", "To", "nobody@example.com")));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(String.class))
                .isEqualTo("caught RECIPIENT_REJECTED 550 / RECIPIENT_REJECTED 550 nobody@example.com");
        assertThat(FakeOutbox.sent()).isEmpty();
    }

    @Test
    void anUncaughtFailureFailsTheExchangeWithTheDeliveryException() {
        FakeOutbox.failNext(new DeliveryException(FailureKind.UNREACHABLE, 0, "connection refused"));

        Exchange done = template.send("direct:map", e -> e.getMessage().setBody(Map.of("OrderNo", 1)));

        assertThat(done.getException()).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.UNREACHABLE);
            assertThat(e.transientFailure()).isTrue();
        });
        assertThat(done.getVariable("failureKind")).isEqualTo("UNREACHABLE");
    }

    @Test
    void aBodyThatLooksLikeJsonButIsNotFailsAsConfiguration() {
        Exchange done = template.send("direct:map", e -> e.getMessage().setBody("{\"OrderNo\": "));

        assertThat(done.getException())
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION));
    }
}
