package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console token holder cannot make a saved secret, or a file outside the workspace, leave the machine (issue #13,
 * findings 1, 3 and 4), over real sockets.
 */
class ConsoleSecretsTest {

    @TempDir
    Path dir;

    ConsoleFixture console;
    RecordingListener listener;

    @BeforeEach
    void start() throws Exception {
        console = new ConsoleFixture(dir, Map.of("SMTP_PASSWORD", ConsoleFixture.SMTP_PASSWORD));
        listener = new RecordingListener();
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        console.close();
    }

    private void saveMail() {
        HttpResponse<String> created = console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));
        assertThat(created.statusCode()).isEqualTo(201);
    }

    /** Finding 1: the stored password went to any server the form named. */
    @Test
    void finding1_aCheckOrSaveWithAnotherDestinationNeedsTheSecretTypedAgain() throws Exception {
        saveMail();
        String saved = console.file("connections/mail.yaml");
        Map<String, Object> elsewhere = console.smtpValues("mail", null);
        elsewhere.put("port", listener.port());

        HttpResponse<String> check =
                console.api("POST", "/api/connections/mail/check?lang=en", Map.of("values", elsewhere));
        assertThat(check.statusCode()).isEqualTo(422);
        JsonNode problem = ConsoleFixture.json(check).get(0);
        assertThat(problem.get("property").asText()).isEqualTo("password");
        assertThat(problem.get("code").asText()).isEqualTo("secret.retype");
        assertThat(problem.get("message").asText()).contains("type it again").contains("port");

        HttpResponse<String> russian =
                console.api("POST", "/api/connections/mail/check?lang=ru", Map.of("values", elsewhere));
        assertThat(ConsoleFixture.json(russian).get(0).get("message").asText()).contains("введите заново");

        for (String property : List.of("server", "username", "encryption", "authentication")) {
            Map<String, Object> changed = console.smtpValues("mail", null);
            changed.put(
                    property,
                    switch (property) {
                        case "server" -> "localhost";
                        case "username" -> "other@example.com";
                        case "encryption" -> "ssl";
                        default -> "windows";
                    });
            assertThat(console.api("POST", "/api/connections/mail/check", Map.of("values", changed))
                            .statusCode())
                    .as(property)
                    .isEqualTo(422);
        }
        // saving the changed destination first and checking the saved connection is the same leak
        HttpResponse<String> save = console.api("PUT", "/api/connections/mail", Map.of("values", elsewhere));
        assertThat(save.statusCode()).isEqualTo(422);
        assertThat(console.file("connections/mail.yaml")).isEqualTo(saved);
        assertThat(console.api("POST", "/api/connections/mail/check", Map.of()).statusCode())
                .isEqualTo(200);

        assertThat(listener.connections()).isZero();
        assertThat(listener.lines()).isEmpty();

        // the same destination keeps the saved password; a typed one may go anywhere
        Map<String, Object> same = console.smtpValues("mail", null);
        same.put("description", "unsaved change");
        assertThat(ConsoleFixture.json(console.api("POST", "/api/connections/mail/check", Map.of("values", same)))
                        .get("status")
                        .asText())
                .isEqualTo("SUCCEEDED");
        elsewhere.put("password", "typed-for-the-listener");
        assertThat(console.api("POST", "/api/connections/mail/check", Map.of("values", elsewhere))
                        .statusCode())
                .isEqualTo(200);
        assertThat(listener.connections()).isEqualTo(1);
        assertThat(String.join("\n", listener.lines()))
                .doesNotContain(java.util.Base64.getEncoder()
                        .encodeToString(("\0" + ConsoleFixture.SMTP_USER + "\0" + ConsoleFixture.SMTP_PASSWORD)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Finding 4: a typed password was written into the YAML in clear, over a ${file:} reference. */
    @Test
    void finding4_aTypedSecretGoesToAnOwnerOnlyFileAndTheFormSaysWhere() throws Exception {
        saveMail();

        assertThat(console.file("connections/mail.yaml"))
                .contains("password: \"${file:data/secrets/mail.password}\"")
                .doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        Path secret = dir.resolve("data/secrets/mail.password");
        assertThat(Files.readString(secret)).isEqualTo(ConsoleFixture.SMTP_PASSWORD + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent())))
                .isEqualTo("rwx------");

        // an operator's ${file:} reference: its file is rewritten, the YAML keeps the reference
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/smtp.txt"), "old-password\n");
        String yaml = console.file("connections/mail.yaml")
                .replace("${file:data/secrets/mail.password}", "${file:secrets/smtp.txt}");
        Files.writeString(dir.resolve("connections/mail.yaml"), yaml);
        JsonNode view = ConsoleFixture.json(console.api("GET", "/api/connections/mail", null));
        assertThat(view.at("/secretSources/password/file").asText()).isEqualTo("secrets/smtp.txt");

        HttpResponse<String> updated = console.api(
                "PUT",
                "/api/connections/mail",
                Map.of("values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).doesNotContain(ConsoleFixture.SMTP_PASSWORD).contains("secrets/smtp.txt");
        assertThat(console.file("connections/mail.yaml"))
                .contains("password: \"${file:secrets/smtp.txt}\"")
                .doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(console.file("secrets/smtp.txt")).isEqualTo(ConsoleFixture.SMTP_PASSWORD + "\n");
        assertThat(ConsoleFixture.json(console.api("POST", "/api/connections/mail/check", Map.of()))
                        .get("status")
                        .asText())
                .isEqualTo("SUCCEEDED");
    }

    /** Finding 3: an operator's secret file inside the workspace cannot be attached either. */
    @Test
    void finding3_theConsoleCannotAttachTheFileOfASecret() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/smtp.txt"), ConsoleFixture.SMTP_PASSWORD + "\n");
        Map<String, Object> mail = new LinkedHashMap<>(console.smtpValues("mail", null));
        mail.put("password", "${file:secrets/smtp.txt}");
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("type", "smtp");
        yaml.putAll(mail);
        Files.writeString(dir.resolve("connections/mail.yaml"), ObjectStore.toYaml(yaml));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("name", "a.txt");
        attachment.put("file", "secrets/smtp.txt");
        Map<String, Object> path = new LinkedHashMap<>();
        path.put("systemName", "orders");
        path.put("connection", "mail");
        path.put("subject", "Order");
        path.put("attachments", List.of(attachment));

        HttpResponse<String> refused =
                console.api("POST", "/api/paths?lang=en", Map.of("type", "smtp-send", "values", path));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("attachments[0].file").doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(dir.resolve("paths/orders.yaml")).doesNotExist();
    }

    /** Finding 3: through PUT /api/paths a console user could attach /etc/shadow and add a bcc. */
    @Test
    void finding3_theConsoleCannotAttachAFileOutsideTheWorkspace() throws Exception {
        saveMail();
        Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName()), "private");
        for (String file : List.of(
                "/etc/passwd",
                "../outside-" + dir.getFileName(),
                "data/secrets/mail.password",
                "/proc/self/environ",
                "connections/mail.yaml")) {
            Map<String, Object> attachment = new LinkedHashMap<>();
            attachment.put("name", "a.txt");
            attachment.put("file", file);
            Map<String, Object> path = new LinkedHashMap<>();
            path.put("systemName", "orders");
            path.put("connection", "mail");
            path.put("subject", "Order");
            path.put("bcc", "attacker@example.com");
            path.put("attachments", List.of(attachment));

            HttpResponse<String> refused =
                    console.api("POST", "/api/paths?lang=en", Map.of("type", "smtp-send", "values", path));

            assertThat(refused.statusCode()).as(file).isEqualTo(422);
            assertThat(refused.body()).contains("attachments[0].file").contains("must be a file inside the workspace");
            assertThat(dir.resolve("paths/orders.yaml")).doesNotExist();
        }
    }
}
