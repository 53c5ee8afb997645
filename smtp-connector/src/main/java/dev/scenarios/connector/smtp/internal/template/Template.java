package dev.scenarios.connector.smtp.internal.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A parsed message template: literal text with {@code {AttributeName}} placeholders, where {@code {{} and {@code }}}
 * stand for literal braces. Parsed once when a path is validated or bound, rendered once per message. Immutable and
 * thread-safe.
 */
public final class Template {

    /** What a placeholder may name: the same characters an attribute name may have. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * What a placeholder may be: a name, or a name and one part of it ({@code Order.Number}, {@code Map.key},
     * {@code Stay.Start}).
     */
    public static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)?");

    private final List<String> literals;
    private final List<String> placeholders;

    private Template(List<String> literals, List<String> placeholders) {
        this.literals = List.copyOf(literals);
        this.placeholders = List.copyOf(placeholders);
    }

    /**
     * Parses {@code text}; null or empty text gives an empty template. Pure.
     *
     * @throws TemplateSyntaxException at the first brace that does not form a placeholder or an escape
     */
    public static Template parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        String s = text == null ? "" : text;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean doubled = i + 1 < s.length() && s.charAt(i + 1) == c;
            if (c == '{' && !doubled) {
                int end = s.indexOf('}', i + 1);
                if (end < 0) {
                    throw error(TemplateSyntaxException.Reason.UNCLOSED_BRACE, s, i);
                }
                String name = s.substring(i + 1, end);
                if (!PLACEHOLDER.matcher(name).matches()) {
                    throw error(TemplateSyntaxException.Reason.INVALID_PLACEHOLDER, s, i);
                }
                literals.add(literal.toString());
                literal.setLength(0);
                placeholders.add(name);
                i = end + 1;
            } else if (c == '}' && !doubled) {
                throw error(TemplateSyntaxException.Reason.UNMATCHED_CLOSING_BRACE, s, i);
            } else {
                literal.append(c);
                i += (c == '{' || c == '}') ? 2 : 1;
            }
        }
        literals.add(literal.toString());
        return new Template(literals, placeholders);
    }

    private static TemplateSyntaxException error(TemplateSyntaxException.Reason reason, String s, int index) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < index; k++) {
            if (s.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new TemplateSyntaxException(reason, line, index - lineStart + 1);
    }

    /** The attribute names the template refers to, in order of first use. */
    public Set<String> placeholders() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(placeholders));
    }

    /** Whether the template has no text at all. */
    public boolean isEmpty() {
        return placeholders.isEmpty() && literals.get(0).isEmpty();
    }

    /**
     * The text with every placeholder replaced by {@code values.apply(name)} (null renders as nothing). The literal
     * text is copied as is. Pure.
     */
    public String render(Function<String, String> values) {
        Objects.requireNonNull(values, "values");
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < placeholders.size(); i++) {
            String value = values.apply(placeholders.get(i));
            if (value != null) {
                out.append(value);
            }
            out.append(literals.get(i + 1));
        }
        return out.toString();
    }

    /** The literal text between placeholders, for checks that only concern what the author wrote. */
    public List<String> literals() {
        return literals;
    }
}
