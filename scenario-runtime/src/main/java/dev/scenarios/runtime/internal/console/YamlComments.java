package dev.scenarios.runtime.internal.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries an edited file's comments over to the YAML the console writes in its place: the block at the top, the
 * full-line comments before each top-level key, the comment at the end of a top-level one-line value, and those at the
 * end of the file. Comments inside nested lists and maps are not carried. The result is used only when it reads back as
 * the same values as the text without comments, so a comment can never change a setting. Pure.
 */
final class YamlComments {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \\t]|$)");
    private static final Pattern END_OF_LINE_COMMENT =
            Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*):[ \\t]+(\\S.*?)[ \\t]+#(.*)$");

    private YamlComments() {}

    /**
     * {@code written} with the comments of {@code previous} (the file's text before the edit) added where their keys
     * are.
     */
    static String carryOver(String previous, String written) {
        Comments comments = Comments.of(previous);
        if (comments.isEmpty()) {
            return written;
        }
        List<String> out = new ArrayList<>(comments.header);
        String[] lines = written.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher key = TOP_LEVEL_KEY.matcher(line);
            if (key.find()) {
                out.addAll(comments.before.getOrDefault(key.group(1), List.of()));
                String endOfLine = comments.endOfLine.get(key.group(1));
                boolean oneLine =
                        i + 1 >= lines.length || !lines[i + 1].startsWith(" ") && !lines[i + 1].startsWith("-");
                if (endOfLine != null && oneLine && !line.endsWith(":") && !line.endsWith("|") && !line.endsWith(">")) {
                    line = line + "  #" + endOfLine;
                }
            }
            out.add(line);
        }
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        out.addAll(comments.trailer);
        String result = String.join("\n", out) + "\n";
        return sameValues(result, written) ? result : written;
    }

    private static boolean sameValues(String a, String b) {
        try {
            return Objects.equals(YAML.readTree(a), YAML.readTree(b));
        } catch (Exception e) {
            return false;
        }
    }

    /** The comments of one file, by where they belong. */
    private static final class Comments {
        final List<String> header = new ArrayList<>();
        final Map<String, List<String>> before = new HashMap<>();
        final Map<String, String> endOfLine = new HashMap<>();
        final List<String> trailer = new ArrayList<>();

        static Comments of(String text) {
            Comments c = new Comments();
            List<String> pending = new ArrayList<>();
            boolean seenKey = false;
            for (String line : text.split("\n", -1)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") && !line.startsWith(" ") || trimmed.isEmpty()) {
                    pending.add(line.stripTrailing());
                    continue;
                }
                Matcher key = TOP_LEVEL_KEY.matcher(line);
                if (key.find()) {
                    if (!seenKey) {
                        c.header.addAll(pending);
                    } else {
                        c.before.put(key.group(1), comments(pending));
                    }
                    seenKey = true;
                    endOfLineComment(line).ifPresent(comment -> c.endOfLine.put(key.group(1), comment));
                }
                pending.clear();
            }
            c.trailer.addAll(comments(pending));
            while (!c.header.isEmpty() && c.header.get(0).isBlank()) {
                c.header.remove(0);
            }
            if (c.header.stream().noneMatch(l -> l.strip().startsWith("#"))) {
                c.header.clear();
            }
            return c;
        }

        boolean isEmpty() {
            return header.isEmpty()
                    && before.values().stream().allMatch(List::isEmpty)
                    && endOfLine.isEmpty()
                    && trailer.isEmpty();
        }

        /** Lines with at least one comment among them, else none: blank lines alone are the writer's business. */
        private static List<String> comments(List<String> lines) {
            List<String> out = new ArrayList<>(lines);
            trimBlankEnds(out);
            return out.stream().anyMatch(l -> l.strip().startsWith("#")) ? out : List.of();
        }

        private static void trimBlankEnds(List<String> lines) {
            while (!lines.isEmpty() && lines.get(0).isBlank()) {
                lines.remove(0);
            }
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
        }

        /** The comment after a one-line value, when the '#' really starts a comment (not inside quotes). */
        private static java.util.Optional<String> endOfLineComment(String line) {
            Matcher m = END_OF_LINE_COMMENT.matcher(line);
            if (!m.matches()) {
                return java.util.Optional.empty();
            }
            String withoutComment = m.group(1) + ": " + m.group(2);
            return sameValues(withoutComment, line) ? java.util.Optional.of(m.group(3)) : java.util.Optional.empty();
        }
    }
}
