package dev.scenarios.connector.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.FailureKind;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The "check connection" of an imap connection, step by step, against GreenMail's IMAP server. */
class ImapCheckTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailImap.extension();

    @TempDir
    Path data;

    private CheckResult check(Map<String, Object> overrides) {
        ImapConnectionType type = new ImapConnectionType();
        Map<String, Object> values = GreenMailImap.connection(GREEN_MAIL);
        values.putAll(overrides);
        return type.check(Configuration.of(type.properties(), values), ConnectorContext.of(data));
    }

    @Test
    void walksEveryStepAndReportsTheInbox() throws Exception {
        GreenMailImap.deliver(GreenMailImap.user(GREEN_MAIL), "Проверка", "текст");
        CheckResult result = check(Map.of());
        assertThat(result.succeeded()).as("%s %s", result, result.detail()).isTrue();
        assertThat(result.steps())
                .extracting(CheckResult.Step::name)
                .containsExactly("resolve", "connect", "greeting", "capabilities", "tls", "authenticate", "select");
        assertThat(result.steps())
                .filteredOn(s -> s.name().equals("capabilities"))
                .first()
                .extracting(s -> s.detail(Locale.ENGLISH))
                .asString()
                .contains("MOVE", "UIDPLUS", "IDLE");
        assertThat(result.steps())
                .extracting(s -> s.detail(Locale.forLanguageTag("ru")))
                .anySatisfy(
                        d -> assertThat(d).startsWith("сервер предлагает: «").contains("MOVE"))
                .anySatisfy(d -> assertThat(d).startsWith("INBOX: писем: 1, UIDVALIDITY "));
        assertThat(result.message(Locale.ENGLISH))
                .startsWith("the connection works: INBOX holds 1 messages, UIDVALIDITY ");
        assertThat(result.message(Locale.forLanguageTag("ru"))).startsWith("подключение работает: в INBOX 1 писем");
        assertThat(Files.readString(data.resolve("journals/support_mailbox.log"), StandardCharsets.UTF_8))
                .contains("check SUCCEEDED");
    }

    @Test
    void aWrongPasswordFailsTheAuthenticationStepWithoutEchoingIt() {
        GreenMailImap.user(GREEN_MAIL);
        CheckResult result = check(Map.of("password", "Wrong-Secret-42"));
        assertThat(result.failureKind()).contains(FailureKind.AUTHENTICATION);
        assertThat(result.steps())
                .filteredOn(s -> s.status() == CheckResult.Step.Status.FAILED)
                .extracting(CheckResult.Step::name)
                .containsExactly("authenticate");
        assertThat(result.message(Locale.ENGLISH))
                .isEqualTo("the server refused the credentials of user support@example.com");
        assertThat(result.toString() + result.detail() + result.steps()).doesNotContain("Wrong-Secret-42");
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CheckResult result = check(Map.of("port", closedPort));
        assertThat(result.failureKind()).contains(FailureKind.UNREACHABLE);
        assertThat(result.steps())
                .extracting(CheckResult.Step::status)
                .containsExactly(
                        CheckResult.Step.Status.PASSED,
                        CheckResult.Step.Status.FAILED,
                        CheckResult.Step.Status.SKIPPED,
                        CheckResult.Step.Status.SKIPPED,
                        CheckResult.Step.Status.SKIPPED,
                        CheckResult.Step.Status.SKIPPED,
                        CheckResult.Step.Status.SKIPPED);
    }

    @Test
    void implicitTlsAgainstAPlainPortFailsTheTlsStep() {
        GreenMailImap.user(GREEN_MAIL);
        CheckResult result = check(Map.of("encryption", "ssl"));
        assertThat(result.failureKind()).as("%s %s", result, result.detail()).contains(FailureKind.TLS);
        assertThat(result.message(Locale.ENGLISH)).contains("port 993 expects ssl and 143 tls");
    }

    @Test
    void starttlsThatTheServerDoesNotOfferIsRefusedNotSkipped() {
        GreenMailImap.user(GREEN_MAIL);
        CheckResult result = check(Map.of("encryption", "tls"));
        assertThat(result.failureKind()).as("%s %s", result, result.detail()).contains(FailureKind.TLS);
        assertThat(result.message(Locale.ENGLISH)).contains("does not offer STARTTLS");
    }

    @Test
    void basicAuthenticationWithoutEncryptionNeedsAnOptIn() {
        CheckResult result = check(Map.of("allowInsecureAuthentication", false));
        assertThat(result.failureKind()).contains(FailureKind.CONFIGURATION);
        assertThat(result.message(Locale.ENGLISH)).contains("would send the password in clear text");
        assertThat(result.steps()).isEmpty();
    }
}
