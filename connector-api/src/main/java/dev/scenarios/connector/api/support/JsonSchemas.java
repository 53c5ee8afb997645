package dev.scenarios.connector.api.support;

import dev.scenarios.connector.api.ConfigurableType;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyDescriptor.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exports a type's descriptors as a JSON Schema (draft 2020-12) a host can render a settings form from: titles and
 * descriptions in the requested language, secrets {@code writeOnly} with {@code format: password}, enums as
 * {@code oneOf} of {@code const} with localized titles, defaults (dependent ones and conditional requirements as
 * {@code allOf} of {@code if}/{@code then}), and the form hints {@code x-group}, {@code x-groupTitle} and
 * {@code x-visibleWhen} (<code>{"authentication": ["windows"]}</code>). Pure; the JSON code lives here so the SPI needs
 * no library.
 */
public final class JsonSchemas {

    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private JsonSchemas() {}

    /**
     * The schema of a type's own settings, as JSON text.
     *
     * @param type a connection or path type
     * @param locale the language of titles and descriptions
     * @return the schema, compact JSON
     */
    public static String of(ConfigurableType type, Locale locale) {
        return JsonWriter.write(schema(
                type instanceof PathType ? "path" : "connection",
                type.id(),
                type.name(locale),
                type.description(locale),
                type.properties(),
                locale));
    }

    /**
     * The schema as nested maps and lists, for hosts that embed it in a larger JSON document or add their own settings
     * to a type's.
     *
     * @param kind {@code connection} or {@code path}, part of {@code $id}
     * @param id the type's id
     * @param title the type's name
     * @param description the type's description
     * @param properties the settings to describe
     * @param locale the language of titles and descriptions
     * @return the schema as maps (insertion-ordered) and lists
     */
    public static Map<String, Object> schema(
            String kind,
            String id,
            String title,
            String description,
            List<PropertyDescriptor> properties,
            Locale locale) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", DRAFT);
        root.put("$id", "urn:scenario-connectors:" + kind + ":" + id);
        root.put("title", title);
        root.put("description", description);
        root.put("type", "object");
        root.putAll(objectBody(properties, locale));
        return root;
    }

    private static Map<String, Object> objectBody(List<PropertyDescriptor> properties, Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        List<Object> conditions = new ArrayList<>();
        for (PropertyDescriptor d : properties) {
            props.put(d.name(), property(d, locale));
            if (d.required() && d.visibleWhen().isEmpty()) {
                required.add(d.name());
            }
            d.visibleWhen()
                    .filter(c -> d.required())
                    .ifPresent(c -> conditions.add(ifThen(c, Map.of("required", List.of(d.name())))));
            for (PropertyDescriptor.DependentDefault dd : d.dependentDefaults()) {
                conditions.add(ifThen(
                        dd.condition(), Map.of("properties", Map.of(d.name(), Map.of("default", dd.value())))));
            }
        }
        body.put("properties", props);
        if (!required.isEmpty()) {
            body.put("required", required);
        }
        if (!conditions.isEmpty()) {
            body.put("allOf", conditions);
        }
        body.put("additionalProperties", false);
        return body;
    }

    private static Map<String, Object> ifThen(Condition c, Map<String, Object> then) {
        Map<String, Object> cond = new LinkedHashMap<>();
        cond.put("properties", Map.of(c.property(), Map.of("enum", c.values())));
        cond.put("required", List.of(c.property()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("if", cond);
        out.put("then", then);
        return out;
    }

    private static Map<String, Object> property(PropertyDescriptor d, Locale locale) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", d.label(locale));
        p.put("description", d.help(locale));
        switch (d.type()) {
            case INTEGER -> {
                p.put("type", "integer");
                d.minimum().ifPresent(min -> p.put("minimum", min));
                d.maximum().ifPresent(max -> p.put("maximum", max));
            }
            case BOOLEAN -> p.put("type", "boolean");
            case ENUM -> {
                p.put("type", "string");
                List<Object> options = new ArrayList<>();
                for (String v : d.allowedValues()) {
                    Map<String, Object> option = new LinkedHashMap<>();
                    option.put("const", v);
                    option.put("title", d.valueLabel(v, locale));
                    options.add(option);
                }
                p.put("oneOf", options);
            }
            case EMAIL -> {
                p.put("type", "string");
                p.put("format", "email");
            }
            case EMAIL_LIST -> {
                p.put("type", "string");
                p.put("x-format", "email-list");
            }
            case DURATION -> {
                p.put("type", "string");
                p.put("pattern", Durations.JSON_PATTERN);
            }
            case FILE -> {
                p.put("type", "string");
                p.put("x-format", "file");
            }
            case TEXT -> {
                p.put("type", "string");
                p.put("x-format", "multiline");
            }
            case OBJECT_LIST -> {
                p.put("type", "array");
                Map<String, Object> items = new LinkedHashMap<>();
                items.put("type", "object");
                items.putAll(objectBody(d.items(), locale));
                p.put("items", items);
            }
            case OBJECT -> {
                p.put("type", "object");
                p.putAll(objectBody(d.items(), locale));
            }
            case STRING -> p.put("type", "string");
        }
        if (d.secret()) {
            p.put("writeOnly", true);
            p.put("format", "password");
        }
        d.defaultValue().ifPresent(v -> p.put("default", v));
        d.group().ifPresent(g -> {
            p.put("x-group", g);
            p.put("x-groupTitle", d.groupLabel(locale).orElse(g));
        });
        d.visibleWhen().ifPresent(c -> p.put("x-visibleWhen", Map.of(c.property(), c.values())));
        if (d.array()) {
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("title", p.remove("title"));
            list.put("description", p.remove("description"));
            list.put("type", "array");
            list.put("items", p);
            return list;
        }
        return p;
    }
}
