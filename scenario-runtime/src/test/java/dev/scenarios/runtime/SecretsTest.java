package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.fake.FakeOutbox;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password (from the environment or written inline) appears in no output of any command. */
class SecretsTest {

    private static final String SECRET = "s3cret-Pa55";

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        FakeOutbox.reset();
    }

    private static void assertNoSecret(CliRun run) {
        assertThat(run.out()).doesNotContain(SECRET);
        assertThat(run.err()).doesNotContain(SECRET);
    }

    @Test
    void noCommandPrintsTheSecret() {
        TestWorkspace.minimal(dir)
                .write("connections/mail.yaml", TestWorkspace.CONNECTION.replace("journal: off", "journal: full"))
                .write(
                        "scenarios/tick.yaml",
                        "- route:\n    from:\n      uri: timer:t?repeatCount=1&delay=10\n      steps:\n        - to: path:orders\n");
        String ws = dir.toString();

        for (String[] args : new String[][] {
            {"validate", ws},
            {"check", ws, "mail"},
            {"check", ws, "mail", "--json"},
            {"send", ws, "orders", "--json"},
            {"send", ws, "orders"},
            {"run", ws, "--duration", "500ms"},
            {"journal", ws, "mail"}
        }) {
            assertNoSecret(CliRun.of(args));
        }
        assertThat(FakeOutbox.sent()).hasSize(3);
    }

    @Test
    void problemsWithASecretNeverEchoIt() {
        TestWorkspace.minimal(dir)
                .write(
                        "connections/inline.yaml",
                        "type: fake\nsystemName: inline\nserver: x\npassword: [" + SECRET + "]\n")
                .write(
                        "connections/broken.yaml",
                        "type: fake\nsystemName: broken\nserver: x\npassword: \"" + SECRET + "\n");

        CliRun run = CliRun.of("validate", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out())
                .contains("connections/inline.yaml:4: connection inline password: password must be text")
                .contains("connections/broken.yaml:");
        assertNoSecret(run);
    }
}
