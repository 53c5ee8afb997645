package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static dev.scenarios.testing.ScriptedSmtpServer.drop;
import static dev.scenarios.testing.ScriptedSmtpServer.reply;
import static dev.scenarios.testing.ScriptedSmtpServer.stall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.testing.ScriptedSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptedServerConnectionTest {

    @TempDir
    Path data;

    private final ScriptedSmtpServer server;
    private final SmtpConnectionType type = new SmtpConnectionType();

    ScriptedServerConnectionTest() throws Exception {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Map<String, Object> config(Object... overrides) {
        return with(with(plain(server.port()), "readTimeout", "1s"), overrides);
    }

    private static MimeMessage message(SmtpConnection connection, String... to) throws Exception {
        MimeMessage m = connection.newMessage();
        m.setRecipients(
                Message.RecipientType.TO, String.join(",", to.length == 0 ? new String[] {"bob@example.com"} : to));
        m.setSubject("scripted", "UTF-8");
        m.setText("hello", "UTF-8");
        return m;
    }

    private DeliveryException sendFails(Map<String, Object> config) throws Exception {
        try (SmtpConnection connection = type.open(of(config), ConnectorContext.of(data))) {
            MimeMessage m = message(connection);
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> connection.send(m, "orders"));
            assertThat(thrown).isInstanceOf(DeliveryException.class);
            return (DeliveryException) thrown;
        }
    }

    @Test
    void windowsAuthenticationSpeaksNtlmWithTheDomain() throws Exception {
        server.on("EHLO", reply("250-scripted.test\n250 AUTH NTLM"));
        server.on("AUTH NTLM", reply("334 " + type2Challenge()));
        server.on("TlRMTVNTUAAD", reply("235 2.7.0 Authentication successful"));
        Map<String, Object> config = config(
                "authentication",
                "windows",
                "username",
                "alice",
                "password",
                "Pa55-secret",
                "domain",
                "CORP",
                "allowInsecureAuthentication",
                true);
        try (SmtpConnection connection = type.open(of(config), ConnectorContext.of(data))) {
            SendResult result = connection.send(message(connection), "orders");
            assertThat(result.serverReply()).isEqualTo("250 2.0.0 Ok: queued as SCRIPTED1");
        }
        List<String> lines = server.received();
        String type1Line = lines.stream()
                .filter(l -> l.startsWith("AUTH NTLM "))
                .findFirst()
                .orElseThrow();
        byte[] type1 = Base64.getDecoder().decode(type1Line.substring("AUTH NTLM ".length()));
        assertThat(new String(type1, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("NTLMSSP");
        assertThat(type1[8]).as("NTLM message type 1").isEqualTo((byte) 1);
        byte[] type3 = Base64.getDecoder().decode(lines.get(lines.indexOf(type1Line) + 1));
        assertThat(type3[8]).as("NTLM message type 3").isEqualTo((byte) 3);
        assertThat(securityBuffer(type3, 28)).as("domain").isEqualTo("CORP");
        assertThat(securityBuffer(type3, 36)).as("user").isEqualTo("alice");
        int ntResponseLength =
                ByteBuffer.wrap(type3).order(ByteOrder.LITTLE_ENDIAN).getShort(20);
        assertThat(ntResponseLength)
                .as("an NTLMv2 response is longer than the 24 bytes of NTLMv1")
                .isGreaterThan(24);
        assertThat(lines).noneMatch(l -> l.startsWith("AUTH PLAIN") || l.startsWith("AUTH LOGIN"));
    }

    @Test
    void windowsAuthenticationNeverFallsBackToAnotherMechanism() throws Exception {
        server.on("EHLO", reply("250-scripted.test\n250 AUTH PLAIN LOGIN"));
        DeliveryException e = sendFails(config(
                "authentication",
                "windows",
                "username",
                "alice",
                "password",
                "Pa55-secret",
                "allowInsecureAuthentication",
                true));
        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("the server offers authentication PLAIN LOGIN, but not NTLM");
        assertThat(server.received()).noneMatch(l -> l.startsWith("AUTH"));
    }

    @Test
    void authenticationConfiguredButNotAdvertisedFailsClearly() throws Exception {
        Map<String, Object> config = config(
                "authentication",
                "basic",
                "username",
                "alice",
                "password",
                "Pa55-secret",
                "allowInsecureAuthentication",
                true);
        DeliveryException e = sendFails(config);
        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("the server does not offer authentication (no AUTH in its EHLO reply)");
        assertThat(server.received()).noneMatch(l -> l.startsWith("MAIL FROM"));

        CheckResult check = type.check(of(config), ConnectorContext.of(data));
        assertThat(check.failureKind()).contains(FailureKind.AUTHENTICATION);
        assertThat(check.steps())
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("ehlo", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("auth", CheckResult.Step.Status.FAILED));
    }

    @Test
    void aStalledGreetingTimesOutWithinTheReadTimeout() throws Exception {
        server.greeting(stall());
        long start = System.nanoTime();
        CheckResult check = type.check(of(config()), ConnectorContext.of(data));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000);
        assertThat(check.failureKind()).contains(FailureKind.TIMEOUT);
        assertThat(check.steps())
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("resolve", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("connect", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("greeting", CheckResult.Step.Status.FAILED),
                        org.assertj.core.groups.Tuple.tuple("ehlo", CheckResult.Step.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("tls", CheckResult.Step.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("auth", CheckResult.Step.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("mail-from", CheckResult.Step.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("send-test", CheckResult.Step.Status.SKIPPED));
        DeliveryException e = sendFails(config());
        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.transientFailure()).isTrue();
        assertThat(e.possiblyDelivered()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GREETING, 421 4.3.2 try later, UNREACHABLE, 421, true",
        "GREETING, 554 5.3.2 no service here, PROTOCOL, 554, false",
        "MAIL FROM, 451 4.3.0 try later, SENDER_REJECTED, 451, true",
        "MAIL FROM, 553 5.7.1 sender not owned by user, SENDER_REJECTED, 553, false",
        "RCPT TO, 450 4.2.1 mailbox busy, RECIPIENT_REJECTED, 450, true",
        "RCPT TO, 550 5.1.1 user unknown, RECIPIENT_REJECTED, 550, false",
        "DATA, 451 4.3.0 try later, MESSAGE_REJECTED, 451, true",
        "DATA, 554 5.6.0 no data, MESSAGE_REJECTED, 554, false",
        ".,    452 4.3.1 out of storage, MESSAGE_REJECTED, 452, true",
        ".,    552 5.3.4 message too big, MESSAGE_REJECTED, 552, false"
    })
    void repliesAtEachStageMapToAFailureKind(
            String stage, String replyText, FailureKind kind, int code, boolean transientFailure) throws Exception {
        if (stage.equals("GREETING")) {
            server.greeting(reply(replyText));
        } else {
            server.on(stage, reply(replyText));
        }
        DeliveryException e = sendFails(config());
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e.replyCode()).isEqualTo(code);
        assertThat(e.transientFailure()).isEqualTo(transientFailure);
        assertThat(e.getMessage()).contains(replyText);
        assertThat(e.possiblyDelivered()).isFalse();
        if (kind == FailureKind.RECIPIENT_REJECTED) {
            assertThat(e.rejectedRecipients())
                    .extracting(SendResult.Rejection::address, SendResult.Rejection::replyCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("bob@example.com", code));
        }
        if (kind == FailureKind.SENDER_REJECTED && code == 553) {
            assertThat(e.getMessage())
                    .contains("sender address rejected: the server may require it to match the user name");
        }
    }

    @Test
    void aPartlyRejectedRecipientListStillDeliversToTheOthers() throws Exception {
        server.on("RCPT TO:<nobody@", reply("550 5.1.1 <nobody@example.com>: user unknown"));
        try (SmtpConnection connection = type.open(of(config()), ConnectorContext.of(data))) {
            SendResult result = connection.send(message(connection, "bob@example.com", "nobody@example.com"), "orders");
            assertThat(result.acceptedRecipients()).containsExactly("bob@example.com");
            assertThat(result.rejectedRecipients()).singleElement().satisfies(r -> {
                assertThat(r.address()).isEqualTo("nobody@example.com");
                assertThat(r.replyCode()).isEqualTo(550);
                assertThat(r.reply()).contains("user unknown");
            });
            assertThat(result.serverReply()).startsWith("250 2.0.0 Ok");
        }
    }

    @Test
    void aCheckFailsWhenATestRecipientIsRefused() throws Exception {
        server.on("RCPT TO:<nobody@", reply("550 5.1.1 <nobody@example.com>: user unknown"));
        CheckResult check = type.check(
                of(config("testRecipients", "admin@example.com, nobody@example.com")), ConnectorContext.of(data));
        assertThat(check.failureKind()).as(check.toString()).contains(FailureKind.RECIPIENT_REJECTED);
        assertThat(check.message(Locale.ENGLISH)).contains("nobody@example.com: 550 5.1.1");
        assertThat(check.steps()).last().satisfies(s -> {
            assertThat(s.name()).isEqualTo("send-test");
            assertThat(s.status()).isEqualTo(CheckResult.Step.Status.FAILED);
        });
    }

    @Test
    void aConnectionLostAfterTheFinalDotMayHaveDelivered() throws Exception {
        server.on(".", drop());
        DeliveryException lost = sendFails(config());
        assertThat(lost.possiblyDelivered()).as(lost.getMessage()).isTrue();
        assertThat(lost.getMessage()).contains("may have been delivered");

        server.on(".", stall());
        DeliveryException timedOut = sendFails(config());
        assertThat(timedOut.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(timedOut.possiblyDelivered()).isTrue();
    }

    @Test
    void aClosedPortAndAnUnknownHostAreUnreachable() throws Exception {
        // A port bound by a socket that does not listen refuses every connection, and nothing else can
        // take it meanwhile (a just-closed server port could be bound again by another listener).
        try (java.net.Socket holder = new java.net.Socket()) {
            holder.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            closedPortIsUnreachable(holder.getLocalPort());
        }

        CheckResult unknown = type.check(
                of(config("server", "no-such-host.invalid", "connectTimeout", "3s")), ConnectorContext.of(data));
        assertThat(unknown.failureKind()).contains(FailureKind.UNREACHABLE);
        assertThat(unknown.message(Locale.ENGLISH)).startsWith("the host name no-such-host.invalid does not resolve");
        assertThat(unknown.steps().get(0).status()).isEqualTo(CheckResult.Step.Status.FAILED);
    }

    private void closedPortIsUnreachable(int port) {
        CheckResult refused = type.check(of(config("port", port)), ConnectorContext.of(data));
        assertThat(refused.failureKind()).contains(FailureKind.UNREACHABLE);
        assertThat(refused.message(Locale.ENGLISH))
                .isEqualTo("nothing accepts connections on 127.0.0.1 port " + port + ": check server and port");
        assertThat(refused.steps())
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("resolve", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("connect", CheckResult.Step.Status.FAILED));
    }

    @Test
    void aDisabledConnectionFailsAtOnceWithoutConnecting() throws Exception {
        Map<String, Object> config = config("disabled", true);
        assertThat(type.validate(of(config)).problems()).isEmpty();
        CheckResult check = type.check(of(config), ConnectorContext.of(data));
        assertThat(check.failureKind()).contains(FailureKind.DISABLED);
        assertThat(check.message(Locale.ENGLISH)).isEqualTo("connection test_relay is disabled");
        assertThat(check.message(Locale.forLanguageTag("ru"))).isEqualTo("подключение test_relay отключено");
        try (SmtpConnection connection = type.open(of(config), ConnectorContext.of(data))) {
            assertThatThrownBy(() -> connection.send(message(connection), "orders"))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.DISABLED);
                        assertThat(e.getMessage()).isEqualTo("connection test_relay is disabled");
                    });
        }
        assertThat(server.connections()).isZero();
    }

    @Test
    void headerValuesWithLineBreaksAreRefusedBeforeConnecting() throws Exception {
        try (SmtpConnection connection = type.open(of(config()), ConnectorContext.of(data))) {
            MimeMessage m = message(connection);
            m.setHeader("X-Order", "42\r\nBcc: victim@example.com");
            assertThatThrownBy(() -> connection.send(m, "orders"))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
                        assertThat(e.getMessage()).contains("X-Order");
                    });
            MimeMessage encoded = message(connection);
            encoded.setHeader(
                    "X-Order",
                    "=?UTF-8?B?" + Base64.getEncoder().encodeToString("42\nBcc: v@example.com".getBytes()) + "?=");
            assertThatThrownBy(() -> connection.send(encoded, "orders")).isInstanceOf(DeliveryException.class);
        }
        assertThat(server.connections()).isZero();
    }

    @Test
    void aLineBreakInABodyPartHeaderIsRefusedWhenSentOrPrepared() throws Exception {
        try (SmtpConnection connection = type.open(of(config()), ConnectorContext.of(data))) {
            for (boolean prepare : new boolean[] {false, true}) {
                MimeMessage m = message(connection);
                jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
                text.setText("see attachment", "UTF-8");
                jakarta.mail.internet.MimeBodyPart attachment = new jakarta.mail.internet.MimeBodyPart();
                attachment.setText("data", "UTF-8");
                attachment.setHeader("Content-Description", "report\r\nBcc: victim@example.com");
                m.setContent(new jakarta.mail.internet.MimeMultipart("mixed", text, attachment));
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
                    if (prepare) connection.prepare(m);
                    else connection.send(m, "orders");
                });
                assertThat(thrown)
                        .as(prepare ? "prepare" : "send")
                        .isInstanceOfSatisfying(DeliveryException.class, e -> {
                            assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
                            assertThat(e.getMessage()).contains("Content-Description");
                        });
            }
        }
        assertThat(server.connections()).isZero();
    }

    @Test
    void journalLevelErrorsKeepsOnlyFailuresAndOffKeepsNothing() throws Exception {
        Map<String, Object> errors = config("journal", "errors");
        try (SmtpConnection connection = type.open(of(errors), ConnectorContext.of(data))) {
            connection.send(message(connection), "delivered_path");
            server.on("RCPT TO", reply("550 5.1.1 user unknown"));
            MimeMessage failing = message(connection);
            assertThatThrownBy(() -> connection.send(failing, "failing_path")).isInstanceOf(DeliveryException.class);
        }
        String journal = new String(
                type.openJournal(of(errors), ConnectorContext.of(data)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(journal)
                .contains(
                        "send path=failing_path",
                        "result: FAILED RECIPIENT_REJECTED",
                        "reply code: 550",
                        "rejected: bob@example.com",
                        "RCPT TO:<bob@example.com>")
                .doesNotContain("delivered_path");

        Map<String, Object> off = config("systemName", "quiet_relay", "journal", false);
        try (SmtpConnection connection = type.open(of(off), ConnectorContext.of(data))) {
            MimeMessage failing = message(connection);
            assertThatThrownBy(() -> connection.send(failing, "failing_path")).isInstanceOf(DeliveryException.class);
        }
        type.check(of(off), ConnectorContext.of(data));
        assertThat(type.openJournal(of(off), ConnectorContext.of(data)).readAllBytes())
                .isEmpty();
    }

    @Test
    void theConfiguredHeloNameIsAnnounced() throws Exception {
        try (SmtpConnection connection =
                type.open(of(config("heloName", "app01.example.com")), ConnectorContext.of(data))) {
            connection.send(message(connection), "orders");
        }
        assertThat(server.received()).contains("EHLO app01.example.com");
    }

    /** Finding 8 of issue #13: почта.пример.рф went out as "?>GB0.?@8<5@.@D". */
    @Test
    void finding8_anInternationalizedHeloNameIsAnnouncedInPunycode() throws Exception {
        try (SmtpConnection connection =
                type.open(of(config("heloName", "почта.пример.рф")), ConnectorContext.of(data))) {
            connection.send(message(connection), "orders");
        }
        assertThat(server.received()).contains("EHLO xn--80a1acny.xn--e1afmkfd.xn--p1ai");
    }

    /** A type-2 message asking for NTLMv2 (extended session security, target info). */
    private static String type2Challenge() {
        byte[] targetInfo = {2, 0, 8, 0, 'C', 0, 'O', 0, 'R', 0, 'P', 0, 0, 0, 0, 0};
        ByteBuffer b = ByteBuffer.allocate(48 + targetInfo.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII));
        b.putInt(2);
        b.putShort((short) 0).putShort((short) 0).putInt(48);
        b.putInt(0x00000001 | 0x00000200 | 0x00080000 | 0x00800000);
        b.put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        b.put(new byte[8]);
        b.putShort((short) targetInfo.length)
                .putShort((short) targetInfo.length)
                .putInt(48);
        b.put(targetInfo);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static String securityBuffer(byte[] message, int offset) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int length = b.getShort(offset);
        int start = b.getInt(offset + 4);
        return new String(message, start, length, StandardCharsets.UTF_16LE);
    }
}
