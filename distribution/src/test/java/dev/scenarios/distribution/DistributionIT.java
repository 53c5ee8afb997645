package dev.scenarios.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive as a user gets it: unpacked into a temporary folder, {@code bin/scenario} run from another folder and
 * through a symlink, with only a JDK (this test's) and no Maven.
 */
class DistributionIT {

    private static final String VERSION = System.getProperty("scenario.version");

    @TempDir
    static Path unpacked;

    @TempDir
    static Path elsewhere;

    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("scenario.archive"));
        Result tar = run(unpacked, List.of("tar", "-xzf", archive.toString()), Map.of());
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        home = unpacked.resolve("scenario-" + VERSION);
    }

    record Result(int exitCode, String output) {}

    /** Runs {@code command} in {@code folder} with this test's JDK as JAVA_HOME; 60 s at most. */
    private static Result run(Path folder, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("SMTP_PASSWORD");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        // Read before waiting: a full pipe would block the child.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    @Test
    void theArchiveHoldsTheLaunchersTheJarsTheExamplesAndTheDocs() {
        assertThat(home.resolve("bin/scenario")).isExecutable();
        assertThat(home.resolve("bin/scenario.cmd")).isRegularFile();
        assertThat(home.resolve("lib/scenario-runtime-" + VERSION + ".jar")).isRegularFile();
        assertThat(home.resolve("lib/smtp-connector-" + VERSION + ".jar")).isRegularFile();
        assertThat(home.resolve("examples/order-notifications/scenarios/orders.yaml"))
                .isRegularFile();
        assertThat(home.resolve("examples/pom.xml")).doesNotExist();
        assertThat(home.resolve("docs/camel-component.md")).isRegularFile();
    }

    @Test
    void versionPrintsTheProjectAndConnectorVersionsFromAnotherFolder() throws Exception {
        Result version = run(elsewhere, List.of(home.resolve("bin/scenario").toString(), "--version"), Map.of());
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("scenario " + VERSION + "\n").contains("connector smtp " + VERSION);
    }

    @Test
    void theFirstStartMakesAClassDataSharingArchiveThatTheNextStartsMap() throws Exception {
        assertThat(home.resolve("lib/scenario.classlist")).isRegularFile();
        Result first = run(elsewhere, List.of(home.resolve("bin/scenario").toString(), "--version"), Map.of());
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).startsWith("scenario " + VERSION + "\n");
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("scenario-") && name.endsWith(".jsa"));
        }

        // -Xshare:on makes the JVM refuse to start when the archive cannot be mapped: this start uses it.
        Result shared = run(
                elsewhere,
                List.of(home.resolve("bin/scenario").toString(), "--version"),
                Map.of("SCENARIO_JAVA_OPTS", "-Xshare:on"));
        assertThat(shared.exitCode()).as(shared.output()).isZero();
        assertThat(shared.output()).startsWith("scenario " + VERSION + "\n");

        Result without = run(
                elsewhere,
                List.of(home.resolve("bin/scenario").toString(), "--version"),
                Map.of("SCENARIO_CDS", "off"));
        assertThat(without.exitCode()).as(without.output()).isZero();
    }

    @Test
    void validateWorksThroughASymlinkAndNamesAMissingPassword() throws Exception {
        Path link = Files.createSymbolicLink(elsewhere.resolve("scenario"), home.resolve("bin/scenario"));
        String example = home.resolve("examples/order-notifications").toString();

        Result valid = run(elsewhere, List.of(link.toString(), "validate", example), Map.of("SMTP_PASSWORD", "x"));
        assertThat(valid.exitCode()).as(valid.output()).isZero();

        Result invalid = run(elsewhere, List.of(link.toString(), "validate", example), Map.of());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.output()).contains("connections/mail.yaml:").contains("SMTP_PASSWORD is not set");
    }

    @Test
    void theExampleRunsAgainstTheDevInbox() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/scenario").toString(),
                "run",
                "examples/order-notifications",
                "--dev-inbox",
                "--duration",
                "5s"));
        Result run = run(home, command, Map.of());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("Заказ №2024-1 принят")
                .contains("Заказ №2024-2 принят")
                .doesNotContain("SLF4J");
    }
}
