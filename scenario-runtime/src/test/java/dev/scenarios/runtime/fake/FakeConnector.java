package dev.scenarios.runtime.fake;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.PathType;
import java.util.List;

/**
 * A test connector found by ServiceLoader (test resources): connection type {@code fake}, path type {@code fake-send}.
 * Its check opens a real TCP connection and reads the server's greeting; its sends are recorded in {@link FakeOutbox}
 * and can be told to fail.
 */
public final class FakeConnector implements ConnectorProvider {

    static final Messages MESSAGES = Messages.of("dev.scenarios.runtime.fake.messages", FakeConnector.class);

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public List<ConnectionType> connectionTypes() {
        return List.of(new FakeConnectionType("fake"), new FakeConnectionType("fake-other"));
    }

    @Override
    public List<PathType> pathTypes() {
        return List.of(new FakeSendPathType());
    }
}
