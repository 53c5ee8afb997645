package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.ConnectionType;
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
        return Configs.with(Configs.plain(25), "encryption", "tls", "port", 587, "authentication", "basic",
                "username", "alice", "password", "pw");
    }

    @Test
    void checkStepsHaveTitlesInEnglishAndRussian() {
        SmtpConnectionType type = new SmtpConnectionType();
        for (String step : new String[] {"token", "resolve", "connect", "greeting", "ehlo", "tls", "auth", "mail-from", "rset-quit", "send-test"}) {
            org.assertj.core.api.Assertions.assertThat(type.stepTitle(step, Locale.ENGLISH)).as(step).isNotEqualTo(step);
            org.assertj.core.api.Assertions.assertThat(type.stepTitle(step, Locale.forLanguageTag("ru"))).as(step).isNotEqualTo(step);
        }
        org.assertj.core.api.Assertions.assertThat(type.stepTitle("mail-from", Locale.ENGLISH)).isEqualTo("Sender accepted (MAIL FROM)");
        org.assertj.core.api.Assertions.assertThat(type.stepTitle("connect", Locale.forLanguageTag("ru"))).isEqualTo("TCP-подключение");
        org.assertj.core.api.Assertions.assertThat(type.stepTitle("no-such-step", Locale.ENGLISH)).isEqualTo("no-such-step");
    }
}
