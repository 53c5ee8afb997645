package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.runtime.internal.text.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the indirections a workspace file may use instead of a literal value: a whole value
 * written {@code ${env:NAME}} (an environment variable) or {@code ${file:relative/path}} (a file's
 * content, trailing line breaks trimmed, inside the workspace), and the paths of FILE properties.
 * Reads files; never puts a resolved value into a message.
 */
public final class ValueResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private final Path workspace;
    private final Map<String, String> environment;
    private final Locale locale;

    /** The outcome of a resolution: the value, or the reason there is none. */
    public record Resolved(String value, String problem) {
        static Resolved of(String value) {
            return new Resolved(value, null);
        }

        static Resolved failed(String problem) {
            return new Resolved(null, problem);
        }

        public boolean failed() {
            return problem != null;
        }
    }

    public ValueResolver(Path workspace, Map<String, String> environment, Locale locale) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
        this.locale = locale;
    }

    /** {@code text} itself, or what its {@code ${env:…}} / {@code ${file:…}} reference names. */
    public Resolved resolve(String text) {
        Matcher m = REFERENCE.matcher(text.trim());
        if (!m.matches()) {
            return Resolved.of(text);
        }
        String name = m.group(2).trim();
        if (m.group(1).equals("env")) {
            String value = environment.get(name);
            return value == null ? Resolved.failed(Texts.get(locale, "secret.env.missing", name)) : Resolved.of(value);
        }
        Path file = workspace.resolve(name).normalize();
        if (name.isEmpty() || !file.startsWith(workspace)) {
            return Resolved.failed(Texts.get(locale, "secret.file.outside", name));
        }
        if (!Files.isRegularFile(file)) {
            return Resolved.failed(Texts.get(locale, "file.missing", name));
        }
        try {
            return Resolved.of(Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", ""));
        } catch (IOException e) {
            return Resolved.failed(Texts.get(locale, "file.unreadable", name));
        }
    }

    /** The absolute path of the FILE property value {@code text} (relative to the workspace), if the file exists. */
    public Resolved resolveFile(String text) {
        String name = text.trim();
        Path file = workspace.resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            return Resolved.failed(Texts.get(locale, "file.missing", name));
        }
        return Resolved.of(file.toString());
    }
}
