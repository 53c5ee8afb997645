package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README is what a newcomer reads first: its title, then the pitch and the prerequisites, then the two commands as
 * the first code block, all on one screen; reference material lives in docs/.
 */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void titleThenPrerequisitesThenTheTwoCommandsAsTheFirstCodeBlock() throws Exception {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);

        assertThat(lines.get(0)).isEqualTo("# scenario-connectors");
        assertThat(lines.size())
                .as("README lines (reference material belongs in docs/)")
                .isLessThanOrEqualTo(150);

        int firstFence = lines.indexOf("```sh");
        assertThat(lines.stream().filter(l -> l.startsWith("```")).findFirst())
                .as("the first code block is the two commands")
                .hasValue("```sh");
        assertThat(firstFence).as("the two commands are on the first screen").isLessThan(25);
        assertThat(String.join("\n", lines.subList(0, firstFence)))
                .as("prerequisites above the commands")
                .contains("**Prerequisites:**", "JDK 17", "chromium");
        assertThat(lines.subList(firstFence + 1, firstFence + 4))
                .satisfiesExactly(
                        run -> assertThat(run)
                                .startsWith("./scenario run examples/order-notifications --dev-inbox --duration 10s "),
                        test -> assertThat(test).startsWith("./mvnw -B verify "),
                        end -> assertThat(end).isEqualTo("```"));
        assertThat(lines).as("next steps into docs/").contains("## Next steps");
    }
}
