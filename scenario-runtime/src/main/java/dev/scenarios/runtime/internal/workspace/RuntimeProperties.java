package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyType;
import java.util.ArrayList;
import java.util.List;

/**
 * The path settings the runtime owns, declared like a path type's own so that every host view shows them:
 * {@code delivery} and {@code retry}. {@code scenario types}, its JSON Schema and the console's path form list them
 * after the type's properties. {@code DeliveryOptions} reads and validates their values (problems with
 * {@code file:line}) and takes them out of a path's values before the path type sees them, for {@code scenario
 * validate} and the console alike. Pure.
 */
public final class RuntimeProperties {

    private static final Messages MESSAGES = Messages.of("dev.scenarios.runtime.messages", RuntimeProperties.class);

    /**
     * {@code delivery}, {@code retry}, {@code bus}, {@code response} and {@code errorResponse}, texts under
     * {@code setting.<name>} in the runtime's messages.
     */
    public static final List<PropertyDescriptor> PATH = List.of(
            PropertyDescriptor.builder("delivery", "setting.delivery", PropertyType.ENUM, MESSAGES)
                    .allowedValues("direct", "queued")
                    .defaultValue("direct")
                    .group("runtime")
                    .build(),
            PropertyDescriptor.builder("retry", "setting.retry", PropertyType.OBJECT, MESSAGES)
                    .group("runtime")
                    .item("attempts", PropertyType.INTEGER, b -> b.range(1, 100))
                    .item("backoff", PropertyType.DURATION, b -> b.array())
                    .item("jitter", PropertyType.STRING, b -> b)
                    .item("lifetime", PropertyType.DURATION, b -> b)
                    .build(),
            PropertyDescriptor.builder("bus", "setting.bus", PropertyType.INTEGER, MESSAGES)
                    .group("runtime")
                    .range(0, DeliveryOptions.BUSES - 1)
                    .defaultValue(0)
                    .build(),
            PropertyDescriptor.builder("response", "setting.response", PropertyType.OBJECT_LIST, MESSAGES)
                    .group("runtime")
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item(
                            "from",
                            PropertyType.ENUM,
                            b -> b.required().allowedValues(StepResponses.RESPONSE_FIELDS.toArray(String[]::new)))
                    .build(),
            PropertyDescriptor.builder("errorResponse", "setting.errorResponse", PropertyType.OBJECT_LIST, MESSAGES)
                    .group("runtime")
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item(
                            "from",
                            PropertyType.ENUM,
                            b -> b.required().allowedValues(StepResponses.ERROR_FIELDS.toArray(String[]::new)))
                    .build());

    private RuntimeProperties() {}

    /** {@code type}'s own properties followed by {@link #PATH}: what a path file of that type may hold. */
    public static List<PropertyDescriptor> of(PathType type) {
        List<PropertyDescriptor> out = new ArrayList<>(type.properties());
        out.addAll(PATH);
        return List.copyOf(out);
    }
}
