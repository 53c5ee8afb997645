package dev.scenarios.runtime.internal.workspace;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workspace's {@code application.properties}: the values of Camel's property placeholders ({@code {{greeting}}}) in
 * its scenarios, next to the two the runtime defines itself. Read by the loader (to report a placeholder no one
 * defines) and by the runtime (to give Camel the values).
 */
public final class ApplicationProperties {

    /** The file's name in the workspace folder. */
    public static final String FILE = "application.properties";
    /** The placeholder holding the workspace folder. */
    public static final String WORKSPACE = "workspace";
    /** The placeholder holding the workspace's data folder. */
    public static final String WORKSPACE_DATA = "workspace.data";

    /** The port of the HTTP server behind {@code platform-http} (Camel Main's name); without it there is no server. */
    public static final String SERVER_PORT = "camel.server.port";
    /** The address that server listens on (Camel Main's name). */
    public static final String SERVER_HOST = "camel.server.host";

    /**
     * A {@code {{key}}} without a default ({@code {{key:default}}}), a function ({@code {{env:HOME}}}) or {@code ?}
     * (optional).
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}:?][^{}:]*)}}");

    private ApplicationProperties() {}

    /** A placeholder a scenario file uses, at its 1-based line. */
    public record Use(String key, int line) {}

    /**
     * Reads {@code <workspace>/application.properties} as UTF-8; empty when there is none. Does I/O.
     *
     * @throws IOException if it exists but cannot be read, or (IllegalArgumentException) holds a malformed {@code \\u}
     *     escape
     */
    public static Properties read(Path workspace) throws IOException {
        Properties properties = new Properties();
        Path file = workspace.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
        }
        return properties;
    }

    /** The keys every workspace has, whatever its file says. */
    public static Set<String> builtIn() {
        return Set.of(WORKSPACE, WORKSPACE_DATA);
    }

    /** The placeholders that {@code text} (a scenario file) uses and that need a value, in order. */
    public static List<Use> uses(String text) {
        List<Use> uses = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            while (m.find()) {
                uses.add(new Use(m.group(1).trim(), i + 1));
            }
        }
        return uses;
    }
}
