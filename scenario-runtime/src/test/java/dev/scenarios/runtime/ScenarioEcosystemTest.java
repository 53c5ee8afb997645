package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a scenario may use beyond {@code path:}: the workspace's {@code application.properties} as Camel placeholders,
 * the components the runtime ships, and a component from a jar in {@code lib/}.
 */
class ScenarioEcosystemTest {

    @TempDir
    Path dir;

    private Path workspace(String scenario) throws IOException {
        Files.createDirectories(dir.resolve("connections"));
        Files.createDirectories(dir.resolve("paths"));
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/main.yaml"), scenario);
        return dir;
    }

    private static Workspace load(Path ws) {
        return Workspace.load(ws, Connectors.fromClassPath(), Map.of(), Locale.ENGLISH);
    }

    private static final String GREETING = """
            - route:
                from:
                  uri: direct:greet
                  steps:
                    - setBody:
                        simple: "{{greeting}}, ${body}! {{signature:the shop}}"
            """;

    @Test
    void aPlaceholderNoPropertyDefinesIsAProblemAtItsLine() throws Exception {
        Workspace ws = load(workspace(GREETING));
        assertThat(ws.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "scenarios/main.yaml:6: scenario main: no property greeting: add greeting=… to application.properties, or write {{greeting:default}}");
    }

    @Test
    void applicationPropertiesFeedThePlaceholdersOfTheScenarios() throws Exception {
        workspace(GREETING);
        Files.writeString(
                dir.resolve("application.properties"), "# UTF-8, as Camel Main reads it\ngreeting=Здравствуйте\n");
        Workspace ws = load(dir);
        assertThat(ws.problems()).isEmpty();
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
            String reply =
                    runtime.camelContext().createProducerTemplate().requestBody("direct:greet", "Анна", String.class);
            assertThat(reply).isEqualTo("Здравствуйте, Анна! the shop");
        }
    }

    /** Routes that run without any server. */
    private static final String RUNNABLE = """
            - route:
                from:
                  uri: quartz:tick?trigger.repeatInterval=10&trigger.repeatCount=0
                  steps:
                    - setBody:
                        constant: '{"orderNo": "2024-1"}'
                    - unmarshal:
                        json:
                          library: Jackson
                    - to: seda:orders
            - route:
                from:
                  uri: scheduler:poll?delay=10&repeatCount=1
                  steps:
                    - setBody:
                        constant: polled
                    - to: seda:polls
            """;

    /** Steps that need a data source, a broker or a web server, so validated only. */
    private static final String NEEDING_SERVERS = """
            - route:
                from:
                  uri: direct:unused
                  steps:
                    - to: http://127.0.0.1:1/never
                    - to: sql:select 1?dataSource=#shopDb
                    - to: jdbc:shopDb
                    - to: jms:queue:orders
                    - to: kafka:orders?brokers=127.0.0.1:1
            """;

    @Test
    void theShippedComponentsAreKnownToValidate() throws Exception {
        assertThat(load(workspace(RUNNABLE + NEEDING_SERVERS)).problems()).isEmpty();
    }

    @Test
    void quartzJacksonSchedulerAndSedaRun() throws Exception {
        try (ScenarioRuntime runtime = ScenarioRuntime.start(load(workspace(RUNNABLE)), SendEvents.NONE, true)) {
            ConsumerTemplate consumer = runtime.camelContext().createConsumerTemplate();
            assertThat(consumer.receiveBody("seda:orders", 10_000, Map.class)).isEqualTo(Map.of("orderNo", "2024-1"));
            assertThat(consumer.receiveBody("seda:polls", 10_000, String.class)).isEqualTo("polled");
        }
    }

    @Test
    void aWebhookScenarioAnswersAPostOnTheServerApplicationPropertiesAskFor() throws Exception {
        workspace("""
                - route:
                    from:
                      uri: platform-http:/orders?httpMethodRestrict=POST
                      steps:
                        - unmarshal:
                            json:
                              library: Jackson
                        - setBody:
                            simple: "заказ ${body[orderNo]} принят"
                """);
        assertThat(load(dir).problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "scenarios/main.yaml:3: scenario main: "
                                + "platform-http needs the HTTP server: set camel.server.port in application.properties (0: any free port)");

        Files.writeString(dir.resolve("application.properties"), "camel.server.port=0\n");
        Workspace ws = load(dir);
        assertThat(ws.problems()).isEmpty();
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
            int port = runtime.camelContext()
                    .hasService(VertxPlatformHttpServer.class)
                    .getPort();
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> reply = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"orderNo\": \"2024-7\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("заказ 2024-7 принят");
        }
    }

    @Test
    void aComponentInTheWorkspacesLibFolderIsKnownToValidateAndRuns() throws Exception {
        workspace("""
                - route:
                    from:
                      uri: direct:in
                      steps:
                        - to: shout:loud
                """);
        assertThat(load(dir).problems())
                .extracting(Problem::message)
                .singleElement()
                .asString()
                .contains("shout");

        Files.createDirectories(dir.resolve("lib"));
        buildShoutComponentJar(dir.resolve("lib/shout-component.jar"));
        Workspace ws = load(dir);
        assertThat(ws.problems()).isEmpty();
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
            assertThat(runtime.camelContext().createProducerTemplate().requestBody("direct:in", "hello", String.class))
                    .isEqualTo("HELLO");
        }
    }

    /**
     * Compiles a one-class Camel component {@code shout:} (upper-cases the body) into {@code jar}, with its scheme
     * file.
     */
    private void buildShoutComponentJar(Path jar) throws IOException {
        Path src = Files.createDirectories(dir.resolve("shout-src/acme"));
        Files.writeString(src.resolve("ShoutComponent.java"), """
                package acme;

                public class ShoutComponent extends org.apache.camel.support.DefaultComponent {
                    @Override
                    protected org.apache.camel.Endpoint createEndpoint(String uri, String remaining, java.util.Map<String, Object> parameters) {
                        return new org.apache.camel.support.ProcessorEndpoint(uri, this,
                                exchange -> exchange.getMessage().setBody(exchange.getMessage().getBody(String.class).toUpperCase()));
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("shout-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                src.resolve("ShoutComponent.java").toString());
        assertThat(rc).isZero();
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("acme/ShoutComponent.class"));
            out.write(Files.readAllBytes(classes.resolve("acme/ShoutComponent.class")));
            out.putNextEntry(new JarEntry("META-INF/services/org/apache/camel/component/shout"));
            out.write("class=acme.ShoutComponent\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
