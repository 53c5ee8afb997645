package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import dev.scenarios.connector.smtp.testing.Captured;
import dev.scenarios.connector.smtp.testing.GreenMailServers;
import dev.scenarios.connector.smtp.testing.SubethaServers;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs failing and succeeding authentications (PLAIN on GreenMail, LOGIN on SubEthaSMTP), then searches everything a
 * user or an operator can see for the password and for the base64 of the AUTH PLAIN payload.
 */
class SecretsNeverLeakTest {

    @TempDir
    Path data;

    private final SmtpConnectionType type = new SmtpConnectionType();
    private final StringBuilder seen = new StringBuilder();

    @Test
    void noSecretInJournalsLogsExceptionsOrResults() throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(Captured.tee(originalOut, captured));
        System.setErr(Captured.tee(originalErr, captured));
        int attempts;
        try {
            attempts = runGreenMail() + runSubetha();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String journal = new String(
                type.openJournal(of(plain(25)), ConnectorContext.of(data)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(attempts).isEqualTo(8);
        assertThat(journal)
                .as("the journal recorded the dialogues")
                .contains(
                        "AUTH PLAIN command trace suppressed",
                        "AUTH LOGIN command trace suppressed",
                        "authentication failed for user alice");
        String everything = journal + "\n" + captured.toString(StandardCharsets.UTF_8) + "\n" + seen;
        for (String secret : secrets(GreenMailServers.PASSWORD, "wrong-Pa55-word")) {
            assertThat(everything).as("secret %s", secret).doesNotContain(secret);
        }
    }

    private int runGreenMail() throws Exception {
        GreenMail server = GreenMailServers.smtp();
        try {
            Map<String, Object> good = with(
                    plain(server.getSmtp().getPort()),
                    "authentication",
                    "basic",
                    "username",
                    "alice",
                    "password",
                    GreenMailServers.PASSWORD,
                    "allowInsecureAuthentication",
                    true);
            return attempts(good, with(good, "password", "wrong-Pa55-word"));
        } finally {
            server.stop();
        }
    }

    private int runSubetha() throws Exception {
        try (SubethaServers server = SubethaServers.loginOnly()) {
            Map<String, Object> good = with(
                    plain(server.port()),
                    "authentication",
                    "basic",
                    "username",
                    "alice",
                    "password",
                    SubethaServers.PASSWORD,
                    "allowInsecureAuthentication",
                    true);
            return attempts(good, with(good, "password", "wrong-Pa55-word"));
        }
    }

    /** A succeeding and a failing send and check; returns how many were made. */
    private int attempts(Map<String, Object> good, Map<String, Object> bad) throws Exception {
        int n = 0;
        for (Map<String, Object> config : List.of(good, bad)) {
            seen.append(of(config))
                    .append('\n')
                    .append(SmtpSettings.from(of(config)))
                    .append('\n');
            try (SmtpConnection connection = type.open(of(config), ConnectorContext.of(data))) {
                MimeMessage m = connection.newMessage();
                m.setRecipients(Message.RecipientType.TO, "bob@example.com");
                m.setSubject("secret test", "UTF-8");
                m.setText("body", "UTF-8");
                try {
                    seen.append(connection.send(m, "orders")).append('\n');
                } catch (DeliveryException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        seen.append(t).append('\n');
                    }
                }
                n++;
            }
            CheckResult check = type.check(of(config), ConnectorContext.of(data));
            seen.append(check)
                    .append(check.message(Locale.ENGLISH))
                    .append(check.message(Locale.forLanguageTag("ru")))
                    .append(check.detail())
                    .append('\n');
            check.steps().stream()
                    .map(CheckResult.Step::toString)
                    .forEach(s -> seen.append(s).append('\n'));
            n++;
        }
        return n;
    }

    private static List<String> secrets(String... passwords) {
        List<String> out = new ArrayList<>();
        for (String password : passwords) {
            out.add(password);
            out.add(Captured.base64("\0alice\0" + password));
            out.add(Captured.base64("alice\0alice\0" + password));
            out.add(Captured.base64(password));
        }
        return out;
    }
}
