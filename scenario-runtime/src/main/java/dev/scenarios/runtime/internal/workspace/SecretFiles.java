package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.runtime.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a new value for a connection's secret when the connection file refers to it as {@code ${file:relative/path}}:
 * the referenced file inside the workspace is replaced atomically (temporary file, fsync, rename) and readable by its
 * owner only. The YAML file is never rewritten, and a secret given in clear or as {@code ${env:…}} cannot be stored.
 * Used for OAuth2 refresh tokens that the provider rotates. Also stores the secrets typed into the console
 * ({@link #store}), so that none is ever written into a YAML file.
 */
public final class SecretFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
    /** Where the console stores the secrets typed into it, relative to the workspace. */
    public static final String SECRETS = "data/secrets";

    private final Path workspace;

    public SecretFiles(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
    }

    /**
     * Replaces the file behind {@code property} of connection {@code connection}. Does I/O; never throws; logs why when
     * it cannot (never the value).
     *
     * @return whether the new value was written
     */
    public boolean replace(String connection, String property, String value) {
        try {
            Optional<Path> target = referencedFile(connection, property);
            if (target.isEmpty()) {
                LOG.warn(
                        "connection {}: the new {} was not stored: only a secret written as ${{file:…}} inside the workspace can be",
                        connection,
                        property);
                return false;
            }
            Path file = target.get();
            writeSecret(file, value);
            LOG.info("connection {}: stored the new {} in {}", connection, property, workspace.relativize(file));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "connection {}: the new {} was not stored: {}",
                    connection,
                    property,
                    e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * Stores {@code value}, typed in the console for secret {@code property} of {@code connection}, and returns the
     * reference the connection file gets instead of the value. When {@code written} (the property's text in the file
     * now) is a {@code ${file:…}} reference to a file inside the workspace, that file is rewritten and the reference is
     * kept; otherwise the value goes to {@code data/secrets/<connection>.<property>}. Files are replaced atomically and
     * readable by their owner only (folder 700). Does I/O.
     *
     * @throws IOException when the file cannot be written (the message names the file, never the value)
     */
    public String store(String connection, String property, String written, String value) throws IOException {
        Optional<ValueResolver.Reference> reference = written == null
                ? Optional.empty()
                : ValueResolver.reference(written).filter(r -> r.kind().equals("file"));
        if (reference.isPresent()) {
            Path file = workspace.resolve(reference.get().name()).normalize();
            if (file.startsWith(workspace) && Files.isRegularFile(file)) {
                writeSecret(file, value);
                return reference.get().text();
            }
        }
        Path folder = workspace.resolve(SECRETS);
        createOwnerOnlyFolder(folder.getParent());
        createOwnerOnlyFolder(folder);
        String name = connection + "." + property;
        writeSecret(folder.resolve(name), value);
        return new ValueResolver.Reference("file", SECRETS + "/" + name).text();
    }

    /**
     * Replaces {@code file} with {@code value} and a line break, durably and owner-only (the runtime's one atomic
     * writer).
     */
    private static void writeSecret(Path file, String value) throws IOException {
        AtomicFiles.write(file, (value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void createOwnerOnlyFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own access rules apply.
        }
    }

    /**
     * The file a {@code ${file:…}} reference of the connection's property names, if it is one and stays inside the
     * workspace.
     */
    Optional<Path> referencedFile(String connection, String property) throws IOException {
        Path folder = workspace.resolve("connections");
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{yaml,yml}")) {
            for (Path yaml : files) {
                YamlNode root;
                try {
                    root = YamlReader.read(Files.readString(yaml, StandardCharsets.UTF_8));
                } catch (YamlReader.YamlException e) {
                    continue;
                }
                if (!root.isMapping() || !isScalar(root, "systemName", connection)) {
                    continue;
                }
                YamlNode value = root.fields().get(property);
                if (value == null || !value.isScalar()) {
                    return Optional.empty();
                }
                Optional<ValueResolver.Reference> reference = ValueResolver.reference(value.text())
                        .filter(r -> r.kind().equals("file"));
                if (reference.isEmpty()) {
                    return Optional.empty();
                }
                Path file = workspace.resolve(reference.get().name()).normalize();
                return file.startsWith(workspace) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isScalar(YamlNode mapping, String field, String text) {
        YamlNode node = mapping.fields().get(field);
        return node != null && node.isScalar() && text.equals(node.text().trim());
    }
}
