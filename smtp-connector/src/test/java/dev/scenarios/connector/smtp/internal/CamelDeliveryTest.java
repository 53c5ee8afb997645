package dev.scenarios.connector.smtp.internal;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.smtp.SmtpConnectionType;
import dev.scenarios.testing.ScriptedSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamelDeliveryTest {

    @TempDir
    Path data;

    private final ScriptedSmtpServer server;

    CamelDeliveryTest() throws Exception {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private CamelDelivery delivery(ConnectorContext context) {
        SmtpSettings settings = SmtpSettings.from(of(plain(server.port())));
        Session session = MailSessions.session(MailSessions.properties(settings,
                TrustedCertificates.sslContext(Optional.empty()), SocketEvents.NONE), null);
        SmtpSender sender = new SmtpSender(settings, session, false,
                dev.scenarios.connector.api.Messages.of("dev.scenarios.connector.smtp.connection_messages", SmtpConnectionType.class));
        return new CamelDelivery(context, settings.systemName(), new RecordingMailSender(sender));
    }

    private static MimeMessage message(Session session) throws Exception {
        MimeMessage m = new StableIdMessage(session);
        m.setFrom("robot@example.com");
        m.setRecipients(Message.RecipientType.TO, "bob@example.com");
        m.setSubject("camel");
        m.setText("hello");
        return m;
    }

    @Test
    void exchangeHeadersNeverReachTheMessageOrTheEnvelope() throws Exception {
        try (CamelDelivery delivery = delivery(ConnectorContext.of(data))) {
            MimeMessage m = message(Session.getInstance(new java.util.Properties()));
            Exchange exchange = delivery.newExchange(m);
            exchange.getIn().setHeader("X-Leak", "scenario variable");
            exchange.getIn().setHeader("To", "attacker@example.com");
            exchange.getIn().setHeader("Subject", "overridden");
            exchange.getIn().setHeader("mail.smtp.host", "evil.example.com");
            assertThat(delivery.send(exchange)).isNull();
            Attempt attempt = delivery.take(m);
            assertThat(attempt.succeeded()).isTrue();
            assertThat(attempt.result().serverReply()).isEqualTo("250 2.0.0 Ok: queued as SCRIPTED1");
        }
        List<String> lines = server.received();
        assertThat(lines).filteredOn(l -> l.startsWith("RCPT TO")).containsExactly("RCPT TO:<bob@example.com>");
        assertThat(lines).noneMatch(l -> l.startsWith("X-Leak") || l.contains("attacker") || l.contains("overridden"));
        assertThat(lines).contains("Subject: camel");
    }

    @Test
    void usesTheHostCamelContextAndLeavesItRunning() throws Exception {
        CamelContext host = new DefaultCamelContext();
        host.start();
        try {
            ConnectorContext context = new ConnectorContext() {
                @Override
                public Path dataDirectory() {
                    return data;
                }

                @Override
                public <T> Optional<T> service(Class<T> type) {
                    return type == CamelContext.class ? Optional.of(type.cast(host)) : Optional.empty();
                }
            };
            try (CamelDelivery delivery = delivery(context)) {
                MimeMessage m = message(Session.getInstance(new java.util.Properties()));
                assertThat(delivery.send(delivery.newExchange(m))).isNull();
                assertThat(delivery.take(m).succeeded()).isTrue();
            }
            assertThat(host.getStatus()).isEqualTo(ServiceStatus.Started);
        } finally {
            host.stop();
        }
    }
}
