package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workspace.yaml}: where the queue lives, validated with file:line problems like the other files. */
class WorkspaceSettingsTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheFileTheQueueIsTheFolder() {
        Workspace ws = TestWorkspace.minimal(dir).load();
        assertThat(ws.problems()).isEmpty();
        assertThat(ws.queueSettings()).isEqualTo(QueueSettings.FILE);
    }

    @Test
    void postgresqlSettingsResolveThePasswordAndNeverShowIt() {
        Workspace ws = TestWorkspace.minimal(dir)
                .write("workspace.yaml", """
                queue:
                  store: postgresql
                  url: jdbc:postgresql://db.example:5432/mail
                  username: mail
                  password: ${env:QUEUE_DB_PASSWORD}
                """)
                .load(Map.of("MAIL_PASSWORD", "x", "QUEUE_DB_PASSWORD", "db-Secret-77"));
        assertThat(ws.problems()).isEmpty();
        QueueSettings q = ws.queueSettings();
        assertThat(q.store()).isEqualTo(QueueSettings.Store.POSTGRESQL);
        assertThat(q.url()).isEqualTo("jdbc:postgresql://db.example:5432/mail");
        assertThat(q.username()).isEqualTo("mail");
        assertThat(q.password()).isEqualTo("db-Secret-77");
        assertThat(q.schema()).isEqualTo("scenario_mail");
        assertThat(q.toString()).doesNotContain("db-Secret-77");
    }

    @Test
    void badValuesAreProblemsWithFileAndLineAndNoSecret() {
        Workspace ws = TestWorkspace.minimal(dir).write("workspace.yaml", """
                queue:
                  store: postgresql
                  url: jdbc:postgresql://db.example/mail?user=mail&password=hunter2-Secret
                  password: ${env:UNSET_VARIABLE}
                  schema: Mail-Queue
                  color: blue
                """).load();
        assertThat(ws.problems())
                .extracting(p -> p.file() + ":" + p.line() + " " + p.property())
                .containsExactly(
                        "workspace.yaml:3 queue.url",
                        "workspace.yaml:4 queue.password",
                        "workspace.yaml:5 queue.schema",
                        "workspace.yaml:6 queue.color");
        assertThat(ws.problems()).allSatisfy(p -> assertThat(p.message()).doesNotContain("hunter2-Secret"));
        assertThat(ws.problems().get(1).message()).contains("UNSET_VARIABLE");
        assertThat(ws.queueSettings()).isEqualTo(QueueSettings.FILE);
    }

    @Test
    void postgresqlNeedsAUrlAndAKnownStore() {
        Workspace ws = TestWorkspace.minimal(dir)
                .write("workspace.yaml", "queue:\n  store: postgresql\n")
                .load();
        assertThat(ws.problems())
                .extracting(Problem::property, Problem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("queue.url", 2));
        ws = TestWorkspace.minimal(dir)
                .write("workspace.yaml", "queue:\n  store: kafka\n")
                .load();
        assertThat(ws.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("kafka").contains("file, postgresql"));
    }

    @Test
    void limitsHoldAcrossTheRuntimesUnlessSetToRuntime() {
        String yaml = "queue:\n  store: postgresql\n  url: jdbc:postgresql://db.example/mail\n";
        assertThat(TestWorkspace.minimal(dir)
                        .write("workspace.yaml", yaml)
                        .load()
                        .queueSettings()
                        .clusterLimits())
                .isTrue();
        assertThat(TestWorkspace.minimal(dir)
                        .write("workspace.yaml", yaml + "  limits: runtime\n")
                        .load()
                        .queueSettings()
                        .clusterLimits())
                .isFalse();
        Workspace ws = TestWorkspace.minimal(dir)
                .write("workspace.yaml", yaml + "  limits: sometimes\n")
                .load();
        assertThat(ws.problems()).singleElement().satisfies(p -> {
            assertThat(p.file() + ":" + p.line() + " " + p.property()).isEqualTo("workspace.yaml:4 queue.limits");
            assertThat(p.message()).contains("sometimes").contains("cluster, runtime");
        });
    }

    @Test
    void validateReportsTheFileAndTypesListsItsSettings() {
        TestWorkspace.minimal(dir).write("workspace.yaml", "queue:\n  store: kafka\n");
        CliRun validate = CliRun.of("validate", dir.toString());
        assertThat(validate.exitCode()).isNotZero();
        assertThat(validate.out() + validate.err()).contains("workspace.yaml:2");
        CliRun types = CliRun.of("types");
        assertThat(types.exitCode()).isZero();
        assertThat(types.out())
                .contains("workspace.yaml")
                .contains("store (enum, default file: file|postgresql)"
                        .replace(", default file: ", ": ")
                        .replace("postgresql)", "postgresql, default file)"))
                .contains("password (string, secret)");
        assertThat(CliRun.of("types", "--json").out()).contains("\"workspaceFile\"");
    }
}
