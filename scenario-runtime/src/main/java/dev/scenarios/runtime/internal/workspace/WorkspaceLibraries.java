package dev.scenarios.runtime.internal.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workspace's {@code lib/*.jar}: extra Camel components (and their clients, JDBC drivers…) that its scenarios use.
 * Camel finds a component by its scheme through the CamelContext's application class loader, so the loader and the
 * runtime give Camel {@link #classLoader(Path)}.
 */
public final class WorkspaceLibraries {

    /** The folder, in the workspace, whose jars are added. */
    public static final String FOLDER = "lib";

    private WorkspaceLibraries() {}

    /** The {@code *.jar} files directly in {@code <workspace>/lib}, by name; empty without that folder. Does I/O. */
    public static List<Path> jars(Path workspace) {
        Path folder = workspace.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * A class loader over the workspace's jars whose parent loads the runtime itself, or null when there is no jar
     * (then Camel keeps its own). The caller closes it when its CamelContext stopped.
     *
     * @throws UncheckedIOException if {@code lib/} cannot be listed
     */
    public static URLClassLoader classLoader(Path workspace) {
        List<Path> jars = jars(workspace);
        if (jars.isEmpty()) {
            return null;
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("not a file: " + jar, e);
            }
        }
        return new URLClassLoader("workspace-lib", urls.toArray(URL[]::new), WorkspaceLibraries.class.getClassLoader());
    }

    /**
     * Closes {@code libraries} (may be null) once its CamelContext stopped; never throws: a jar left open changes no
     * result.
     */
    public static void close(URLClassLoader libraries) {
        if (libraries != null) {
            try {
                libraries.close();
            } catch (IOException ignored) {
                // the jars stay open until the JVM exits
            }
        }
    }
}
