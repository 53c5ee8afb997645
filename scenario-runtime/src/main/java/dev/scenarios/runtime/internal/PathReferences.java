package dev.scenarios.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@code path:<name>} endpoints a scenario (Camel YAML DSL) sends to, wherever they are
 * written: as the value of {@code to}, {@code toD}, {@code uri}, {@code wireTap} or {@code enrich},
 * at any depth. Names built at run time ({@code ${…}} or {@code {{…}}}) cannot be checked and are skipped.
 */
public final class PathReferences {

    private static final Set<String> ENDPOINT_KEYS = Set.of("to", "toD", "uri", "wireTap", "enrich", "pollEnrich");

    /** One {@code path:} endpoint in a scenario file. */
    public record Reference(String pathName, String uri, int line) {
    }

    private PathReferences() {
    }

    /** Every static {@code path:} reference in {@code document}, in document order. */
    public static List<Reference> in(YamlNode document) {
        List<Reference> out = new ArrayList<>();
        collect(document, null, out);
        return out;
    }

    private static void collect(YamlNode node, String key, List<Reference> out) {
        switch (node.kind()) {
            case SCALAR -> {
                if (key != null && ENDPOINT_KEYS.contains(key)) {
                    reference(node.text().trim(), node.line()).ifPresent(out::add);
                }
            }
            case MAPPING -> node.fields().forEach((k, v) -> collect(v, k, out));
            case SEQUENCE -> node.items().forEach(item -> collect(item, key, out));
            case NULL -> {
            }
        }
    }

    private static Optional<Reference> reference(String uri, int line) {
        if (!uri.startsWith("path:")) {
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
        if (name.contains("${") || name.contains("{{")) {
            return Optional.empty();
        }
        return Optional.of(new Reference(name, uri, line));
    }
}
