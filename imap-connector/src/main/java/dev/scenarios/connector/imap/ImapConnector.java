package dev.scenarios.connector.imap;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.connector.api.PathType;
import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry of the IMAP connector: the connection type {@code imap} and the receiving
 * path type {@code imap-receive}. Cheap to construct: no I/O, no mail classes touched.
 */
public final class ImapConnector implements ConnectorProvider {

    private static final List<ConnectionType> CONNECTION_TYPES = List.of(new ImapConnectionType());
    private static final List<PathType> PATH_TYPES = List.of(new ImapReceivePathType());

    @Override
    public String id() {
        return "imap";
    }

    @Override
    public String version() {
        Package p = ImapConnector.class.getPackage();
        return p.getImplementationVersion() != null ? p.getImplementationVersion() : "development";
    }

    @Override
    public List<ConnectionType> connectionTypes() {
        return CONNECTION_TYPES;
    }

    @Override
    public List<PathType> pathTypes() {
        return PATH_TYPES;
    }
}
