package dev.scenarios.runtime;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectionType;

/**
 * A connection as a workspace declares it: its file, its type and its configuration with secrets and file names already
 * resolved. {@link #toString()} masks secrets (through {@link Configuration}).
 *
 * @param file the file relative to the workspace, e.g. {@code connections/mail.yaml}
 * @param systemName the connection's system name
 * @param type the connection type named by {@code type:}
 * @param configuration the values, ready for the type
 * @param valid whether the file, the type's validation and the workspace's cross-checks found no problem in it
 */
public record ConnectionDefinition(
        String file, String systemName, ConnectionType type, Configuration configuration, boolean valid) {

    /** Whether the connection is switched off ({@code disabled: true}). */
    public boolean disabled() {
        try {
            return configuration.bool("disabled");
        } catch (IllegalArgumentException e) {
            return false; // not a boolean: the type's validation reports it
        }
    }
}
