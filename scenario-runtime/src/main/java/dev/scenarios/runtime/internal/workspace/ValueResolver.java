package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.runtime.internal.text.Texts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the indirections a workspace file may use instead of a literal value, and the files it names. A secret
 * property may be written {@code ${env:NAME}} (an environment variable) or {@code ${file:relative/path}} (a file's
 * content, trailing line breaks trimmed); no other property may, so a reference can never carry a secret into a header,
 * a journal or a message. Every file (a {@code ${file:…}} reference, a FILE property such as an attachment or trusted
 * certificates) must lie, after symbolic links are followed, inside the workspace or inside an extra root the operator
 * lists in the environment variable {@value #FILE_ROOTS} (absolute folders separated by {@code File.pathSeparator});
 * files under the runtime's own {@code data/} folder are refused, except {@code data/secrets/} for {@code ${file:…}},
 * and a FILE property may not name a secret's file nor a connection or path file. One instance serves one load of a
 * workspace (connections before paths, so it knows the secrets' files by then). Reads files; never puts a resolved
 * value into a message.
 */
public final class ValueResolver {

    /** The environment variable that lists extra folders files may come from, e.g. secrets mounted by Kubernetes. */
    public static final String FILE_ROOTS = "SCENARIO_FILE_ROOTS";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    /** Text that was probably meant as a reference: {@code ${…}}, {@code {{…}}}, {@code $NAME}, {@code %NAME%}. */
    private static final Pattern LOOKS_LIKE_REFERENCE =
            Pattern.compile("\\$\\{|\\{\\{.*}}|^\\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$");
    /**
     * The whole value is one misspelled variable reference: {@code ${NAME}}, {@code {{env:NAME}}}, {@code ${ENV:NAME}},
     * {@code $NAME}, {@code %NAME%}.
     */
    private static final Pattern WHOLE_MISSPELLED = Pattern.compile(
            "(?:\\$\\{\\s*(?:(?i:env)\\s*:\\s*)?|\\{\\{\\s*(?:(?i:env)\\s*:\\s*)?|\\$|%)([A-Za-z_][A-Za-z0-9_]*)\\s*(?:}|}}|%)?");

    private final Path workspace;
    private final Map<String, String> environment;
    private final Locale locale;
    private final List<Path> roots;
    /** The files secrets were read from: no FILE property (an attachment) may name one. */
    private final Set<Path> secretFiles = ConcurrentHashMap.newKeySet();

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

    /**
     * A whole-value reference as written: {@code kind} {@code env} or {@code file}, and the variable or file it names.
     */
    public record Reference(String kind, String name) {
        /** {@code ${kind:name}}. */
        public String text() {
            return "${" + kind + ":" + name + "}";
        }
    }

    /** The reference {@code text} is, if it is exactly one {@code ${env:…}} or {@code ${file:…}}. Pure. */
    public static Optional<Reference> reference(String text) {
        Matcher m = REFERENCE.matcher(text.trim());
        return m.matches() && !m.group(2).isBlank()
                ? Optional.of(new Reference(m.group(1), m.group(2).trim()))
                : Optional.empty();
    }

    /** Whether {@code text} looks like a reference of any spelling, supported or not. Pure. */
    public static boolean looksLikeReference(String text) {
        return LOOKS_LIKE_REFERENCE.matcher(text.trim()).find();
    }

    public ValueResolver(Path workspace, Map<String, String> environment, Locale locale) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
        this.locale = locale;
        this.roots = roots(this.workspace, environment.get(FILE_ROOTS));
    }

    /**
     * The value of secret {@code property}: {@code text} itself, or what its whole-value {@code ${env:…}} /
     * {@code ${file:…}} reference names. Text that looks like a reference but is not one of these two spellings is
     * refused with the right spelling, rather than sent as the secret. Reads the referenced file.
     */
    public Resolved resolveSecret(String property, String text) {
        Matcher m = REFERENCE.matcher(text.trim());
        if (!m.matches()) {
            return looksLikeReference(text) ? Resolved.failed(misspelled(property, text.trim())) : Resolved.of(text);
        }
        String name = m.group(2).trim();
        if (m.group(1).equals("env")) {
            if (name.isEmpty() || name.contains(":")) {
                // ${env:X:-default} and ${env:X:default}: no defaults, a secret's default would be a secret in clear
                return Resolved.failed(misspelled(property, text.trim()));
            }
            String value = environment.get(name);
            return value == null ? Resolved.failed(Texts.get(locale, "secret.env.missing", name)) : Resolved.of(value);
        }
        Optional<Path> file = allowed(name, true);
        if (file.isEmpty()) {
            return Resolved.failed(Texts.get(locale, "secret.file.outside", name, allowedRoots()));
        }
        secretFiles.add(file.get());
        if (!Files.isRegularFile(file.get())) {
            return Resolved.failed(Texts.get(locale, "file.missing", name));
        }
        try {
            return Resolved.of(
                    Files.readString(file.get(), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", ""));
        } catch (IOException e) {
            return Resolved.failed(Texts.get(locale, "file.unreadable", name));
        }
    }

    /**
     * {@code text} of the property {@code property}, which is not secret: refused when it holds an {@code ${env:…}} or
     * {@code ${file:…}} reference, which only secret properties may use. Pure.
     */
    public Resolved plain(String property, String text) {
        if (text.contains("${env:") || text.contains("${file:")) {
            return Resolved.failed(Texts.get(locale, "reference.notSecret", property));
        }
        return Resolved.of(text);
    }

    /**
     * Remembers that {@code text}, when it is a {@code ${file:…}} reference, names a secret's file, without reading it,
     * so that {@link #resolveFile} refuses it. For a caller that reads one path without its connections (the console).
     * Reads the file system (links).
     */
    public void reserveSecretFile(String text) {
        reference(text)
                .filter(r -> r.kind().equals("file"))
                .flatMap(r -> allowed(r.name(), true))
                .ifPresent(secretFiles::add);
    }

    /**
     * The absolute, real path of the FILE property value {@code text} (relative to the workspace), if the file exists
     * inside the allowed roots, outside {@code data/}, {@code connections/} and {@code paths/} (an attachment must not
     * mail a secret or the files that name them), and is no secret's file. Reads the file system.
     */
    public Resolved resolveFile(String text) {
        String name = text.trim();
        Optional<Path> file = allowed(name, false).filter(f -> !secretFiles.contains(f));
        if (file.isEmpty()) {
            return Resolved.failed(Texts.get(locale, "file.outside", name, allowedRoots()));
        }
        if (!Files.isRegularFile(file.get())) {
            return Resolved.failed(Texts.get(locale, "file.missing", name));
        }
        return Resolved.of(file.get().toString());
    }

    /** {@code name} resolved against the workspace with links followed, when inside a root; empty otherwise. */
    private Optional<Path> allowed(String name, boolean secret) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path file;
        try {
            file = realPath(workspace.resolve(name).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        Path data = realPath(workspace.resolve("data"));
        if (file.startsWith(data) && !(secret && file.startsWith(data.resolve("secrets")))) {
            // the runtime's own files: the console token, queued mail, journals
            return Optional.empty();
        }
        if (!secret
                && (file.startsWith(realPath(workspace.resolve("connections")))
                        || file.startsWith(realPath(workspace.resolve("paths"))))) {
            return Optional.empty();
        }
        return roots.stream().anyMatch(file::startsWith) ? Optional.of(file) : Optional.empty();
    }

    /**
     * {@code path} with every symbolic link of its existing part followed; a missing tail is appended as written (it
     * cannot be a link). Reads the file system.
     */
    private static Path realPath(Path path) {
        Path existing = path;
        Path tail = null;
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            tail = tail == null ? name : name.resolve(tail);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            Path real = existing.toRealPath();
            return tail == null ? real : real.resolve(tail).normalize();
        } catch (IOException e) {
            return path;
        }
    }

    private static List<Path> roots(Path workspace, String extra) {
        List<Path> out = new ArrayList<>();
        out.add(realPath(workspace));
        if (extra != null) {
            for (String entry : extra.split(Pattern.quote(File.pathSeparator))) {
                if (!entry.isBlank() && Path.of(entry.trim()).isAbsolute()) {
                    out.add(realPath(Path.of(entry.trim()).normalize()));
                }
            }
        }
        return List.copyOf(out);
    }

    private String allowedRoots() {
        return roots.size() == 1
                ? Texts.get(locale, "file.roots.workspace", FILE_ROOTS)
                : Texts.get(
                        locale,
                        "file.roots.listed",
                        String.join(
                                File.pathSeparator,
                                roots.subList(1, roots.size()).stream()
                                        .map(Path::toString)
                                        .toList()));
    }

    private String misspelled(String property, String text) {
        if (text.matches("(?s)\\$\\{env:[^}:]*:.*")) {
            return Texts.get(locale, "reference.noDefault", property);
        }
        // The name is echoed only when the whole value is one reference: part of a real secret must never be.
        Matcher whole = WHOLE_MISSPELLED.matcher(text);
        return whole.matches()
                ? Texts.get(locale, "reference.misspelled", property, "${env:" + whole.group(1) + "}")
                : Texts.get(locale, "reference.notWhole", property);
    }
}
