package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyType;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.internal.text.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One connection or path file, read: its {@code type:}, its values as plain Java objects shaped by the type's
 * descriptors (with the references of secret properties and FILE paths resolved), the line of every property, and the
 * problems found while reading. Built by {@link #read}; pure apart from the resolver's file reads.
 */
public final class ObjectFile {

    private final String file;
    private final String kind;
    private final Locale locale;
    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> unresolved = new LinkedHashSet<>();
    private String typeId;
    private String systemName;
    private int objectLine = 1;

    private ObjectFile(String file, String kind, Locale locale) {
        this.file = file;
        this.kind = kind;
        this.locale = locale;
    }

    /**
     * Reads {@code text} of {@code file} (a {@code kind} file: {@code connection} or {@code path}).
     * {@code descriptorsOf} gives a type id's descriptors, empty when no connector declares it.
     */
    public static ObjectFile read(
            String file,
            String text,
            String kind,
            Function<String, Optional<List<PropertyDescriptor>>> descriptorsOf,
            List<String> knownTypes,
            ValueResolver resolver,
            Locale locale) {
        ObjectFile out = new ObjectFile(file, kind, locale);
        YamlNode root;
        try {
            root = YamlReader.read(text);
        } catch (YamlReader.YamlException e) {
            out.problems.add(new Problem(file, e.line(), "", "", Texts.get(locale, "yaml.invalid", e.getMessage())));
            return out;
        }
        if (!root.isMapping()) {
            out.problems.add(new Problem(file, root.line(), "", "", Texts.get(locale, "object.notMapping")));
            return out;
        }
        out.objectLine = root.line();
        YamlNode name = root.fields().get("systemName");
        out.systemName = name != null && name.isScalar() ? name.text().trim() : null;
        YamlNode type = root.fields().get("type");
        if (type == null || !type.isScalar() || type.text().isBlank()) {
            out.problems.add(out.problem(
                    "type", type == null ? root.line() : type.line(), Texts.get(locale, "type.missing", kind)));
            return out;
        }
        out.typeId = type.text().trim();
        out.lines.put("type", type.line());
        Optional<List<PropertyDescriptor>> descriptors = descriptorsOf.apply(out.typeId);
        if (descriptors.isEmpty()) {
            out.problems.add(out.problem(
                    "type",
                    type.line(),
                    Texts.get(locale, "type.unknown." + kind, out.typeId, String.join(", ", knownTypes))));
            return out;
        }
        Map<String, PropertyDescriptor> byName = new HashMap<>();
        descriptors.get().forEach(d -> byName.put(d.name(), d));
        root.fields().forEach((key, node) -> {
            if (!key.equals("type")) {
                out.values.put(key, out.convert(node, byName.get(key), key, resolver));
            }
        });
        return out;
    }

    private Object convert(YamlNode node, PropertyDescriptor d, String path, ValueResolver resolver) {
        lines.put(path, node.line());
        switch (node.kind()) {
            case NULL -> {
                return null;
            }
            case SCALAR -> {
                return scalar(node.text(), d, path, resolver);
            }
            case MAPPING -> {
                if (d != null
                        && d.type() != PropertyType.OBJECT_LIST
                        && d.type() != PropertyType.OBJECT
                        && !node.fields().isEmpty()
                        && node.fields().values().stream()
                                .allMatch(v -> v.kind() == YamlNode.Kind.NULL
                                        || v.isScalar() && v.text().isEmpty())) {
                    // subject: {OrderNo} is a YAML mapping, not text: say how to write it instead of "must be text".
                    unresolved.add(path);
                    problems.add(problem(
                            path,
                            node.line(),
                            Texts.get(
                                    locale,
                                    "yaml.unquotedPlaceholder",
                                    String.join("}, {", node.fields().keySet()))));
                    return null;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                node.fields().forEach((k, v) -> out.put(k, convert(v, null, path + "." + k, resolver)));
                return out;
            }
            default -> {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < node.items().size(); i++) {
                    YamlNode item = node.items().get(i);
                    String itemPath = path + "[" + i + "]";
                    if (d != null && d.type() == PropertyType.OBJECT_LIST && item.isMapping()) {
                        lines.put(itemPath, item.line());
                        Map<String, Object> fields = new LinkedHashMap<>();
                        item.fields()
                                .forEach((k, v) ->
                                        fields.put(k, convert(v, itemDescriptor(d, k), itemPath + "." + k, resolver)));
                        out.add(fields);
                    } else {
                        out.add(convert(item, null, itemPath, resolver));
                    }
                }
                return out;
            }
        }
    }

    private Object scalar(String text, PropertyDescriptor d, String path, ValueResolver resolver) {
        // Only a secret may be a reference: elsewhere ${env:…} would copy a secret into a header or a journal.
        ValueResolver.Resolved resolved =
                d != null && d.secret() ? resolver.resolveSecret(path, text) : resolver.plain(path, text);
        if (resolved.failed()) {
            unresolved.add(path);
            problems.add(problem(path, lines.get(path), resolved.problem()));
            return null;
        }
        String value = resolved.value();
        if (d == null) {
            return value;
        }
        String trimmed = value.trim();
        switch (d.type()) {
            case BOOLEAN -> {
                // YAML 1.1 words (yes, no, on, off) stay text: validation then names the property.
                return trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")
                        ? Boolean.valueOf(trimmed.toLowerCase(Locale.ROOT))
                        : value;
            }
            case INTEGER -> {
                if (trimmed.matches("-?\\d{1,18}")) {
                    return Long.valueOf(trimmed);
                }
                return value;
            }
            case FILE -> {
                if (trimmed.isEmpty()) {
                    return value;
                }
                ValueResolver.Resolved file = resolver.resolveFile(trimmed);
                if (file.failed()) {
                    unresolved.add(path);
                    problems.add(problem(path, lines.get(path), file.problem()));
                    return null;
                }
                return file.value();
            }
            default -> {
                return value;
            }
        }
    }

    private static PropertyDescriptor itemDescriptor(PropertyDescriptor list, String field) {
        return list.items().stream()
                .filter(i -> i.name().equals(field))
                .findFirst()
                .orElse(null);
    }

    private Problem problem(String property, int line, String message) {
        return new Problem(file, line, objectLabel(), property, message);
    }

    /** A problem about {@code property}, on its line (or its nearest enclosing property's). */
    public Problem problemAt(String property, String message) {
        return problem(property, lineOf(property), message);
    }

    /** The line of {@code property} ({@code headers[1].value}), else of what encloses it, else of the object. */
    public int lineOf(String property) {
        String p = property;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return objectLine;
    }

    /** {@code connection mail}: the kind (localized) and the system name, or the file's name when it has none. */
    public String objectLabel() {
        String name = systemName == null || systemName.isBlank() ? fileStem() : systemName;
        return Texts.get(locale, "object." + kind) + " " + name;
    }

    private String fileStem() {
        String base = file.substring(file.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? base : base.substring(0, dot);
    }

    public String file() {
        return file;
    }

    /** The language of this file's problems. */
    public Locale locale() {
        return locale;
    }

    /** The type id, or null when the file names none. */
    public String typeId() {
        return typeId;
    }

    /** The system name as written, or null. */
    public String systemName() {
        return systemName;
    }

    /** The values for {@code Configuration.of}; unresolved references are left out. Contains secrets. */
    public Map<String, Object> values() {
        return values;
    }

    /** The problems of reading the file and resolving its references. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * Drops the resolution problems (missing secret, missing file) of the top-level properties for which {@code unused}
     * holds, because this run does not use them.
     */
    public void forgetUnresolved(java.util.function.Predicate<String> unused) {
        problems.removeIf(p ->
                unresolved.contains(p.property()) && unused.test(p.property().split("[.\\[]", 2)[0]));
    }

    /**
     * Whether {@code property} (or what encloses it) already has a resolution problem, so validation need not repeat
     * it.
     */
    public boolean unresolved(String property) {
        return unresolved.stream()
                .anyMatch(u -> property.equals(u)
                        || property.startsWith(u + ".")
                        || property.startsWith(u + "[")
                        || u.startsWith(property + ".")
                        || u.startsWith(property + "["));
    }
}
