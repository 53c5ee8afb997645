package dev.scenarios.runtime.internal.workspace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code from: path:<systemName>} for a receiving path, the seed's event "Message received":
 * {@code variable} names the variable that receives the item's attributes (default {@code message}), e.g. {@code from:
 * path:support?variable=mail}. Read by {@code scenario validate} (from the URI's query, to report {@code file:line})
 * and by the {@code path:} component (from Camel's parameters), so both refuse the same things with the same words as a
 * sending step's {@link PathStepOptions}. Pure.
 *
 * @param variable the variable holding the received item's attributes
 */
public record PathSourceOptions(String variable) {

    /** The variable the seed's event names by default. */
    public static final String DEFAULT_VARIABLE = "message";

    /** No option: the attributes go to {@code message}. */
    public static final PathSourceOptions DEFAULTS = new PathSourceOptions(DEFAULT_VARIABLE);

    /** The option names, in the order the documentation lists them. */
    public static final List<String> NAMES = List.of("variable");

    /**
     * The options in {@code uri}'s query ({@code path:support?variable=mail}), percent-decoded. A value built at run
     * time ({@code {{…}}}, {@code ${…}}) is not checked here.
     *
     * @throws PathStepOptions.Invalid for an unknown or repeated option or a wrong value
     */
    public static PathSourceOptions ofUri(String uri) {
        return of(PathStepOptions.query(uri), true);
    }

    /**
     * The options in {@code parameters} (Camel's, as given to a component); what is taken is removed, so Camel sees
     * nothing left over.
     *
     * @throws PathStepOptions.Invalid for an unknown option or a wrong value
     */
    public static PathSourceOptions take(Map<String, Object> parameters) {
        Map<String, Object> options = new LinkedHashMap<>(parameters);
        PathSourceOptions out = of(options, false);
        parameters.clear();
        return out;
    }

    private static PathSourceOptions of(Map<String, Object> options, boolean lenientPlaceholders) {
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new PathStepOptions.Invalid("path.option.unknown", name, String.join(", ", NAMES));
            }
        }
        String variable = PathStepOptions.variable(options, "variable", lenientPlaceholders);
        return variable == null ? DEFAULTS : new PathSourceOptions(variable);
    }
}
