package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.CLIENT_SECRET;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.REFRESH_TOKEN;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.clientCredentials;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.letSessionsIdleOut;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.refreshToken;
import static dev.scenarios.connector.smtp.testing.OAuthConfigs.staticToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import dev.scenarios.connector.smtp.testing.Captured;
import dev.scenarios.connector.smtp.testing.GreenMailServers;
import dev.scenarios.connector.smtp.testing.TestClock;
import dev.scenarios.connector.smtp.testing.TokenEndpoint;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every OAuth2 path that handles a secret (token fetched, cached, rotated, rejected and renewed, refused by the
 * provider with a description that echoes the client secret, static token rejected, checks that pass and fail), with
 * stdout, stderr and every JUL logger captured at ALL, then searches journals, logs, exception chains, check results
 * and settings for the client secret, the refresh tokens, the access tokens and the base64 XOAUTH2 payloads.
 */
class OAuth2SecretsNeverLeakTest {

    private static final String GOOD = "ya29.GOOD-access-T0ken";
    private static final String STALE = "ya29.STALE-access-T0ken";
    private static final String ROTATED = "1//ROTATED-refresh-T0ken";

    @TempDir
    Path data;

    private final SmtpConnectionType type = new SmtpConnectionType();
    private final TestClock clock = new TestClock();
    private final StringBuilder seen = new StringBuilder();

    @Test
    void noTokenOrSecretInJournalsLogsExceptionsOrResults() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        Logger root = Logger.getLogger("");
        Level originalLevel = root.getLevel();
        Handler handler = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                synchronized (captured) {
                    captured.writeBytes(formatter.format(record).getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        System.setOut(Captured.tee(originalOut, captured));
        System.setErr(Captured.tee(originalErr, captured));
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        GreenMail mail = GreenMailServers.smtps();
        mail.getUserManager().getUser(GreenMailServers.USER).setPassword(GOOD);
        int delivered;
        try (TokenEndpoint endpoint = TokenEndpoint.start(data).defaultToken(GOOD)) {
            Path trusted = endpoint.pemWith(GreenMailServers.certificatePem(), data);
            int port = mail.getSmtps().getPort();
            Map<String, Object> cc = clientCredentials(port, endpoint.url(), trusted);
            Map<String, Object> rt = refreshToken(port, endpoint.url(), trusted);

            endpoint.issue(STALE, 3600, null);
            delivered = sendTwice(cc);
            endpoint.issue(GOOD, 120, ROTATED);
            delivered += sendTwice(rt);
            endpoint.defaultToken(STALE);
            delivered += sendTwice(cc);
            endpoint.answer(
                    401,
                    "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided: "
                            + CLIENT_SECRET + "\",\"error_codes\":[7000215]}");
            check(cc);
            endpoint.answer(
                    400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token " + REFRESH_TOKEN
                            + " revoked\"}");
            check(rt);
            endpoint.defaultToken(GOOD);
            check(cc);
            delivered += sendTwice(staticToken(port, trusted, STALE));
            check(staticToken(port, trusted, GOOD));
        } finally {
            root.removeHandler(handler);
            root.setLevel(originalLevel);
            System.setOut(originalOut);
            System.setErr(originalErr);
            mail.stop();
        }
        assertThat(delivered)
                .as("renewed after a rejection, rotated, then two refusals each")
                .isEqualTo(4);
        String journal = new String(
                type.openJournal(of(with(clientCredentials(25, "x", data), "journal", "full")), clock.context(data))
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(journal)
                .contains(
                        "AUTH XOAUTH2 succeeded",
                        "AUTH XOAUTH2 failed",
                        "AADSTS7000215",
                        "Invalid client secret provided: ****");
        String everything = journal + "\n" + captured.toString(StandardCharsets.UTF_8) + "\n" + seen;
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .as("the JUL capture saw Angus")
                .contains("XOAUTH2");
        for (String secret : secrets()) {
            assertThat(everything).as("secret %s", secret).doesNotContain(secret);
        }
    }

    /** Sends two messages on one connection (new SMTP session each); returns how many were delivered. */
    private int sendTwice(Map<String, Object> config) throws Exception {
        seen.append(of(config))
                .append('\n')
                .append(SmtpSettings.from(of(config)))
                .append('\n');
        int delivered = 0;
        try (SmtpConnection connection = type.open(of(config), clock.context(data))) {
            for (int i = 0; i < 2; i++) {
                MimeMessage m = connection.newMessage();
                m.setRecipients(Message.RecipientType.TO, "bob@example.com");
                m.setSubject("secret test", "UTF-8");
                m.setText("body", "UTF-8");
                try {
                    seen.append(connection.send(m, "orders")).append('\n');
                    delivered++;
                } catch (DeliveryException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        seen.append(t).append('\n');
                    }
                }
                letSessionsIdleOut();
                clock.advance(Duration.ofSeconds(100));
            }
        }
        return delivered;
    }

    private void check(Map<String, Object> config) {
        CheckResult check = type.check(of(config), clock.context(data));
        seen.append(check)
                .append(check.message(Locale.ENGLISH))
                .append(check.message(Locale.forLanguageTag("ru")))
                .append(check.detail())
                .append('\n');
        check.steps().stream()
                .map(CheckResult.Step::toString)
                .forEach(s -> seen.append(s).append('\n'));
    }

    private static List<String> secrets() {
        List<String> out = new ArrayList<>(List.of(
                CLIENT_SECRET,
                REFRESH_TOKEN,
                ROTATED,
                URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8),
                URLEncoder.encode(REFRESH_TOKEN, StandardCharsets.UTF_8)));
        for (String token : List.of(GOOD, STALE)) {
            out.add(token);
            out.add(Captured.base64(token));
            out.add(Captured.base64("user=" + GreenMailServers.USER + "\u0001auth=Bearer " + token + "\u0001\u0001"));
        }
        return out;
    }
}
