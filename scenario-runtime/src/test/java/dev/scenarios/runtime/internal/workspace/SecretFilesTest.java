package dev.scenarios.runtime.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.internal.camel.WorkspaceConnectorContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storing a rotated secret: only through a ${file:…} reference inside the workspace, atomically, owner-only. */
class SecretFilesTest {

    @TempDir
    Path root;

    private Path workspace;
    private String yaml;

    @BeforeEach
    void writeWorkspace() throws Exception {
        workspace = root.resolve("ws");
        Files.createDirectories(workspace.resolve("connections"));
        Files.createDirectories(workspace.resolve("secrets"));
        Files.writeString(workspace.resolve("secrets/refresh.txt"), "1//old-refresh\n");
        yaml = """
                type: smtp
                systemName: google
                refreshToken: ${file:secrets/refresh.txt}
                clientSecret: ${env:CLIENT_SECRET}
                password: in-clear
                outside: ${file:../elsewhere.txt}
                """;
        Files.writeString(workspace.resolve("connections/google.yaml"), yaml);
        Files.writeString(workspace.getParent().resolve("elsewhere.txt"), "x");
    }

    @Test
    void aFileReferenceIsRewrittenAndTheConnectionFileIsNot() throws Exception {
        WorkspaceConnectorContext context = new WorkspaceConnectorContext(workspace.resolve("data"), null);

        assertThat(context.replaceSecret("google", "refreshToken", "1//new-refresh"))
                .isTrue();

        Path file = workspace.resolve("secrets/refresh.txt");
        assertThat(Files.readString(file)).isEqualTo("1//new-refresh\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(workspace.resolve("connections/google.yaml")))
                .isEqualTo(yaml);
        try (var left = Files.list(workspace.resolve("secrets"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("refresh.txt");
        }
    }

    @Test
    void anythingElseIsRefusedAndNothingIsWritten() throws Exception {
        SecretFiles secrets = new SecretFiles(workspace);

        assertThat(secrets.replace("google", "clientSecret", "v"))
                .as("${env:…}")
                .isFalse();
        assertThat(secrets.replace("google", "password", "v")).as("in clear").isFalse();
        assertThat(secrets.replace("google", "outside", "v"))
                .as("outside the workspace")
                .isFalse();
        assertThat(secrets.replace("other", "refreshToken", "v"))
                .as("unknown connection")
                .isFalse();
        assertThat(Files.readString(workspace.getParent().resolve("elsewhere.txt")))
                .isEqualTo("x");
        assertThat(Files.readString(workspace.resolve("secrets/refresh.txt"))).isEqualTo("1//old-refresh\n");
        assertThat(Files.readString(workspace.resolve("connections/google.yaml")))
                .isEqualTo(yaml);
    }
}
