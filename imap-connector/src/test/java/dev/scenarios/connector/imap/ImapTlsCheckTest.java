package dev.scenarios.connector.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.FailureKind;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates are verified: GreenMail's IMAPS certificate is self-signed and in no trust store, so encryption ssl
 * against it fails the TLS step and the password is never sent.
 */
class ImapTlsCheckTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailImap.extension("imaps");

    @TempDir
    Path data;

    @Test
    void anUntrustedCertificateFailsTheTlsStep() {
        GREEN_MAIL.setUser(GreenMailImap.USER, GreenMailImap.USER, GreenMailImap.PASSWORD);
        ImapConnectionType type = new ImapConnectionType();
        Map<String, Object> values = new java.util.LinkedHashMap<>(Map.of(
                "systemName",
                "support_mailbox",
                "server",
                "127.0.0.1",
                "port",
                GREEN_MAIL.getImaps().getPort(),
                "encryption",
                "ssl",
                "username",
                GreenMailImap.USER,
                "password",
                GreenMailImap.PASSWORD,
                "connectTimeout",
                "5s",
                "readTimeout",
                "5s"));
        CheckResult result = type.check(Configuration.of(type.properties(), values), ConnectorContext.of(data));
        assertThat(result.failureKind()).as("%s %s", result, result.detail()).contains(FailureKind.TLS);
        assertThat(result.steps())
                .filteredOn(s -> s.status() == CheckResult.Step.Status.FAILED)
                .extracting(CheckResult.Step::name)
                .containsExactly("tls");
        assertThat(result.message(Locale.ENGLISH)).contains("untrusted certificate");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }
}
