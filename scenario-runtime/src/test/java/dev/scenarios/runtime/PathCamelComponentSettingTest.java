package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that binds no {@code camel.component.*} property onto components (Spring Boot without a starter for the
 * component) but resolves its properties through Camel's placeholders still configures {@code path:} with the one
 * property {@code camel.component.path.workspace}: the component reads it there when nothing set it.
 */
class PathCamelComponentSettingTest {

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

    @Test
    void theWorkspaceComesFromTheApplicationsPropertiesWhenNothingSetIt() throws Exception {
        Path ws = dir.resolve("mail-workspace");
        Files.createDirectories(ws.resolve("connections"));
        Files.createDirectories(ws.resolve("paths"));
        Files.writeString(ws.resolve("connections/mail.yaml"), """
                type: smtp
                systemName: mail
                server: 127.0.0.1
                port: %d
                encryption: none
                authentication: none
                connectTimeout: 5s
                readTimeout: 5s
                writeTimeout: 5s
                senderAddress: shop@example.com
                checkWithoutSending: true
                """.formatted(
                        server.getSmtp().getPort()));
        Files.writeString(ws.resolve("paths/welcome.yaml"), """
                type: smtp-send
                systemName: welcome
                connection: mail
                subject: "Welcome"
                body: "Hello"
                """);

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().addInitialProperty("camel.component.path.workspace", ws.toString());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:welcome").to("path:welcome");
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("direct:welcome", Map.of("To", "anna@example.com"));
            assertThat(((PathCamelComponent) camel.getComponent("path")).getWorkspace())
                    .isEqualTo(ws.toString());
        }

        assertThat(server.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(server.getReceivedMessages()).hasSize(1);
        assertThat(server.getReceivedMessages()[0].getSubject()).isEqualTo("Welcome");
    }
}
