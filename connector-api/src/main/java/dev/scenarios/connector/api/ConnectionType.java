package dev.scenarios.connector.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A kind of connection (e.g. {@code smtp}): what its settings are, how to validate them, how to
 * check them against the real server and how to open the connection for sending.
 *
 * <p>Instances are immutable and thread-safe; one instance serves every connection of its type.
 */
public interface ConnectionType {

    /** The type id written as {@code type:} in a connection file, e.g. {@code smtp}. */
    String id();

    /** The type's display name in {@code locale} (Russian and English are always available). */
    String name(Locale locale);

    /** A one-paragraph description of the type in {@code locale}. */
    String description(Locale locale);

    /**
     * The settings, in the order a form shows them. Every type has {@code systemName},
     * {@code disabled} and {@code description}.
     */
    List<PropertyDescriptor> properties();

    /**
     * Pure and fast: no I/O, no exceptions for user errors. Returns every problem of
     * {@code configuration} at once, in declaration order.
     */
    ValidationResult validate(Configuration configuration);

    /**
     * Talks to the server to test {@code configuration} step by step (the administrator's "check
     * connection" button). Blocks for at most the configured timeouts. Never throws for user
     * errors or network failures: they are reported in the result. An invalid configuration
     * gives a {@link FailureKind#CONFIGURATION} result without touching the network.
     */
    CheckResult check(Configuration configuration, ConnectorContext context);

    /**
     * Opens the connection for sending. Cheap: network sessions are opened lazily by senders.
     *
     * @throws IllegalArgumentException if {@code configuration} does not validate
     */
    Connection open(Configuration configuration, ConnectorContext context);

    /**
     * The connection's journal ("download journal"), oldest entries first, or an empty stream
     * when nothing has been written. Reads files under {@link ConnectorContext#dataDirectory()}.
     */
    InputStream openJournal(Configuration configuration, ConnectorContext context) throws IOException;

    /**
     * The title of check step {@code step} (a {@link CheckStep#name()} this type's checks report)
     * in {@code locale}, for a host that shows a check step by step; the step's name itself when
     * the type has no title for it. Pure. Called by the runtime's CLI and console.
     */
    default String stepTitle(String step, Locale locale) {
        return step;
    }

    /**
     * Property overrides that point a connection of this type at a plain, unauthenticated test
     * server on {@code host}:{@code port} (the runtime's {@code --dev-inbox}); empty when the type
     * cannot be redirected. Pure.
     */
    default Map<String, Object> devInboxOverrides(String host, int port) {
        return Map.of();
    }

    /**
     * The properties that decide where this type's secrets are sent (server, port, encryption,
     * user, token endpoint, …). A host that checks unsaved values reuses a saved secret only when
     * none of these differs from the saved connection, so a changed form cannot send the saved
     * password to another server. Pure. The default, every property that is not secret, is the
     * safe choice for a type that does not say.
     */
    default Set<String> destinationProperties() {
        return properties().stream().filter(p -> !p.secret()).map(PropertyDescriptor::name).collect(Collectors.toUnmodifiableSet());
    }
}
