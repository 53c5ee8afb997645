package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.connector.api.PathType;
import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry of the SMTP connector: the connection type {@code smtp} and the path type
 * {@code smtp-send}. Cheap to construct: no I/O, no mail classes touched.
 */
public final class SmtpConnector implements ConnectorProvider {

    private static final List<ConnectionType> CONNECTION_TYPES = List.of(new SmtpConnectionType());
    private static final List<PathType> PATH_TYPES = List.of(new SmtpSendPathType());

    @Override
    public String id() {
        return "smtp";
    }

    @Override
    public String version() {
        Package p = SmtpConnector.class.getPackage();
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
