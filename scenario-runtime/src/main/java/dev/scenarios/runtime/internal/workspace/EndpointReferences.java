package dev.scenarios.runtime.internal.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the endpoint URIs a scenario (Camel YAML DSL) names, wherever they are written: as the value of {@code from},
 * {@code to}, {@code toD}, {@code uri}, {@code wireTap}, {@code enrich} or {@code pollEnrich}, at any depth. Pure.
 */
public final class EndpointReferences {

    private static final Set<String> ENDPOINT_KEYS =
            Set.of("from", "to", "toD", "uri", "wireTap", "enrich", "pollEnrich");

    /**
     * One endpoint URI, e.g. {@code path:orders}, on its line; {@code consumer} when it starts a route ({@code from:
     * uri} or {@code from: {uri: …}}), false for a step that sends or enriches.
     */
    public record Endpoint(String uri, int line, boolean consumer) {

        /** The scheme ({@code path}, {@code timer}), or empty when it is built at run time or missing. */
        public Optional<String> scheme() {
            int colon = uri.indexOf(':');
            if (colon <= 0 || uri.substring(0, colon).contains("{")) {
                return Optional.empty();
            }
            return Optional.of(uri.substring(0, colon));
        }

        /** For {@code path:<name>}: the path's name, unless it is built at run time ({@code ${…}}, {@code {{…}}}). */
        public Optional<String> pathName() {
            if (!scheme().filter("path"::equals).isPresent()) {
                return Optional.empty();
            }
            String name = uri.substring("path:".length());
            if (name.startsWith("//")) {
                name = name.substring(2);
            }
            int query = name.indexOf('?');
            if (query >= 0) {
                name = name.substring(0, query);
            }
            return name.contains("${") || name.contains("{{") ? Optional.empty() : Optional.of(name);
        }
    }

    private EndpointReferences() {}

    /** Every endpoint URI in {@code document}, in document order. */
    public static List<Endpoint> in(YamlNode document) {
        List<Endpoint> out = new ArrayList<>();
        collect(document, null, false, out);
        return out;
    }

    private static void collect(YamlNode node, String key, boolean underFrom, List<Endpoint> out) {
        switch (node.kind()) {
            case SCALAR -> {
                if (key != null && ENDPOINT_KEYS.contains(key) && !node.text().isBlank()) {
                    boolean consumer = "from".equals(key) || ("uri".equals(key) && underFrom);
                    out.add(new Endpoint(node.text().trim(), node.line(), consumer));
                }
            }
            case MAPPING -> node.fields().forEach((k, v) -> collect(v, k, "from".equals(key), out));
            case SEQUENCE -> node.items().forEach(item -> collect(item, key, false, out));
            case NULL -> {}
        }
    }
}
