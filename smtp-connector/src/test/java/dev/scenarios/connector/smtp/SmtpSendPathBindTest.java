package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.configuration;
import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static dev.scenarios.connector.smtp.PathConfigurations.orderPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.support.JsonSchemas;
import dev.scenarios.connector.smtp.internal.template.PathTemplate;
import dev.scenarios.connector.smtp.internal.template.SmtpPathSender;
import dev.scenarios.connector.smtp.testing.Configs;
import jakarta.mail.Multipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SmtpSendPathBindTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    private static final Connection OTHER_CONNECTION = new Connection() {
        @Override
        public String typeId() {
            return "exchange";
        }

        @Override
        public String systemName() {
            return "exchange_mail";
        }

        @Override
        public void close() {}
    };

    @Test
    void anInvalidPathIsNotBoundAndEveryProblemIsListed() {
        Map<String, Object> path = orderPath();
        path.put("subject", "{Nope}");
        path.remove("body");

        assertThatThrownBy(() -> PathConfigurations.TYPE.bind(configuration(path), OTHER_CONNECTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path order_mail is invalid")
                .hasMessageContaining("subject: placeholder {Nope} names no declared attribute")
                .hasMessageContaining("body: give a body template");
    }

    @Test
    void compilingAnInvalidPathGivesItsProblemsAsValidationDoesAndNoTemplate() {
        Map<String, Object> path = orderPath();
        path.put("subject", "{Nope}");

        PathTemplate.Compilation compiled = PathTemplate.compile(configuration(path));

        assertThat(compiled.template()).isNull();
        assertThat(compiled.problems()).isEqualTo(PathConfigurations.TYPE.validate(configuration(path)));
        assertThat(compiled.problems().describe(Locale.ENGLISH))
                .contains("subject: placeholder {Nope} names no declared attribute");
    }

    @Test
    void aPathBindsOnlyToAnSmtpConnection() {
        assertThatThrownBy(() -> PathConfigurations.TYPE.bind(configuration(orderPath()), OTHER_CONNECTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path order_mail needs a connection of type smtp, not exchange");
    }

    @Test
    void aPathBoundOnALaneSendsThroughTheSameConnectionAndANegativeLaneIsRefused(@TempDir Path dir) throws Exception {
        Map<String, Object> plain =
                Configs.with(Configs.plain(GREEN_MAIL.getSmtp().getPort()), "journal", "off");
        try (Connection connection = Configs.TYPE.open(Configs.of(plain), ConnectorContext.of(dir))) {
            assertThatThrownBy(() -> PathConfigurations.TYPE.bind(configuration(orderPath()), connection, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a lane is 0 or more, not -1");
            PathSender onLaneThree = PathConfigurations.TYPE.bind(configuration(orderPath()), connection, 3);
            assertThat(onLaneThree.systemName()).isEqualTo("order_mail");
            onLaneThree.send(Map.of("Customer", "A", "To", "a@example.com"));
        }
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aFixedAttachmentFileIsReadOnceAtBindAndAnUnreadableOneIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("terms.txt");
        Files.writeString(file, "v1");
        Map<String, Object> path = orderPath();
        path.put("attachments", List.of(object("name", "Условия.txt", "file", file.toString())));
        PathTemplate template = PathTemplate.compile(configuration(path)).template();
        Files.writeString(file, "v2 changed after bind");

        assertThat(template.render(Map.of("Customer", "A", "To", "a@example.com"))
                        .attachments()
                        .get(0)
                        .content())
                .isEqualTo("v1".getBytes());

        path.put(
                "attachments",
                List.of(object(
                        "name", "x.txt", "file", dir.resolve("missing.txt").toString())));
        assertThatThrownBy(() -> PathTemplate.compile(configuration(path)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "attachments[0].file: cannot read " + dir.resolve("missing.txt") + " (NoSuchFileException)");
    }

    @Test
    void aRelativeAttachmentFileIsRelativeToTheHostsBaseFolderAndRefusedWithoutOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("terms.txt"), "terms v1");
        Map<String, Object> path = orderPath();
        path.put("attachments", List.of(object("name", "terms.txt", "file", "terms.txt")));
        Map<String, Object> plain =
                Configs.with(Configs.plain(GREEN_MAIL.getSmtp().getPort()), "journal", "off");
        ConnectorContext withBase = new ConnectorContext() {
            @Override
            public Path dataDirectory() {
                return dir.resolve("data");
            }

            @Override
            public Optional<Path> baseDirectory() {
                return Optional.of(dir);
            }
        };

        try (Connection connection = Configs.TYPE.open(Configs.of(plain), withBase)) {
            PathSender sender =
                    PathConfigurations.TYPE.bind(Configuration.of(PathConfigurations.TYPE, path), connection);
            sender.send(Map.of("Customer", "A", "To", "a@example.com"));
        }
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        assertThat(((Multipart) GREEN_MAIL.getReceivedMessages()[0].getContent())
                        .getBodyPart(1)
                        .getContent())
                .isEqualTo("terms v1");

        try (Connection connection = Configs.TYPE.open(Configs.of(plain), ConnectorContext.of(dir.resolve("data")))) {
            assertThatThrownBy(() -> PathConfigurations.TYPE.bind(configuration(path), connection))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"terms.txt\" is a relative path and the host gives no base folder");
        }
    }

    @Test
    void aDisabledPathRefusesToSendAndTouchesNothing() {
        Map<String, Object> path = orderPath();
        path.put("disabled", true);
        GreenMailDelivery delivery = new GreenMailDelivery(GREEN_MAIL);
        SmtpPathSender sender = delivery.sender(path);

        assertThatThrownBy(() -> sender.send(Map.of("Customer", "A", "To", "a@example.com")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.DISABLED);
                    assertThat(e.replyCode()).isZero();
                })
                .hasMessage("path order_mail is disabled");
        assertThat(delivery.deliveries()).isZero();
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void theSenderIsNamedAfterThePathAndTheTypeDescribesItself() {
        assertThat(new GreenMailDelivery(GREEN_MAIL).sender(orderPath()).systemName())
                .isEqualTo("order_mail");
        assertThat(PathConfigurations.TYPE.name(Locale.forLanguageTag("ru")))
                .isEqualTo("Отправка электронной почты по SMTP");
        assertThat(PathConfigurations.TYPE.name(Locale.ENGLISH)).isEqualTo("Sending e-mail via SMTP");
        assertThat(PathConfigurations.TYPE.connectionTypeId()).isEqualTo("smtp");
        assertThat(PathConfigurations.TYPE.id()).isEqualTo("smtp-send");
        assertThat(JsonSchemas.of(PathConfigurations.TYPE, Locale.forLanguageTag("ru")))
                .contains(
                        "\"title\":\"Шаблон темы\"",
                        "\"x-groupTitle\":\"Шаблон сообщения\"",
                        "\"title\":\"Дата и время\"");
    }
}
