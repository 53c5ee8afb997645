package dev.scenarios.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.testing.ScriptedSmtpServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * What a host application gets when it declares only {@code scenario-runtime} and {@code smtp-connector}: this module's
 * class path (its own test libraries aside) is exactly that. No logging binding, no command line, no dev inbox server,
 * no ecosystem component, and the runtime still sends a real message over loopback.
 */
class HostClassPathTest {

    @TempDir
    Path dir;

    @Test
    void theHostKeepsItsOwnLoggingBinding() {
        assertThat(ServiceLoader.load(SLF4JServiceProvider.class).stream()
                        .map(provider -> provider.type().getName())
                        .toList())
                .as("SLF4J bindings registered by the published jars")
                .isEmpty();
        assertThat(jarsOnTheClassPath()).noneMatch(jar -> jar.startsWith("slf4j-simple") || jar.startsWith("logback"));
    }

    @Test
    void noCommandLineNoTestServerNoEcosystemComponent() {
        for (String name : List.of(
                "picocli.CommandLine",
                "com.icegreen.greenmail.util.GreenMail",
                "io.micrometer.core.instrument.MeterRegistry",
                "org.apache.camel.component.kafka.KafkaComponent",
                "org.apache.camel.component.jms.JmsComponent",
                "org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer",
                "org.apache.camel.component.sql.SqlComponent",
                "org.apache.camel.component.quartz.QuartzComponent",
                "org.apache.camel.component.http.HttpComponent")) {
            assertThatThrownBy(() -> Class.forName(name, false, getClass().getClassLoader()))
                    .as(name)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void theRuntimeSendsThroughAPathWithOnlyThePublishedJars() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Files.createDirectories(dir.resolve("connections"));
            Files.createDirectories(dir.resolve("paths"));
            Files.writeString(dir.resolve("connections/mail.yaml"), """
                    type: smtp
                    systemName: mail
                    server: 127.0.0.1
                    port: %d
                    encryption: none
                    authentication: none
                    connectTimeout: 2s
                    readTimeout: 5s
                    writeTimeout: 2s
                    senderAddress: shop@example.com
                    checkWithoutSending: true
                    """.formatted(server.port()));
            Files.writeString(dir.resolve("paths/orders.yaml"), """
                    type: smtp-send
                    systemName: orders
                    connection: mail
                    attributes:
                      - name: OrderNo
                        required: true
                    subject: "Order {OrderNo}"
                    body: "Your order {OrderNo} is on its way."
                    """);
            Workspace workspace = Workspace.load(dir, Connectors.fromClassPath(), Map.of(), Locale.ENGLISH);
            assertThat(workspace.problems()).isEmpty();

            try (ScenarioRuntime runtime = ScenarioRuntime.start(workspace, SendEvents.NONE, false)) {
                SendResult sent = runtime.send(
                        "orders", Map.of("OrderNo", "7", "To", List.of(Map.of("Address", "anna@example.com"))));
                assertThat(sent.acceptedRecipients()).containsExactly("anna@example.com");
            }
            assertThat(ScriptedSmtpServer.await(
                            Duration.ofSeconds(10), () -> !server.withData().isEmpty()))
                    .isTrue();
            assertThat(server.withData().get(0).data()).contains("Subject: Order 7");
        }
    }

    private static List<String> jarsOnTheClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString())
                .toList();
    }
}
