package dev.scenarios.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.runtime.Connectors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings tables in the repository's {@code docs/} are the ones the descriptors generate: a changed descriptor or
 * help text without regenerated docs (or a hand-edited table) fails here, naming the command that fixes it.
 */
class ReferenceDocsTest {

    /** The repository's docs folder; Maven runs the tests in the module's folder. */
    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

    @Test
    void theCommittedDocsHoldTheGeneratedTablesOfEveryTypeOnce() throws Exception {
        assertThat(ReferenceDocs.differences(DOCS, shipped()))
                .as("the docs differ from the descriptors; regenerate them from the repository's root with:\n  "
                        + ReferenceDocs.COMMAND + "\nthen review and commit docs/")
                .isEmpty();
    }

    @Test
    void writeDocsRewritesAStaleBlockAndLeavesTheProseAlone(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("smtp-connection.md");
        Files.writeString(doc, """
                # Connection type smtp

                Prose before.

                <!-- BEGIN GENERATED smtp (old wording) -->
                | key | hand-edited |
                <!-- END GENERATED smtp -->

                Prose after.
                """);

        String[] run = types("types", "--markdown", "--write-docs", dir.toString());

        assertThat(run[0]).isEqualTo("0");
        assertThat(run[1]).contains("smtp-connection.md");
        String text = Files.readString(doc);
        assertThat(text)
                .startsWith("# Connection type smtp\n\nProse before.\n\n" + ReferenceDocs.beginMarker("smtp") + "\n")
                .endsWith("<!-- END GENERATED smtp -->\n\nProse after.\n")
                .contains("| `server` | string, required |", "| `encryption` | `none` \\| `ssl` \\| `tls` |")
                .contains("| `port` | integer, 1–65535 | `25` when `encryption` = `none`;")
                .contains("| `password` | string, required, secret, only when `authentication` = `basic` \\| `windows`")
                .doesNotContain("hand-edited");
        assertThat(ReferenceDocs.differences(dir, Connectors.fromClassPath()))
                .as("the other blocks are missing from this folder, the smtp one is now right")
                .noneMatch(d -> d.contains("smtp-connection.md"));

        String[] again = types("types", "--markdown", "--write-docs", dir.toString());
        assertThat(again[1]).as("nothing left to rewrite").isEmpty();
    }

    /** The connectors the product ships, without the test class path's fake one. */
    private static Connectors shipped() {
        return Connectors.of(ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.getClass().getPackageName().startsWith("dev.scenarios.connector."))
                .toArray(ConnectorProvider[]::new));
    }

    /** Runs {@code scenario} in this JVM with the real connectors: exit code, output, errors. */
    private static String[] types(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ScenarioCommand.execute(
                args,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Connectors.fromClassPath(),
                Map.of(),
                Locale.ENGLISH);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void markdownPrintsEveryBlockWithItsMarkers() {
        String[] run = types("types", "--markdown");

        assertThat(run[0]).isEqualTo("0");
        assertThat(run[1])
                .contains("## smtp\n", "## smtp-send\n", "## imap\n", "## imap-receive\n")
                .contains("## path-settings\n", "## workspace.yaml\n")
                .contains("| `retry.backoff` |", "| `queue.store` |")
                .contains("<!-- END GENERATED workspace.yaml -->");
    }
}
