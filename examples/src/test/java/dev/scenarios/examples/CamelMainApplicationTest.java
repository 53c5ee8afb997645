package dev.scenarios.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CatalogCamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain Camel Main application, as a Camel user writes one (no ScenarioRuntime, no CLI): one property names the
 * workspace, Camel finds {@code path:} by its scheme, and a YAML DSL route and a Java DSL route in the one CamelContext
 * send through it to a real SMTP server on loopback.
 */
class CamelMainApplicationTest {

    private static final String ROUTES = """
            - route:
                id: welcome
                from:
                  uri: timer:welcome?repeatCount=1&delay=0
                  steps:
                    - setBody:
                        simple: '{"Customer": "Анна Петрова", "To": [{"Name": "Анна Петрова", "Address": "anna@example.com"}]}'
                    - to: path:welcome
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

    private Path workspace() throws Exception {
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
                attributes:
                  - name: Customer
                    type: string
                    required: true
                subject: "Добро пожаловать, {Customer}"
                body: "Здравствуйте, {Customer}!"
                """);
        return ws;
    }

    @Test
    void yamlAndJavaRoutesOfOneCamelMainSendThroughPath() throws Exception {
        Path routes = Files.writeString(dir.resolve("welcome.camel.yaml"), ROUTES);
        Main main = new Main();
        main.addInitialProperty("camel.component.path.workspace", workspace().toString());
        main.addInitialProperty("camel.main.routesIncludePattern", "file:" + routes);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:welcome").to("path:welcome");
            }
        });
        main.start();
        try {
            assertThat(server.waitForIncomingEmail(10_000, 1)).isTrue();
            main.getCamelContext()
                    .createProducerTemplate()
                    .sendBody("direct:welcome", Map.of("Customer", "Борис", "To", "boris@example.com"));
            assertThat(server.waitForIncomingEmail(10_000, 2)).isTrue();
            assertThat(main.getCamelContext().getComponentNames()).contains("path");
            // What Camel's tooling (catalog, camel JBang, IDE plugins) reads: the descriptor generated at build time,
            // found in the scenario-runtime jar beside the component class.
            assertThat(((CatalogCamelContext) main.getCamelContext()).getComponentParameterJsonSchema("path"))
                    .contains("\"scheme\": \"path\"", "\"workspace\"")
                    .contains("\"messageVariable\"", "\"responseVariable\"", "\"errorVariable\"")
                    .contains("\"ignoreErrors\"", "\"async\"");
        } finally {
            main.stop();
        }

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received)
                .extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("Добро пожаловать, Анна Петрова", "Добро пожаловать, Борис");
        MimeMessage anna = received[0].getSubject().endsWith("Анна Петрова") ? received[0] : received[1];
        assertThat(anna.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("anna@example.com");
        assertThat(((InternetAddress) anna.getFrom()[0]).getAddress()).isEqualTo("shop@example.com");
        assertThat(String.valueOf(anna.getContent())).contains("Здравствуйте, Анна Петрова!");
    }

    @Test
    void aMissingWorkspaceSettingFailsTheStartNamingTheProperty() {
        Main main = new Main();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:welcome").to("path:welcome");
            }
        });
        try {
            assertThatThrownBy(main::start).hasStackTraceContaining("camel.component.path.workspace");
        } finally {
            main.stop();
        }
    }
}
