package dev.scenarios.connector.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A kind of connection (e.g. {@code smtp}): what its settings are, how to validate them, how to check them against the
 * real server and how to open the connection for sending.
 *
 * <p>Instances are immutable and thread-safe; one instance serves every connection of its type. Every connection type
 * has the properties {@code systemName}, {@code disabled} and {@code description}.
 */
public interface ConnectionType extends ConfigurableType {

    /**
     * Talks to the server to test {@code configuration} step by step (the administrator's "check connection" button).
     * Blocks for at most the configured timeouts. Never throws for user errors or network failures: they are reported
     * in the result. An invalid configuration gives a {@link FailureKind#CONFIGURATION} result without touching the
     * network.
     *
     * @param configuration the connection's values
     * @param context the host's data directory and services
     * @return the outcome with every step
     */
    CheckResult check(Configuration configuration, ConnectorContext context);

    /**
     * Opens the connection for sending. Cheap: network sessions are opened lazily by senders.
     *
     * @param configuration the connection's values, valid
     * @param context the host's data directory and services
     * @return the open connection; the caller closes it
     * @throws IllegalArgumentException if {@code configuration} does not validate
     */
    Connection open(Configuration configuration, ConnectorContext context);

    /**
     * The connection's journal ("download journal"). Reads files under {@link ConnectorContext#dataDirectory()}.
     *
     * @param configuration the connection's values
     * @param context the host's data directory
     * @return the entries, oldest first, or an empty stream when nothing has been written; the caller closes it
     * @throws IOException if the journal cannot be read
     */
    InputStream openJournal(Configuration configuration, ConnectorContext context) throws IOException;

    /**
     * Property overrides that point a connection of this type at a plain, unauthenticated test server (the runtime's
     * {@code --dev-inbox}). Pure.
     *
     * @param host the test server's host
     * @param port the test server's port
     * @return the overrides; empty when the type cannot be redirected
     */
    default Map<String, Object> devInboxOverrides(String host, int port) {
        return Map.of();
    }

    /**
     * As {@link #devInboxOverrides(String, int)}, for a test server that also has an IMAP side (the runtime's dev inbox
     * does): a receiving type points itself at {@code imapPort}. The runtime calls this one; the default, for a type
     * that only sends, is {@code devInboxOverrides(host, smtpPort)}. Pure.
     *
     * @param host the test server's host
     * @param smtpPort the test server's SMTP port
     * @param imapPort the test server's IMAP port
     * @return the overrides; empty when the type cannot be redirected
     */
    default Map<String, Object> devInboxOverrides(String host, int smtpPort, int imapPort) {
        return devInboxOverrides(host, smtpPort);
    }

    /**
     * The properties that decide where this type's secrets are sent (server, port, encryption, user, token endpoint,
     * …). A host that checks unsaved values reuses a saved secret only when none of these differs from the saved
     * connection, so a changed form cannot send the saved password to another server. Pure. The default, every property
     * that is not secret, is the safe choice for a type that does not say.
     *
     * @return the names of the properties that make up a secret's destination
     */
    default Set<String> destinationProperties() {
        return properties().stream()
                .filter(p -> !p.secret())
                .map(PropertyDescriptor::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
