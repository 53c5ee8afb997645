package dev.scenarios.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a host gets from the SPI's conveniences: file properties against its base folder, a configuration in one call.
 */
class ConnectorContextTest {

    private static final Path BASE = Path.of("/srv/tenant-7").toAbsolutePath();

    @Test
    void aRelativeFileIsRelativeToTheBaseFolderAndAnAbsoluteOneStaysAsItIs() {
        ConnectorContext context = new ConnectorContext() {
            @Override
            public Path dataDirectory() {
                return BASE.resolve("data");
            }

            @Override
            public Optional<Path> baseDirectory() {
                return Optional.of(BASE);
            }
        };
        assertThat(context.resolveFile("certs/relay.pem")).isEqualTo(BASE.resolve("certs/relay.pem"));
        Path absolute = Path.of("/etc/ssl/relay.pem").toAbsolutePath();
        assertThat(context.resolveFile(absolute.toString())).isEqualTo(absolute);
    }

    @Test
    void withoutABaseFolderOnlyAnAbsoluteFileIsAccepted() {
        ConnectorContext context = ConnectorContext.of(BASE.resolve("data"));
        assertThat(context.baseDirectory()).isEmpty();
        Path absolute = Path.of("/etc/ssl/relay.pem").toAbsolutePath();
        assertThat(context.resolveFile(absolute.toString())).isEqualTo(absolute);
        assertThatThrownBy(() -> context.resolveFile("certs/relay.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "\"certs/relay.pem\" is a relative path and the host gives no base folder (ConnectorContext.baseDirectory()): use an absolute path");
    }

    @Test
    void aConfigurationIsMadeFromTheTypeItselfInOneCall() {
        SampleConnectionType type = new SampleConnectionType();
        Configuration configuration = Configuration.of(type, Map.of("systemName", "crm"));
        assertThat(configuration.string("systemName")).isEqualTo("crm");
    }
}
