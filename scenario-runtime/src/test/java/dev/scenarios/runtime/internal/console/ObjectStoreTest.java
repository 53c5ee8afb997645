package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.runtime.internal.workspace.YamlNode;
import dev.scenarios.runtime.internal.workspace.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML the console writes reads back, through the workspace's own reader, as exactly the values given. */
class ObjectStoreTest {

    @TempDir
    Path dir;

    @Test
    void trickyTextsSurviveTheRoundTripThroughTheWorkspaceReader() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", "smtp-send");
        values.put("systemName", "orders");
        values.put("yes", "yes");
        values.put("on", "on");
        values.put("zip", "0123");
        values.put("number", "587");
        values.put("placeholder", "{OrderNo}");
        values.put("colon", "a: b");
        values.put("hash", "# not a comment");
        values.put("reference", "${env:SMTP_PASSWORD}");
        values.put("cyrillic", "Заказ №{OrderNo} принят");
        values.put("body", "Здравствуйте, {Customer}!\n\n  С уважением,\nмагазин\n");
        values.put("port", 587);
        values.put("flag", true);
        values.put("headers", List.of(Map.of("name", "X-Order-No", "value", "{OrderNo}")));

        String yaml = ObjectStore.toYaml(values);
        YamlNode read = YamlReader.read(yaml);

        for (String key : List.of(
                "yes", "on", "zip", "number", "placeholder", "colon", "hash", "reference", "cyrillic", "body")) {
            assertThat(read.fields().get(key).text()).as(key + " in\n" + yaml).isEqualTo(values.get(key));
        }
        assertThat(read.fields().get("port").text()).isEqualTo("587");
        assertThat(read.fields()
                        .get("headers")
                        .items()
                        .get(0)
                        .fields()
                        .get("value")
                        .text())
                .isEqualTo("{OrderNo}");
    }

    @Test
    void anEditKeepsTheFilesCommentsWhereTheirKeysStillAre() throws Exception {
        Files.createDirectories(dir.resolve("connections"));
        Files.writeString(dir.resolve("connections/mail.yaml"), """
                # Relay of the shop; owner: ops team
                # (changes go through the console)

                type: smtp
                systemName: mail
                # the relay in the DMZ
                server: relay.example.com   # not smtp.example.com
                port: 25
                description: "a # inside quotes stays text"
                # retired: backup.example.com
                """);
        ObjectStore store = new ObjectStore(dir);
        Map<String, Object> values = new LinkedHashMap<>(
                store.find(ObjectKind.CONNECTION, "mail").orElseThrow().values());
        values.put("port", 587);
        values.put("encryption", "tls");

        store.write(ObjectKind.CONNECTION, "connections/mail.yaml", values);

        String written = Files.readString(dir.resolve("connections/mail.yaml"));
        assertThat(written)
                .startsWith("# Relay of the shop; owner: ops team\n# (changes go through the console)\n\ntype: smtp\n")
                .contains("# the relay in the DMZ\nserver: relay.example.com  # not smtp.example.com\n")
                .contains("port: 587\n")
                .contains("encryption: tls\n")
                .contains("a # inside quotes stays text")
                .doesNotContain("stays text  #")
                .endsWith("# retired: backup.example.com\n");
        assertThat(store.find(ObjectKind.CONNECTION, "mail").orElseThrow().values())
                .isEqualTo(values);
    }

    @Test
    void anEndOfLineCommentIsNotAddedToAValueThatBecameABlock() {
        String previous = "type: smtp\nserver: a.example.com # note\n";
        String written = "type: smtp\nserver: |\n  multi\n  line\n";
        assertThat(YamlComments.carryOver(previous, written)).isEqualTo(written);
    }

    @Test
    void writesReplaceTheFileAndANameCannotLeaveItsFolder() throws Exception {
        ObjectStore store = new ObjectStore(dir);
        Map<String, Object> values =
                new LinkedHashMap<>(Map.of("type", "smtp", "systemName", "mail", "server", "a.example.com"));
        assertThat(store.write(ObjectKind.CONNECTION, null, values)).isEqualTo("connections/mail.yaml");
        values.put("server", "b.example.com");
        store.write(ObjectKind.CONNECTION, "connections/mail.yaml", values);

        assertThat(Files.readString(dir.resolve("connections/mail.yaml")))
                .contains("server: b.example.com")
                .doesNotContain("a.example.com");
        assertThat(store.find(ObjectKind.CONNECTION, "mail")).isPresent();
        try (var files = Files.list(dir.resolve("connections"))) {
            assertThat(files).containsExactly(dir.resolve("connections/mail.yaml"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("connections/mail.yaml"))))
                .isEqualTo("rw-------");
        assertThatThrownBy(() ->
                        store.write(ObjectKind.CONNECTION, null, Map.of("type", "smtp", "systemName", "../paths/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("systemName");
        assertThatThrownBy(() ->
                        store.write(ObjectKind.CONNECTION, "paths/x.yaml", Map.of("type", "smtp", "systemName", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Issue #13, item 8: the console's own reader refuses an alias too, instead of showing its name as the value. */
    @Test
    void aFileWithAnAliasOrOverTheSizeLimitIsNotOfferedToTheForm() throws Exception {
        Files.createDirectories(dir.resolve("connections"));
        Files.writeString(
                dir.resolve("connections/mail.yaml"),
                "type: smtp\nsystemName: mail\ndescription: &pw hello\nheloName: *pw\n");
        try (var big =
                new java.io.RandomAccessFile(dir.resolve("connections/big.yaml").toFile(), "rw")) {
            big.setLength(YamlReader.MAX_BYTES + 1); // sparse: refused by its size, never read
        }
        Files.writeString(dir.resolve("connections/plain.yaml"), "type: smtp\nsystemName: plain\n");
        ObjectStore store = new ObjectStore(dir);

        assertThat(store.find(ObjectKind.CONNECTION, "mail")).isEmpty();
        assertThat(store.list(ObjectKind.CONNECTION))
                .extracting(ObjectStore.Stored::file)
                .containsExactly("connections/plain.yaml");
    }
}
