package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.runtime.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a new value for a connection's secret when the connection file refers to it as
 * {@code ${file:relative/path}}: the referenced file inside the workspace is replaced atomically
 * (temporary file, fsync, rename) and readable by its owner only. The YAML file is never rewritten,
 * and a secret given in clear or as {@code ${env:…}} cannot be stored. Used for OAuth2 refresh
 * tokens that the provider rotates.
 */
public final class SecretFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
    private static final Pattern FILE_REFERENCE = Pattern.compile("\\$\\{file:([^}]+)}");

    private final Path workspace;

    public SecretFiles(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
    }

    /**
     * Replaces the file behind {@code property} of connection {@code connection}. Does I/O; never
     * throws; logs why when it cannot (never the value).
     *
     * @return whether the new value was written
     */
    public boolean replace(String connection, String property, String value) {
        try {
            Optional<Path> target = referencedFile(connection, property);
            if (target.isEmpty()) {
                LOG.warn("connection {}: the new {} was not stored: only a secret written as ${{file:…}} inside the workspace can be",
                        connection, property);
                return false;
            }
            Path file = target.get();
            AtomicFiles.write(file, (value + "\n").getBytes(StandardCharsets.UTF_8));
            LOG.info("connection {}: stored the new {} in {}", connection, property, workspace.relativize(file));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("connection {}: the new {} was not stored: {}", connection, property, e.getClass().getSimpleName());
            return false;
        }
    }

    /** The file a {@code ${file:…}} reference of the connection's property names, if it is one and stays inside the workspace. */
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
                Matcher m = FILE_REFERENCE.matcher(value.text().trim());
                if (!m.matches()) {
                    return Optional.empty();
                }
                Path file = workspace.resolve(m.group(1).trim()).normalize();
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
