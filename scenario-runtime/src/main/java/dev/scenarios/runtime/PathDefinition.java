package dev.scenarios.runtime;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
public record PathDefinition(
        String file, String systemName, PathType type, Configuration configuration, boolean valid) {

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
     * The attributes a scenario step may fill, as the path type declares them for this path
     * ({@link PathType#attributes}). Anything else a step carries never reaches the sender.
     */
    public List<PropertyDescriptor> attributes() {
        return type.attributes(configuration);
    }

    /** The names of {@link #attributes()}. */
    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>();
        attributes().forEach(a -> names.add(a.name()));
        return names;
    }

    /** The attributes that take a list: a JSON array text given for them is read as a list. */
    public Set<String> arrayAttributeNames() {
        Set<String> names = new LinkedHashSet<>();
        attributes().stream().filter(PropertyDescriptor::array).forEach(a -> names.add(a.name()));
        return names;
    }

    /** The attribute that holds the recipients a host adds ({@code send --to}): the first e-mail list, if any. */
    public Optional<String> recipientsAttribute() {
        return attributes().stream()
                .filter(a -> a.type() == PropertyType.EMAIL_LIST)
                .map(PropertyDescriptor::name)
                .findFirst();
    }
}
