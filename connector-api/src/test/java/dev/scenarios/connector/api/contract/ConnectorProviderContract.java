package dev.scenarios.connector.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.connector.api.PathType;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectorProvider} must satisfy; shipped in connector-api's test-jar. */
public abstract class ConnectorProviderContract {

    /** The provider class under test. */
    protected abstract Class<? extends ConnectorProvider> providerClass();

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(providerClass());
    }

    @Test
    void declaresASupportedApiVersionAndAnId() throws Exception {
        ConnectorProvider provider = providerClass().getConstructor().newInstance();
        assertThat(provider.apiVersion()).isBetween(1, ConnectorProvider.API_VERSION);
        assertThat(provider.id()).matches("[a-z][a-z0-9-]*");
        assertThat(provider.version()).isNotBlank();
    }

    @Test
    void typeIdsAreUniqueAcrossTheClassPath() {
        List<String> ids = new ArrayList<>();
        for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class)) {
            p.connectionTypes().stream().map(ConnectionType::id).forEach(id -> ids.add("connection:" + id));
            p.pathTypes().stream().map(PathType::id).forEach(id -> ids.add("path:" + id));
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void pathTypesBindToAKnownConnectionType() throws Exception {
        ConnectorProvider provider = providerClass().getConstructor().newInstance();
        List<String> connectionIds = new ArrayList<>();
        ServiceLoader.load(ConnectorProvider.class)
                .forEach(p -> p.connectionTypes().forEach(t -> connectionIds.add(t.id())));
        for (PathType path : provider.pathTypes()) {
            assertThat(connectionIds)
                    .as("connection type of path type %s", path.id())
                    .contains(path.connectionTypeId());
        }
    }
}
