package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConfigurableType;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.PathType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A host that stored only a type id and the values gets the type back, and a configuration in one call. */
class ConnectorsLookupTest {

    private final Connectors connectors = Connectors.fromClassPath();

    @Test
    void aTypeIsFoundByItsIdWhetherConnectionOrPath() {
        assertThat(connectors.type("smtp")).get().isInstanceOf(ConnectionType.class);
        assertThat(connectors.type("smtp-send")).get().isInstanceOf(PathType.class);
        assertThat(connectors.type("exchange")).isEmpty();
    }

    @Test
    void theFoundTypeReadsTheStoredValues() {
        ConfigurableType type = connectors.type("smtp").orElseThrow();
        Configuration configuration = Configuration.of(type, Map.of("systemName", "mail", "server", "127.0.0.1"));
        assertThat(configuration.string("server")).isEqualTo("127.0.0.1");
        assertThat(type.validate(configuration).isValid()).isFalse();
    }
}
