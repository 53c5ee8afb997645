package dev.scenarios.connector.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.contract.ConnectionTypeContract;
import dev.scenarios.connector.smtp.testing.Configs;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpConnectionTypeContractTest extends ConnectionTypeContract {

    @Override
    protected ConnectionType type() {
        return new SmtpConnectionType();
    }

    @Override
    protected Map<String, Object> validConfiguration() {
        return Configs.with(
                Configs.plain(25),
                "encryption",
                "tls",
                "port",
                587,
                "authentication",
                "basic",
                "username",
                "alice",
                "password",
                "pw");
    }

    @Test
    void checkStepsHaveTitlesInEnglishAndRussian() {
        Messages messages = SmtpConnectionType.MESSAGES;
        for (String step : new String[] {
            "token", "resolve", "connect", "greeting", "ehlo", "tls", "auth", "mail-from", "rset-quit", "send-test"
        }) {
            assertThat(messages.has("step." + step, Locale.ENGLISH)).as(step).isTrue();
            assertThat(messages.has("step." + step, Locale.forLanguageTag("ru")))
                    .as(step)
                    .isTrue();
        }
        assertThat(messages.message("step.mail-from").in(Locale.ENGLISH)).isEqualTo("Sender accepted (MAIL FROM)");
        assertThat(messages.message("step.connect").in(Locale.forLanguageTag("ru")))
                .isEqualTo("TCP-подключение");
    }
}
