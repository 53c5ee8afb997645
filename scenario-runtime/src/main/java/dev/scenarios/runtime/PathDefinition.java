package dev.scenarios.runtime;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PathType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A data transfer path as a workspace declares it.
 *
 * @param file the file relative to the workspace, e.g. {@code paths/order.yaml}
 * @param systemName the path's system name, used as {@code path:<systemName>} in scenarios
 * @param type the path type named by {@code type:}
 * @param configuration the values, ready for the type
 * @param valid whether no problem was found in it
 */
public record PathDefinition(String file, String systemName, PathType type, Configuration configuration, boolean valid) {

    /**
     * The attributes every path receives whatever it declares: recipients, attachments and extra
     * headers, as the seed's "Send message" action defines them.
     */
    public static final List<String> PREDEFINED_ATTRIBUTES = List.of("To", "Cc", "Bcc", "Attachments", "CustomHeaders");

    /** The system name of the connection the path sends through. */
    public String connectionName() {
        return configuration.string("connection");
    }

    /** Whether the path is switched off ({@code disabled: true}). */
    public boolean disabled() {
        try {
            return configuration.bool("disabled");
        } catch (IllegalArgumentException e) {
            return false; // not a boolean: the type's validation reports it
        }
    }

    /**
     * The names a scenario step may fill: {@link #PREDEFINED_ATTRIBUTES} and the names declared
     * under {@code attributes}. Anything else a step carries never reaches the sender.
     */
    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>(PREDEFINED_ATTRIBUTES);
        if (configuration.descriptor("attributes").isPresent()) {
            for (Map<String, Object> attribute : configuration.objects("attributes")) {
                Object name = attribute.get("name");
                if (name != null && !String.valueOf(name).isBlank()) {
                    names.add(String.valueOf(name).trim());
                }
            }
        }
        return names;
    }

    /** The declared attributes whose {@code array} flag is set: a JSON array text given for them is read as a list. */
    public Set<String> arrayAttributeNames() {
        Set<String> names = new LinkedHashSet<>(PREDEFINED_ATTRIBUTES);
        if (configuration.descriptor("attributes").isPresent()) {
            for (Map<String, Object> attribute : configuration.objects("attributes")) {
                if (Boolean.TRUE.equals(attribute.get("array")) || "true".equals(String.valueOf(attribute.get("array")))) {
                    names.add(String.valueOf(attribute.get("name")).trim());
                }
            }
        }
        return names;
    }
}
