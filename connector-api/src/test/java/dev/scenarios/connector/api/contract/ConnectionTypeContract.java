package dev.scenarios.connector.api.contract;

import dev.scenarios.connector.api.ConnectionType;
import java.util.List;

/**
 * What every {@link ConnectionType} must satisfy: ids and names in both languages, the common properties, every
 * descriptor documented in Russian and English, unique names, secrets without defaults, a valid configuration
 * validates, an empty one reports every required property, secrets never in {@code toString()} or problems. A
 * connector's test extends this class, names its type and a valid configuration; shipped in connector-api's test-jar.
 */
public abstract class ConnectionTypeContract extends ConfigurableTypeContract<ConnectionType> {

    @Override
    final List<String> commonProperties() {
        return List.of("systemName", "disabled", "description");
    }
}
