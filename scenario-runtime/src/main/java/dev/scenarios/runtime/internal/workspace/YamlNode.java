package dev.scenarios.runtime.internal.workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a YAML document with the line it starts on (1-based), so that problems can point at the exact line a user
 * wrote. Scalars keep their text as written: deciding whether {@code off} is a boolean or an enum value is the reader's
 * job, done with the property's descriptor.
 *
 * @param kind what the node is
 * @param text the scalar's text; null for other kinds
 * @param fields a mapping's entries in document order; empty for other kinds
 * @param items a sequence's items; empty for other kinds
 * @param line the line the node starts on
 */
public record YamlNode(Kind kind, String text, Map<String, YamlNode> fields, List<YamlNode> items, int line) {

    /** The shape of a node. */
    public enum Kind {
        SCALAR,
        NULL,
        MAPPING,
        SEQUENCE
    }

    static YamlNode scalar(String text, int line) {
        return new YamlNode(Kind.SCALAR, text, Map.of(), List.of(), line);
    }

    static YamlNode nullNode(int line) {
        return new YamlNode(Kind.NULL, null, Map.of(), List.of(), line);
    }

    static YamlNode mapping(LinkedHashMap<String, YamlNode> fields, int line) {
        return new YamlNode(Kind.MAPPING, null, java.util.Collections.unmodifiableMap(fields), List.of(), line);
    }

    static YamlNode sequence(List<YamlNode> items, int line) {
        return new YamlNode(Kind.SEQUENCE, null, Map.of(), List.copyOf(items), line);
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    public boolean isMapping() {
        return kind == Kind.MAPPING;
    }

    public boolean isSequence() {
        return kind == Kind.SEQUENCE;
    }

    /**
     * The node as plain Java values with every scalar as a String: maps, lists, strings, null. Used where no descriptor
     * says what a value should be.
     */
    public Object toPlainValue() {
        return switch (kind) {
            case SCALAR -> text;
            case NULL -> null;
            case MAPPING -> {
                Map<String, Object> out = new LinkedHashMap<>();
                fields.forEach((k, v) -> out.put(k, v.toPlainValue()));
                yield out;
            }
            case SEQUENCE -> {
                List<Object> out = new ArrayList<>();
                items.forEach(i -> out.add(i.toPlainValue()));
                yield out;
            }
        };
    }
}
