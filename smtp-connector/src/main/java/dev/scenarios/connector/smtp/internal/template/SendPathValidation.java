package dev.scenarios.connector.smtp.internal.template;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.api.support.Descriptors;
import dev.scenarios.connector.smtp.internal.mime.HeaderSafety;
import dev.scenarios.connector.smtp.internal.mime.MailAttachment;
import dev.scenarios.connector.smtp.internal.mime.PathTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The rules of an {@code smtp-send} path beyond what its descriptors check: names, declared attributes, templates and
 * their placeholders, header names and attachments. Pure and fast; every problem at once, each against the property
 * that holds it ({@code headers[2].value}).
 */
public final class SendPathValidation {

    private SendPathValidation() {}

    /** Every problem of {@code configuration}, in declaration order. Never throws for user errors. */
    public static ValidationResult validate(Configuration configuration) {
        return validate(configuration, (property, template) -> {});
    }

    /**
     * As {@link #validate(Configuration)}, and hands each template that parsed to {@code parsed} under the property
     * that holds it ({@code subject}, {@code headers[2].value}; empty texts are not parsed), so that
     * {@link PathTemplate#compile} need not parse them again.
     */
    static ValidationResult validate(Configuration configuration, BiConsumer<String, Template> parsed) {
        ValidationResult.Builder out = Descriptors.validate(configuration);
        checkSystemName(configuration, "systemName", out);
        checkSystemName(configuration, "connection", out);
        Map<String, DeclaredAttribute> declared = checkAttributes(configuration, out);
        checkTemplate("subject", text(configuration, "subject", out), declared, out, parsed);
        checkTemplate("body", text(configuration, "body", out), declared, out, parsed);
        checkTemplate("htmlBody", text(configuration, "htmlBody", out), declared, out, parsed);
        if (!configuration.isSet("body") && !configuration.isSet("htmlBody")) {
            out.add("body", "body.missing", PathTexts.MESSAGES.message("problem.body.missing"));
        }
        checkHeaders(configuration, declared, out, parsed);
        checkAttachments(configuration, out);
        return out.build(configuration.descriptors());
    }

    /**
     * The well-formed declared attributes (valid, unique, not predefined names), in declaration order. Pure; for a
     * validated configuration these are all of them.
     */
    public static List<DeclaredAttribute> declaredAttributes(Configuration configuration) {
        List<DeclaredAttribute> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map<String, Object> item : objects(configuration, "attributes")) {
            String name = item.get("name") == null
                    ? ""
                    : String.valueOf(item.get("name")).trim();
            if (!Template.NAME.matcher(name).matches()
                    || PredefinedAttributes.clashingName(name) != null
                    || !seen.add(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.add(declared(name, item));
        }
        return out;
    }

    /** One declaration, {@code name} already checked; an object's well-formed fields named {@code name.Field}. */
    private static DeclaredAttribute declared(String name, Map<String, Object> item) {
        AttributeType type = AttributeType.fromId(
                        item.get("type") == null
                                ? "string"
                                : String.valueOf(item.get("type")).trim())
                .orElse(AttributeType.STRING);
        List<DeclaredAttribute> fields = new ArrayList<>();
        if (type == AttributeType.OBJECT) {
            Set<String> seen = new LinkedHashSet<>();
            for (Map<String, Object> field : objects(item.get("fields"))) {
                String fieldName = field.get("name") == null
                        ? ""
                        : String.valueOf(field.get("name")).trim();
                if (Template.NAME.matcher(fieldName).matches() && seen.add(fieldName.toLowerCase(Locale.ROOT))) {
                    fields.add(declared(name + "." + fieldName, field));
                }
            }
        }
        return new DeclaredAttribute(
                name, type, flag(item.get("required")), flag(item.get("array")), flag(item.get("notEmpty")), fields);
    }

    private static void checkSystemName(Configuration configuration, String property, ValidationResult.Builder out) {
        if (configuration.isSet(property)
                && !out.hasProblem(property)
                && !Descriptors.isSystemName(configuration.string(property))) {
            out.add(property, "name.pattern", PathTexts.MESSAGES.message("problem.name.pattern", property));
        }
    }

    private static Map<String, DeclaredAttribute> checkAttributes(
            Configuration configuration, ValidationResult.Builder out) {
        List<Map<String, Object>> items = objects(configuration, "attributes");
        Set<String> lowerCaseSeen = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Object raw = items.get(i).get("name");
            if (raw == null || String.valueOf(raw).isBlank()) {
                continue;
            }
            String name = String.valueOf(raw).trim();
            String property = "attributes[" + i + "].name";
            String predefined = PredefinedAttributes.clashingName(name);
            if (!Template.NAME.matcher(name).matches()) {
                out.add(property, "attribute.name", PathTexts.MESSAGES.message("problem.attribute.name", property));
            } else if (predefined != null) {
                out.add(
                        property,
                        "attribute.predefined",
                        PathTexts.MESSAGES.message("problem.attribute.predefined", name, predefined));
            } else if (!lowerCaseSeen.add(name.toLowerCase(Locale.ROOT))) {
                out.add(
                        property,
                        "attribute.duplicate",
                        PathTexts.MESSAGES.message("problem.attribute.duplicate", name));
            }
            checkFields("attributes[" + i + "]", name, items.get(i), out);
        }
        Map<String, DeclaredAttribute> declared = new LinkedHashMap<>();
        declaredAttributes(configuration).forEach(a -> declared.put(a.name(), a));
        return declared;
    }

    /** An object's {@code fields}: required, each a valid name once; only an object has them. */
    private static void checkFields(String at, String name, Map<String, Object> item, ValidationResult.Builder out) {
        boolean isObject = "object"
                .equals(
                        item.get("type") == null
                                ? null
                                : String.valueOf(item.get("type")).trim());
        List<Map<String, Object>> fields = objects(item.get("fields"));
        if (!isObject) {
            if (item.get("fields") != null) {
                out.add(
                        at + ".fields",
                        "attribute.fields",
                        PathTexts.MESSAGES.message("problem.attribute.fields.notObject", name));
            }
            return;
        }
        if (fields.isEmpty()) {
            out.add(
                    at + ".fields",
                    "attribute.fields",
                    PathTexts.MESSAGES.message("problem.attribute.fields.missing", name));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int j = 0; j < fields.size(); j++) {
            Object raw = fields.get(j).get("name");
            if (raw == null || String.valueOf(raw).isBlank()) {
                continue;
            }
            String fieldName = String.valueOf(raw).trim();
            String property = at + ".fields[" + j + "].name";
            if (!Template.NAME.matcher(fieldName).matches()) {
                out.add(property, "attribute.name", PathTexts.MESSAGES.message("problem.attribute.name", property));
            } else if (!seen.add(fieldName.toLowerCase(Locale.ROOT))) {
                out.add(
                        property,
                        "attribute.duplicate",
                        PathTexts.MESSAGES.message("problem.attribute.duplicate", name + "." + fieldName));
            }
        }
    }

    private static void checkTemplate(
            String property,
            String text,
            Map<String, DeclaredAttribute> declared,
            ValidationResult.Builder out,
            BiConsumer<String, Template> parsed) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Template template;
        try {
            template = Template.parse(text);
        } catch (TemplateSyntaxException e) {
            out.add(
                    property,
                    "template.syntax",
                    PathTexts.MESSAGES.message(
                            "problem.template.syntax." + e.reason().name().toLowerCase(Locale.ROOT),
                            String.valueOf(e.line()),
                            String.valueOf(e.column()),
                            "{{",
                            "}}"));
            return;
        }
        parsed.accept(property, template);
        for (String placeholder : template.placeholders()) {
            int dot = placeholder.indexOf('.');
            String head = dot < 0 ? placeholder : placeholder.substring(0, dot);
            String shown = "{" + placeholder + "}";
            String predefined = PredefinedAttributes.clashingName(head);
            DeclaredAttribute attribute = declared.get(head);
            if (predefined != null) {
                out.add(
                        property,
                        "placeholder.predefined",
                        PathTexts.MESSAGES.message("problem.placeholder.predefined", shown, predefined));
            } else if (attribute == null) {
                out.add(
                        property,
                        "placeholder.undeclared",
                        declared.isEmpty()
                                ? PathTexts.MESSAGES.message("problem.placeholder.undeclared.none", shown)
                                : PathTexts.MESSAGES.message(
                                        "problem.placeholder.undeclared", shown, String.join(", ", declared.keySet())));
            } else if (dot < 0 && !attribute.type().isPlaceholder()) {
                // The seed forbids an object as a placeholder: its scalar parts are.
                out.add(
                        property,
                        "placeholder.object",
                        PathTexts.MESSAGES.message(
                                "problem.placeholder.object",
                                shown,
                                attribute.type().id(),
                                attribute.fields().isEmpty()
                                        ? "{" + head + ".key}"
                                        : "{" + attribute.fields().get(0).name() + "}"));
            } else if (dot >= 0 && !partExists(attribute, placeholder)) {
                out.add(
                        property,
                        "placeholder.part",
                        PathTexts.MESSAGES.message("problem.placeholder.part", shown, head, parts(attribute)));
            }
        }
        boolean singleLine = !property.equals("body") && !property.equals("htmlBody");
        if (singleLine && template.literals().stream().anyMatch(HeaderSafety::containsLineBreak)) {
            out.add(property, "linebreak", PathTexts.MESSAGES.message("problem.linebreak", property));
        }
    }

    /** Whether {@code placeholder} ({@code Order.Number}) names a part {@code attribute} has. */
    private static boolean partExists(DeclaredAttribute attribute, String placeholder) {
        return switch (attribute.type()) {
            case KEY_VALUE -> true;
            case PERIOD -> placeholder.endsWith(".Start") || placeholder.endsWith(".End");
            case OBJECT -> attribute.fields().stream().anyMatch(f -> f.name().equals(placeholder));
            default -> false;
        };
    }

    private static String parts(DeclaredAttribute attribute) {
        return switch (attribute.type()) {
            case PERIOD -> "{" + attribute.name() + ".Start}, {" + attribute.name() + ".End}";
            case OBJECT ->
                String.join(
                        ", ",
                        attribute.fields().stream()
                                .map(f -> "{" + f.name() + "}")
                                .toList());
            default -> "{" + attribute.name() + "}";
        };
    }

    private static void checkHeaders(
            Configuration configuration,
            Map<String, DeclaredAttribute> declared,
            ValidationResult.Builder out,
            BiConsumer<String, Template> parsed) {
        List<Map<String, Object>> items = objects(configuration, "headers");
        for (int i = 0; i < items.size(); i++) {
            Object name = items.get(i).get("name");
            String property = "headers[" + i + "]";
            if (name != null
                    && !String.valueOf(name).isBlank()
                    && !HeaderSafety.isAllowedCustomHeader(String.valueOf(name).trim())) {
                String shown = HeaderSafety.containsLineBreak(String.valueOf(name))
                        ? "…"
                        : String.valueOf(name).trim();
                out.add(
                        property + ".name",
                        "header.forbidden",
                        PathTexts.MESSAGES.message("problem.header.forbidden", shown, HeaderSafety.allowedNames()));
            }
            Object value = items.get(i).get("value");
            if (value instanceof String s) {
                checkTemplate(property + ".value", s, declared, out, parsed);
            }
        }
    }

    private static void checkAttachments(Configuration configuration, ValidationResult.Builder out) {
        List<Map<String, Object>> items = objects(configuration, "attachments");
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            String property = "attachments[" + i + "]";
            if (item.isEmpty() && out.hasProblem(property)) {
                continue;
            }
            Object name = item.get("name");
            if (name != null && HeaderSafety.containsLineBreak(String.valueOf(name))) {
                out.add(
                        property + ".name",
                        "linebreak",
                        PathTexts.MESSAGES.message("problem.linebreak", property + ".name"));
            }
            boolean hasFile = isGiven(item.get("file"));
            boolean hasContent = isGiven(item.get("content"));
            if (hasFile == hasContent) {
                out.add(
                        property,
                        "attachment.source",
                        PathTexts.MESSAGES.message("problem.attachment.source", property));
            } else if (hasContent && !out.hasProblem(property + ".content")) {
                try {
                    PredefinedAttributes.decodeBase64(String.valueOf(item.get("content")));
                } catch (IllegalArgumentException e) {
                    out.add(
                            property + ".content",
                            "attachment.base64",
                            PathTexts.MESSAGES.message("problem.attachment.base64", property + ".content"));
                }
            }
            Object contentType = item.get("contentType");
            if (isGiven(contentType)
                    && !out.hasProblem(property + ".contentType")
                    && !MailAttachment.isValidContentType(
                            String.valueOf(contentType).trim())) {
                out.add(
                        property + ".contentType",
                        "attachment.contentType",
                        PathTexts.MESSAGES.message("problem.attachment.contentType", property + ".contentType"));
            }
        }
    }

    /** The value of a text property, or null when absent or of another shape (descriptor checks report that). */
    private static String text(Configuration configuration, String property, ValidationResult.Builder out) {
        Object value = configuration.value(property);
        return value instanceof String s && !out.hasProblem(property) ? s : null;
    }

    /**
     * The objects of an object list; an item that is not an object becomes an empty map, so that indexes still match
     * the file (descriptor checks report the item itself).
     */
    private static List<Map<String, Object>> objects(Configuration configuration, String property) {
        return objects(configuration.value(property));
    }

    private static List<Map<String, Object>> objects(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> copy = new LinkedHashMap<>();
            if (item instanceof Map<?, ?> map) {
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            }
            out.add(copy);
        }
        return out;
    }

    private static boolean isGiven(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }

    private static boolean flag(Object value) {
        return value instanceof Boolean b
                ? b
                : value != null && String.valueOf(value).trim().equalsIgnoreCase("true");
    }
}
