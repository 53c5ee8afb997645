package dev.scenarios.connector.smtp.internal.transport;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.smtp.SmtpConnectionType;
import dev.scenarios.connector.smtp.internal.outcome.Failure;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import jakarta.mail.MessagingException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostLookupTest {

    private static final Messages MESSAGES =
            Messages.of("dev.scenarios.connector.smtp.connection_messages", SmtpConnectionType.class);

    @Test
    void aNameResolvesToItsAddresses() throws Exception {
        assertThat(HostLookup.resolve("127.0.0.1", Duration.ofSeconds(5)))
                .containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void aNameThatDoesNotResolveIsAnUnknownHost() {
        HostLookup.Resolver unknown = host -> {
            throw new UnknownHostException(host);
        };
        assertThatThrownBy(() -> HostLookup.resolve("mail.example.invalid", Duration.ofSeconds(5), unknown))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("mail.example.invalid");
    }

    @Test
    void aLookupThatHangsEndsAtTheLimitAndIsReportedAsATimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        HostLookup.Resolver hanging = host -> {
            try {
                never.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> HostLookup.resolve("slow-dns.example.com", Duration.ofMillis(300), hanging));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(thrown).isInstanceOf(HostLookup.TimedOut.class);
        assertThat(millis).isBetween(250L, 5_000L);
        SmtpSettings settings =
                SmtpSettings.from(of(with(plain(25), "server", "slow-dns.example.com", "connectTimeout", "300ms")));
        Failure failure = new FailureClassifier(settings, MESSAGES)
                .classify(new MessagingException("cannot resolve", (Exception) thrown), null);
        assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(failure.message().in(Locale.ENGLISH))
                .isEqualTo(
                        "the host name slow-dns.example.com did not resolve within 300 ms: check server and the DNS servers");
        assertThat(failure.message().in(Locale.forLanguageTag("ru")))
                .startsWith("имя хоста slow-dns.example.com не разрешилось за 300 мс");
    }
}
