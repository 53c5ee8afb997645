package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.clientCredentials;
import static dev.scenarios.testing.ScriptedSmtpServer.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.smtp.testing.TestClock;
import dev.scenarios.connector.smtp.testing.TokenEndpoint;
import dev.scenarios.testing.ScriptedSmtpServer;
import dev.scenarios.testing.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the user is told for each common provider error: token endpoint errors (Microsoft Entra ID AADSTS codes, RFC
 * 6749 codes) and SMTP replies to AUTH XOAUTH2 (Microsoft's 5.7.139, 5.7.3, 5.7.30, Google's 5.7.8 and its 334 error
 * challenge), in English and Russian. The SMTP side is a scripted implicit-TLS server that also records the exact
 * XOAUTH2 payload.
 */
class OAuth2ProviderErrorsTest {

    private static final Locale RU = Locale.forLanguageTag("ru");

    @TempDir
    Path data;

    private final SmtpConnectionType type = new SmtpConnectionType();
    private final TestClock clock = new TestClock();
    private ScriptedSmtpServer smtp;
    private TokenEndpoint endpoint;
    private Path trusted;

    @BeforeEach
    void start() throws Exception {
        TestCertificates smtpCertificate = TestCertificates.forHost("localhost");
        smtp = ScriptedSmtpServer.implicitTls(smtpCertificate.serverContext());
        smtp.on("EHLO", reply("250-scripted.test\n250 AUTH XOAUTH2"));
        endpoint = TokenEndpoint.start(data).defaultToken("fresh-access-token");
        trusted = endpoint.pemWith(smtpCertificate.writePem(data.resolve("smtp.pem")), data);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
        smtp.close();
    }

    private Map<String, Object> config() {
        return with(clientCredentials(smtp.port(), endpoint.url(), trusted), "checkWithoutSending", true);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "400|invalid_client|AADSTS7000215: Invalid client secret provided.|token.error.aadsts7000215|secret VALUE|ЗНАЧЕНИЕ секрета",
                "400|unauthorized_client|AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.|token.error.aadsts700016|clientId (Application ID)|ID приложения",
                "400|invalid_request|AADSTS90002: Tenant 'nope' not found.|token.error.aadsts90002|check tenantId|проверьте tenantId",
                "400|invalid_grant|Token has been expired or revoked.|token.error.invalid_grant|sign in again|войдите заново",
                "401|invalid_client|The OAuth client was not found.|token.error.invalid_client|check clientId and clientSecret|проверьте clientId и clientSecret",
                "400|unauthorized_client|Unauthorized|token.error.unauthorized_client|allow the grant type|разрешите этот тип",
                "400|temporarily_unavailable|try later|token.error.other|temporarily_unavailable, HTTP 400|temporarily_unavailable, HTTP 400",
            })
    void tokenEndpointErrorsGetActionableMessages(
            int status, String error, String description, String key, String english, String russian) {
        endpoint.answer(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
        CheckResult result = type.check(of(config()), clock.context(data));
        assertThat(result.failureKind()).contains(FailureKind.AUTHENTICATION);
        assertThat(result.message().key()).isEqualTo(key);
        assertThat(result.message(Locale.ENGLISH)).contains(english, description);
        assertThat(result.message(RU)).contains(russian, description);
        assertThat(result.steps().get(0))
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .containsExactly("token", CheckResult.Step.Status.FAILED);
        assertThat(smtp.connections()).as("no SMTP session without a token").isZero();
    }

    @Test
    void anAnswerThatIsNotJsonIsAProtocolFailureNamingTheEndpoint() {
        endpoint.answer(404, "<html>Not Found</html>");
        CheckResult result = type.check(of(config()), clock.context(data));
        assertThat(result.failureKind()).contains(FailureKind.PROTOCOL);
        assertThat(result.message(Locale.ENGLISH))
                .contains("answered HTTP 404 without a usable token", "check tokenEndpoint");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.|fail.auth.smtpauth.disabled|Set-CASMailbox|Set-CASMailbox",
                "535 5.7.3 Authentication unsuccessful|fail.auth.oauth2.mailbox|Add-MailboxPermission|Add-MailboxPermission",
                "550 5.7.30 Basic authentication is not supported for Client Submission.|fail.auth.basic.unsupported|switch the connection to authentication oauth2|переключите подключение",
                "535 5.7.8 Username and Password not accepted.|fail.auth.oauth2.credentials|https://mail.google.com/|https://mail.google.com/",
                "334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==|fail.auth.oauth2.challenge|expired, revoked|истёк, отозван",
            })
    void smtpRepliesToXoauth2GetActionableMessages(String serverReply, String key, String english, String russian) {
        smtp.on("AUTH XOAUTH2", reply(serverReply));
        CheckResult result = type.check(of(config()), clock.context(data));
        assertThat(result.failureKind()).contains(FailureKind.AUTHENTICATION);
        assertThat(result.message().key()).isEqualTo(key);
        assertThat(result.message(Locale.ENGLISH)).contains(english);
        assertThat(result.message(RU)).contains(russian).containsPattern("\\p{IsCyrillic}");
        assertThat(result.steps())
                .filteredOn(s -> s.name().equals("token"))
                .singleElement()
                .extracting(CheckResult.Step::status)
                .isEqualTo(CheckResult.Step.Status.PASSED);
        assertThat(result.steps())
                .filteredOn(s -> s.name().equals("auth"))
                .singleElement()
                .extracting(CheckResult.Step::status)
                .isEqualTo(CheckResult.Step.Status.FAILED);
    }

    @Test
    void aServerWithoutXoauth2IsNeverGivenTheTokenAsAPassword() {
        smtp.on("EHLO", reply("250-scripted.test\n250 AUTH PLAIN LOGIN"));
        CheckResult result = type.check(of(config()), clock.context(data));
        assertThat(result.failureKind()).contains(FailureKind.AUTHENTICATION);
        assertThat(result.message(Locale.ENGLISH)).contains("offers authentication PLAIN LOGIN, but not XOAUTH2");
        assertThat(smtp.received()).noneMatch(l -> l.startsWith("AUTH"));
    }

    @Test
    void xoauth2PayloadCarriesTheMailboxAndTheTokenAndIsRenewedOnceAfter535() throws Exception {
        endpoint.issue("stale-access-token", 3600, null);
        smtp.on(
                "AUTH XOAUTH2",
                reply("535 5.7.3 Authentication unsuccessful"),
                reply("235 2.7.0 Authentication successful"));
        try (SmtpConnection connection = type.open(of(config()), clock.context(data))) {
            MimeMessage m = connection.newMessage();
            m.setRecipients(Message.RecipientType.TO, "bob@example.com");
            m.setSubject("renewed", "UTF-8");
            m.setText("body", "UTF-8");
            assertThat(connection.send(m, "orders").serverReply()).startsWith("250");
        }
        List<String> payloads = smtp.received().stream()
                .filter(l -> l.startsWith("AUTH XOAUTH2 "))
                .map(l -> new String(
                        Base64.getDecoder().decode(l.substring("AUTH XOAUTH2 ".length())), StandardCharsets.UTF_8))
                .toList();
        assertThat(payloads)
                .containsExactly(
                        "user=alice\u0001auth=Bearer stale-access-token\u0001\u0001",
                        "user=alice\u0001auth=Bearer fresh-access-token\u0001\u0001");
        assertThat(endpoint.requests()).hasSize(2);
        assertThat(smtp.connections()).isEqualTo(2);
    }
}
