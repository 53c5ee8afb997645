package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the repository's Markdown (README.md, docs/, the modules' READMEs) names a file or folder
 * inside the repository, and its {@code #anchor} a heading of that file: a fresh clone has no {@code ../shared/}, and a
 * moved section must not leave a dead link behind. Links to web sites are not followed (tests use no network).
 */
class DocLinksTest {

    /** The repository's root; Maven runs the tests in the module's folder. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
        List<Path> files = markdownFiles();
        assertThat(files).as("README.md and docs/ found from " + ROOT).contains(ROOT.resolve("README.md"));

        List<String> broken = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
                while (m.find()) {
                    String problem = problem(file, m.group(1));
                    if (problem != null) {
                        broken.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + m.group(1) + ": " + problem);
                    }
                }
            }
        }
        assertThat(broken).as("links that do not resolve inside the repository").isEmpty();
    }

    /** Why {@code target} (as written in {@code file}) does not resolve, or null when it does. */
    private static String problem(Path file, String target) throws IOException {
        if (SCHEME.matcher(target).find()) {
            return null; // a web address or mailto:, not followed here
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null
                && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(anchor)) {
            return "no heading with the anchor #" + anchor;
        }
        return null;
    }

    /** The anchors GitHub gives the headings of {@code file}: lower case, punctuation dropped, spaces as '-'. */
    private static Set<String> anchors(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced || !line.startsWith("#")) {
                continue;
            }
            String slug = line.replaceFirst("^#+\\s*", "")
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            out.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return out;
    }

    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        Path relative = ROOT.relativize(p);
                        for (Path part : relative) {
                            String name = part.toString();
                            if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        }
    }
}
