package dev.scenarios.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.runtime.PathCamelComponent;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts {@link WelcomeApplication} as Spring Boot starts it, with the workspace given as its one property on the
 * command line, and sends through its Java DSL and YAML DSL routes to a real SMTP server on loopback: what the
 * recipients receive, and what the routes' callers get back (the Message-ID the server was sent).
 */
class WelcomeApplicationTest {

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
    void javaAndYamlRoutesOfTheSpringBootApplicationSendThroughPath() throws Exception {
        Exchange fromJava;
        Exchange fromYaml;
        try (ConfigurableApplicationContext app =
                start(workspace(server.getSmtp().getPort()))) {
            CamelContext camel = app.getBean(CamelContext.class);
            assertThat(camel.getComponent("path", false)).isInstanceOf(PathCamelComponent.class);
            assertThat(camel.getRoutes()).extracting(r -> r.getRouteId()).contains("welcome-java", "welcome-yaml");

            ProducerTemplate template = app.getBean(ProducerTemplate.class);
            fromJava = template.send(
                    "direct:welcome",
                    e -> e.getMessage().setBody(Map.of("Customer", "Борис", "To", "boris@example.com")));
            fromYaml = template.send(
                    "direct:welcome-json",
                    e -> e.getMessage()
                            .setBody("{\"Customer\": \"Анна Петрова\","
                                    + " \"To\": [{\"Name\": \"Анна Петрова\", \"Address\": \"anna@example.com\"}]}"));
            assertThat(fromJava.getException()).isNull();
            assertThat(fromYaml.getException()).isNull();
            assertThat(server.waitForIncomingEmail(10_000, 2)).isTrue();
        }

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received)
                .extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("Добро пожаловать, Борис", "Добро пожаловать, Анна Петрова");
        MimeMessage anna = Arrays.stream(received)
                .filter(m -> subject(m).endsWith("Анна Петрова"))
                .findFirst()
                .orElseThrow();
        assertThat(anna.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("anna@example.com");
        assertThat(((InternetAddress) anna.getFrom()[0]).getAddress()).isEqualTo("shop@example.com");
        assertThat(String.valueOf(anna.getContent())).contains("Здравствуйте, Анна Петрова!");
        assertThat(fromYaml.getVariable("messageId", String.class)).isEqualTo(anna.getMessageID());
        assertThat(fromJava.getVariable("serverReply", String.class)).startsWith("250");
    }

    @Test
    void anInvalidWorkspaceFailsTheApplicationsStartNamingFileAndProperty() throws Exception {
        Path ws = workspace(server.getSmtp().getPort());
        Files.writeString(
                ws.resolve("connections/mail.yaml"),
                Files.readString(ws.resolve("connections/mail.yaml")).replace("port: ", "port: x"));

        assertThatThrownBy(() -> start(ws).close())
                .hasStackTraceContaining("connections/mail.yaml:")
                .hasStackTraceContaining("port");
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    /** Runs the application's main configuration with the workspace as a command-line property, as a user would. */
    private static ConfigurableApplicationContext start(Path workspace) {
        return new SpringApplicationBuilder(WelcomeApplication.class)
                .run("--camel.component.path.workspace=" + workspace, "--camel.main.run-controller=false");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A workspace with the connection {@code mail} to the test's server and the path {@code welcome}. */
    private Path workspace(int port) throws Exception {
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
                """.formatted(port));
        Files.writeString(ws.resolve("paths/welcome.yaml"), """
                type: smtp-send
                systemName: welcome
                connection: mail
                attributes:
                  - name: Customer
                    type: string
                    required: true
                subject: "Добро пожаловать, {Customer}"
                body: "Здравствуйте, {Customer}!"
                """);
        return ws;
    }
}
