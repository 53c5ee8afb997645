package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.CLIENT_ID;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.CLIENT_SECRET;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.REFRESH_TOKEN;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.clientCredentials;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.letSessionsIdleOut;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.refreshToken;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.staticToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.testing.GreenMailServers;
import dev.scenarios.connector.smtp.testing.TestClock;
import dev.scenarios.connector.smtp.testing.TokenEndpoint;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth2 end to end: GreenMail SMTPS accepts AUTH XOAUTH2 only with the token that is alice's current password, and a
 * local HTTPS token endpoint issues (or refuses) tokens. Covers each flow, the cache, expiry, one renewal after a
 * rejected token, and the check's {@code token} step.
 */
class OAuth2GreenMailTest {

    private static final String TOKEN = "eyJ0eXAiOiJKV1Qi.good-access-token.sig";
    private static final Locale RU = Locale.forLanguageTag("ru");

    @TempDir
    Path data;

    private final SmtpConnectionType type = new SmtpConnectionType();
    private final TestClock clock = new TestClock();
    private GreenMail mail;
    private TokenEndpoint endpoint;
    private Path trusted;

    @BeforeEach
    void start() throws IOException {
        mail = GreenMailServers.smtps();
        mail.getUserManager().getUser(GreenMailServers.USER).setPassword(TOKEN);
        endpoint = TokenEndpoint.start(data).defaultToken(TOKEN);
        trusted = endpoint.pemWith(GreenMailServers.certificatePem(), data);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        mail.stop();
    }

    private Map<String, Object> clientCredentialsConfig() {
        return clientCredentials(mail.getSmtps().getPort(), endpoint.url(), trusted);
    }

    @Test
    void clientCredentialsTokenIsFetchedAndSentAsXoauth2() throws Exception {
        try (SmtpConnection connection = type.open(of(clientCredentialsConfig()), clock.context(data))) {
            SendResult result = connection.send(message(connection, "first"), "orders");
            assertThat(result.serverReply()).startsWith("250");
        }
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("first");
        assertThat(endpoint.requests())
                .singleElement()
                .satisfies(form -> assertThat(form)
                        .containsEntry("method", "POST")
                        .containsEntry("content-type", "application/x-www-form-urlencoded")
                        .containsEntry("grant_type", "client_credentials")
                        .containsEntry("client_id", CLIENT_ID)
                        .containsEntry("client_secret", CLIENT_SECRET)
                        .containsEntry("scope", "https://outlook.office365.com/.default")
                        .doesNotContainKey("refresh_token"));
        assertThat(journal()).contains("AUTH XOAUTH2 succeeded").doesNotContain(TOKEN);
    }

    @Test
    void tokenIsCachedAcrossSessionsUntilShortlyBeforeExpiry() throws Exception {
        endpoint.issue(TOKEN, 3600, null);
        try (SmtpConnection connection = type.open(of(clientCredentialsConfig()), clock.context(data))) {
            connection.send(message(connection, "one"), "orders");
            letSessionsIdleOut();
            clock.advance(Duration.ofSeconds(3500));
            connection.send(message(connection, "two"), "orders");
            assertThat(endpoint.requests())
                    .as("second session reused the cached token")
                    .hasSize(1);
            letSessionsIdleOut();
            clock.advance(Duration.ofSeconds(41));
            connection.send(message(connection, "three"), "orders");
            assertThat(endpoint.requests())
                    .as("59 s before expiry the token is renewed")
                    .hasSize(2);
        }
        assertThat(mail.waitForIncomingEmail(5000, 3)).isTrue();
        assertThat(journal().split("AUTH XOAUTH2 succeeded", -1))
                .as("three SMTP sessions authenticated")
                .hasSize(4);
    }

    @Test
    void rotatedRefreshTokenIsUsedForTheNextRequest() throws Exception {
        endpoint.issue(TOKEN, 120, "1//refresh-T0ken-rotated");
        Map<String, Object> config = refreshToken(mail.getSmtps().getPort(), endpoint.url(), trusted);
        try (SmtpConnection connection = type.open(of(config), clock.context(data))) {
            connection.send(message(connection, "one"), "orders");
            letSessionsIdleOut();
            clock.advance(Duration.ofSeconds(90));
            connection.send(message(connection, "two"), "orders");
        }
        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        List<Map<String, String>> requests = endpoint.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0))
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH_TOKEN)
                .containsEntry("client_secret", CLIENT_SECRET);
        assertThat(requests.get(1))
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "1//refresh-T0ken-rotated");
    }

    @Test
    void aRotatedRefreshTokenIsHandedToTheHostOnlyWhenTheConnectionOptedIn() throws Exception {
        List<String> stored = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConnectorContext host = new ConnectorContext() {
            @Override
            public java.nio.file.Path dataDirectory() {
                return data;
            }

            @Override
            public java.time.Clock clock() {
                return clock;
            }

            @Override
            public boolean replaceSecret(String connection, String property, String value) {
                stored.add(connection + " " + property + " " + value);
                return true;
            }
        };
        endpoint.issue(TOKEN, 120, "1//refresh-T0ken-rotated");
        try (SmtpConnection connection =
                type.open(of(refreshToken(mail.getSmtps().getPort(), endpoint.url(), trusted)), host)) {
            connection.send(message(connection, "not opted in"), "orders");
        }
        assertThat(stored).as("without writeBackRefreshToken").isEmpty();

        endpoint.issue(TOKEN, 120, "1//refresh-T0ken-rotated-again");
        Map<String, Object> optedIn =
                new java.util.LinkedHashMap<>(refreshToken(mail.getSmtps().getPort(), endpoint.url(), trusted));
        optedIn.put("writeBackRefreshToken", true);
        try (SmtpConnection connection = type.open(of(optedIn), host)) {
            connection.send(message(connection, "opted in"), "orders");
        }
        assertThat(stored).containsExactly(optedIn.get("systemName") + " refreshToken 1//refresh-T0ken-rotated-again");
        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
    }

    @Test
    void staticTokenIsSentWithoutAnyTokenRequest() throws Exception {
        Map<String, Object> config = staticToken(mail.getSmtps().getPort(), trusted, TOKEN);
        try (SmtpConnection connection = type.open(of(config), clock.context(data))) {
            connection.send(message(connection, "static"), "orders");
        }
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void rejectedTokenIsRenewedOnceAndTheMessageGoesOut() throws Exception {
        endpoint.issue("revoked-before-expiry-token", 3600, null);
        try (SmtpConnection connection = type.open(of(clientCredentialsConfig()), clock.context(data))) {
            connection.send(message(connection, "after renewal"), "orders");
        }
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(endpoint.requests()).hasSize(2);
        assertThat(journal()).containsSubsequence("AUTH XOAUTH2 failed", "AUTH XOAUTH2 succeeded");
    }

    @Test
    void tokenRejectedAgainAfterRenewalGivesUpWithAuthenticationFailure() throws Exception {
        endpoint.defaultToken("token-for-another-mailbox");
        try (SmtpConnection connection = type.open(of(clientCredentialsConfig()), clock.context(data))) {
            MimeMessage m = message(connection, "never");
            assertThatThrownBy(() -> connection.send(m, "orders"))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                        assertThat(e.replyCode()).isEqualTo(535);
                        assertThat(e.getMessage()).contains("refused the access token for alice", "535 5.7.8");
                    });
        }
        assertThat(endpoint.requests()).as("one renewal, then give up").hasSize(2);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void checkShowsTheTokenStepBeforeAuthentication() {
        endpoint.issue(TOKEN, 3599, null);
        CheckResult result = type.check(of(clientCredentialsConfig()), clock.context(data));
        assertThat(result.succeeded()).as(result.detail()).isTrue();
        assertThat(result.steps())
                .extracting(CheckResult.Step::name)
                .containsExactly(
                        "token", "resolve", "connect", "tls", "greeting", "ehlo", "auth", "mail-from", "send-test");
        CheckResult.Step token = result.steps().get(0);
        assertThat(token.status()).isEqualTo(CheckResult.Step.Status.PASSED);
        assertThat(token.detail(Locale.ENGLISH))
                .contains("POST " + endpoint.url(), "expires in 3599s", "2026-11-27T10:59:59Z")
                .doesNotContain(TOKEN);
        assertThat(result.steps().get(6).status()).isEqualTo(CheckResult.Step.Status.PASSED);
        assertThat(type.name(Locale.ENGLISH)).isNotBlank();
        assertThat(SmtpConnectionType.MESSAGES.get("step.token", RU)).isEqualTo("Токен доступа OAuth2");
    }

    @Test
    void invalidClientSecretFailsTheTokenStepWithTheProvidersMessage() throws Exception {
        String aadsts =
                "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided. "
                        + "Ensure the secret being sent in the request is the client secret value, not the client secret ID. "
                        + "Trace ID: 0a1b Correlation ID: 2c3d Timestamp: 2026-11-27 10:00:00Z\",\"error_codes\":[7000215]}";
        endpoint.answer(401, aadsts).answer(401, aadsts);
        CheckResult result = type.check(of(clientCredentialsConfig()), clock.context(data));
        assertThat(result.failureKind()).contains(FailureKind.AUTHENTICATION);
        assertThat(result.message(Locale.ENGLISH))
                .contains("AADSTS7000215", "secret VALUE", "Invalid client secret provided")
                .doesNotContain("Trace ID");
        assertThat(result.message(RU)).contains("AADSTS7000215", "ЗНАЧЕНИЕ секрета");
        assertThat(result.steps().get(0))
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .containsExactly("token", CheckResult.Step.Status.FAILED);
        assertThat(result.steps().subList(1, result.steps().size()))
                .allMatch(s -> s.status() == CheckResult.Step.Status.SKIPPED);
        assertThat(result.detail()).contains("HTTP 401 invalid_client");
        try (SmtpConnection connection = type.open(of(clientCredentialsConfig()), clock.context(data))) {
            MimeMessage m = message(connection, "never");
            assertThatThrownBy(() -> connection.send(m, "orders"))
                    .isInstanceOfSatisfying(
                            DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION));
        }
        assertThat(journal()).contains("AADSTS7000215");
    }

    @Test
    void endpointDownIsUnreachableWithTheTokenStepFailed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> config =
                with(clientCredentialsConfig(), "tokenEndpoint", "https://localhost:" + closedPort + "/token");
        CheckResult result = type.check(of(config), clock.context(data));
        assertThat(result.failureKind()).contains(FailureKind.UNREACHABLE);
        assertThat(result.steps().get(0))
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .containsExactly("token", CheckResult.Step.Status.FAILED);
        assertThat(result.message(Locale.ENGLISH))
                .contains("token endpoint https://localhost:" + closedPort + "/token is unreachable");
        assertThat(result.message(RU)).contains("недоступен");
        try (SmtpConnection connection = type.open(of(config), clock.context(data))) {
            MimeMessage m = message(connection, "never");
            assertThatThrownBy(() -> connection.send(m, "orders"))
                    .isInstanceOfSatisfying(
                            DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.UNREACHABLE));
        }
    }

    @Test
    void aStalledEndpointTimesOutWithinTheReadTimeout() {
        endpoint.answer(TokenEndpoint.STALL, "");
        Map<String, Object> config = with(clientCredentialsConfig(), "readTimeout", "1s");
        long start = System.nanoTime();
        CheckResult result = type.check(of(config), clock.context(data));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.failureKind()).contains(FailureKind.TIMEOUT);
        assertThat(result.message(Locale.ENGLISH)).contains("token endpoint host localhost did not answer within 1 s");
        assertThat(result.steps().get(0))
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .containsExactly("token", CheckResult.Step.Status.FAILED);
    }

    @Test
    void endpointWithAnUntrustedCertificateFailsTls() {
        Map<String, Object> config = with(
                clientCredentialsConfig(),
                "trustedCertificates",
                GreenMailServers.certificatePem().toString());
        CheckResult result = type.check(of(config), clock.context(data));
        assertThat(result.failureKind()).contains(FailureKind.TLS);
        assertThat(result.steps().get(0).status()).isEqualTo(CheckResult.Step.Status.FAILED);
        assertThat(endpoint.requests()).isEmpty();
    }

    private static MimeMessage message(SmtpConnection connection, String subject) throws Exception {
        MimeMessage m = connection.newMessage();
        m.setRecipients(Message.RecipientType.TO, "bob@example.com");
        m.setSubject(subject, "UTF-8");
        m.setText("body", "UTF-8");
        return m;
    }

    private String journal() throws IOException {
        return new String(
                type.openJournal(of(clientCredentialsConfig()), clock.context(data))
                        .readAllBytes(),
                StandardCharsets.UTF_8);
    }
}
