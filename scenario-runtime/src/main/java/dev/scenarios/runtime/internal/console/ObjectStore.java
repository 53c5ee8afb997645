package dev.scenarios.runtime.internal.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.scenarios.connector.api.support.Descriptors;
import dev.scenarios.runtime.internal.io.AtomicFiles;
import dev.scenarios.runtime.internal.workspace.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The connection and path files of one workspace, as the console reads and writes them: values exactly as written (a
 * {@code ${env:…}} reference stays that text), one file per object. Writes go through {@link AtomicFiles}, so a reader
 * (a running scenario, {@code scenario validate}) sees the old file or the new one, never half. Does file I/O; methods
 * are synchronized so two requests never interleave their writes.
 */
final class ObjectStore {

    /** A system name the console accepts: it is also the file name, so it can never leave its folder. */
    private static final ObjectMapper PLAIN_YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private static final ObjectMapper READABLE_YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** One stored object: its file (relative to the workspace) and its values as written, {@code type} included. */
    record Stored(String file, Map<String, Object> values) {
        String systemName() {
            Object name = values.get("systemName");
            return name == null ? null : String.valueOf(name).trim();
        }
    }

    private final Path workspace;

    ObjectStore(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
    }

    /**
     * Every readable object of {@code kind}, sorted by file name; unreadable files are left out (validate reports
     * them).
     */
    synchronized List<Stored> list(ObjectKind kind) throws IOException {
        Path folder = workspace.resolve(kind.folder);
        List<Stored> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            read(file).ifPresent(values -> out.add(new Stored(kind.folder + "/" + file.getFileName(), values)));
        }
        return out;
    }

    /** The object of {@code kind} whose {@code systemName} is {@code name}. */
    synchronized Optional<Stored> find(ObjectKind kind, String name) throws IOException {
        return list(kind).stream().filter(s -> name.equals(s.systemName())).findFirst();
    }

    /**
     * Writes {@code values} to {@code file} (relative to the workspace) atomically, or to
     * {@code <folder>/<systemName>.yaml} when {@code file} is null, keeping the comments of the file it replaces where
     * their keys still are ({@link YamlComments}). Returns the file written.
     */
    synchronized String write(ObjectKind kind, String file, Map<String, Object> values) throws IOException {
        String name = String.valueOf(values.get("systemName"));
        if (!Descriptors.isSystemName(name)) {
            throw new IllegalArgumentException("systemName: Latin letters, digits and _ only");
        }
        String relative = file != null ? file : kind.folder + "/" + name + ".yaml";
        Path target = workspace.resolve(relative).normalize();
        if (!target.startsWith(workspace.resolve(kind.folder))) {
            throw new IllegalArgumentException("file outside " + kind.folder + ": " + relative);
        }
        Files.createDirectories(target.getParent());
        String yaml = toYaml(values);
        if (Files.isRegularFile(target)) {
            yaml = YamlComments.carryOver(Files.readString(target, StandardCharsets.UTF_8), yaml);
        }
        // Owner-only, as the files the console wrote before it used the runtime's one atomic writer.
        AtomicFiles.write(target, yaml.getBytes(StandardCharsets.UTF_8));
        return relative;
    }

    /** Deletes {@code file} (relative to the workspace). */
    synchronized void delete(String file) throws IOException {
        Files.deleteIfExists(workspace.resolve(file).normalize());
    }

    /**
     * {@code values} as YAML text: readable (few quotes, multi-line text as blocks) when that reads back identically,
     * else every string quoted. Pure.
     */
    static String toYaml(Map<String, Object> values) throws IOException {
        String readable = READABLE_YAML.writeValueAsString(values);
        if (values.equals(PLAIN_YAML.readValue(readable, MAP))) {
            return readable;
        }
        return PLAIN_YAML.writeValueAsString(values);
    }

    private static Optional<Map<String, Object>> read(Path file) {
        try {
            if (Files.size(file) > YamlReader.MAX_BYTES) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // The workspace's own reader first: it refuses what Jackson would silently accept (an
            // alias read as the text of its name, a repeated key), so the form never shows it as a value.
            YamlReader.read(text);
            Map<String, Object> values = PLAIN_YAML.readValue(text, MAP);
            return Optional.ofNullable(values);
        } catch (IOException | RuntimeException | YamlReader.YamlException e) {
            return Optional.empty();
        }
    }
}
