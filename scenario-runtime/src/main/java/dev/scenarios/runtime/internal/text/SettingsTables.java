package dev.scenarios.runtime.internal.text;

import dev.scenarios.connector.api.PropertyDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Settings as Markdown reference tables, made from their descriptors: one table per group (in the order the groups
 * first appear), a row per setting and per item of an object setting, with its type, whether it is required or secret,
 * when it is shown, its default and its help text. The one source of the settings tables in {@code docs/}
 * ({@code scenario types --markdown}, {@link ReferenceDocs}); the words come from the descriptors' RU/EN bundles, so a
 * table cannot say something the form and validation do not. Pure.
 */
public final class SettingsTables {

    private SettingsTables() {}

    /**
     * The tables of {@code properties} in {@code locale}: for each group a bold caption line (when the group has a
     * title), then the table; groups separated by a blank line. Ends with a line break.
     */
    public static String markdown(List<PropertyDescriptor> properties, Locale locale) {
        Map<String, List<PropertyDescriptor>> groups = new LinkedHashMap<>();
        for (PropertyDescriptor d : properties) {
            groups.computeIfAbsent(d.group().orElse(""), g -> new ArrayList<>()).add(d);
        }
        List<String> tables = new ArrayList<>();
        for (List<PropertyDescriptor> group : groups.values()) {
            StringBuilder out = new StringBuilder();
            group.get(0)
                    .groupLabel(locale)
                    .ifPresent(title -> out.append("**").append(cell(title)).append("**\n\n"));
            out.append(Texts.get(locale, "docs.header")).append('\n');
            out.append("|---|---|---|---|\n");
            for (PropertyDescriptor d : group) {
                row(out, d.name(), d, locale);
                for (PropertyDescriptor item : d.items()) {
                    row(out, d.name() + "." + item.name(), item, locale);
                }
            }
            tables.add(out.toString());
        }
        return String.join("\n", tables);
    }

    private static void row(StringBuilder out, String key, PropertyDescriptor d, Locale locale) {
        out.append("| `")
                .append(key)
                .append("` | ")
                .append(type(d, locale))
                .append(" | ")
                .append(defaults(d, locale))
                .append(" | **")
                .append(cell(d.label(locale)))
                .append(".** ")
                .append(cell(d.help(locale)))
                .append(" |\n");
    }

    private static String type(PropertyDescriptor d, Locale locale) {
        List<String> parts = new ArrayList<>();
        String type = d.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (!d.allowedValues().isEmpty()) {
            type = d.allowedValues().stream().map(v -> "`" + v + "`").collect(Collectors.joining(" \\| "));
        }
        if (d.array()) {
            type = Texts.get(locale, "docs.listOf", type);
        }
        parts.add(type);
        Optional<Long> min = d.minimum();
        Optional<Long> max = d.maximum();
        if (min.isPresent() || max.isPresent()) {
            parts.add(min.map(String::valueOf).orElse("") + "–"
                    + max.map(String::valueOf).orElse(""));
        }
        if (d.required()) {
            parts.add(Texts.get(locale, "types.required"));
        }
        if (d.secret()) {
            parts.add(Texts.get(locale, "types.secret"));
        }
        d.visibleWhen().ifPresent(c -> parts.add(Texts.get(locale, "types.when", "`" + c.property() + "`", values(c))));
        return String.join(", ", parts);
    }

    private static String defaults(PropertyDescriptor d, Locale locale) {
        List<String> parts = new ArrayList<>();
        d.defaultValue().ifPresent(v -> parts.add("`" + cell(String.valueOf(v)) + "`"));
        for (PropertyDescriptor.DependentDefault dd : d.dependentDefaults()) {
            parts.add(Texts.get(
                    locale,
                    "docs.defaultWhen",
                    "`" + cell(String.valueOf(dd.value())) + "`",
                    "`" + dd.condition().property() + "`",
                    values(dd.condition())));
        }
        return parts.isEmpty() ? "—" : String.join("; ", parts);
    }

    private static String values(PropertyDescriptor.Condition condition) {
        return condition.values().stream().map(v -> "`" + v + "`").collect(Collectors.joining(" \\| "));
    }

    // A table cell is one line; '|' would end it and '<name>' would be read as an HTML tag.
    private static String cell(String text) {
        return text.replace("\r", "")
                .replace("\n", " ")
                .replace("|", "\\|")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
