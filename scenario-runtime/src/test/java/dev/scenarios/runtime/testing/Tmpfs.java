package dev.scenarios.runtime.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real file system that misbehaves: a {@code tmpfs} mounted read-only, or with a size limit (a full disk), on a
 * folder of a test's workspace. Needs root (the build machine runs as root); elsewhere the test is skipped saying why.
 * Unmounted on close.
 */
public final class Tmpfs implements AutoCloseable {

    private final Path at;

    private Tmpfs(Path at) {
        this.at = at;
    }

    /** Mounts an empty read-only tmpfs on {@code at} (created if missing). */
    public static Tmpfs readOnly(Path at) throws IOException, InterruptedException {
        return mount(at, "ro,size=64k");
    }

    /**
     * Mounts an empty writable tmpfs of {@code bytes} on {@code at}: writes beyond fail with "No space left on device".
     */
    public static Tmpfs ofSize(Path at, long bytes) throws IOException, InterruptedException {
        return mount(at, "size=" + bytes);
    }

    private static Tmpfs mount(Path at, String options) throws IOException, InterruptedException {
        Files.createDirectories(at);
        String why = run(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString()));
        assumeTrue(why.isEmpty(), "needs root to mount a tmpfs (a real read-only or full file system): " + why);
        return new Tmpfs(at);
    }

    /** Remounts it read-only, as a disk the kernel turned read-only after an error. */
    public void remountReadOnly() throws IOException, InterruptedException {
        String why = run(List.of("mount", "-o", "remount,ro", at.toString()));
        if (!why.isEmpty()) {
            throw new IOException("cannot remount " + at + " read-only: " + why);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? "" : output.isBlank() ? "exit " + p.exitValue() : output.strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String why = run(List.of("umount", "-l", at.toString()));
        if (!why.isEmpty()) {
            throw new IOException("cannot unmount " + at + ": " + why);
        }
    }
}
