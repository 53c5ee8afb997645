package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a workspace file may reach (issue #13): references only in secret properties, spelled exactly; files only inside
 * the workspace (or the roots the operator lists), links followed; no YAML aliases, no huge files. Each test names the
 * finding it closes.
 */
class WorkspaceSecurityTest {

    private static final String SECRET = "s3cret-Pa55";

    @TempDir
    Path root;

    private Path ws() {
        return root.resolve("ws");
    }

    private TestWorkspace workspace() {
        return new TestWorkspace(ws());
    }

    private List<String> problems(Map<String, String> environment) {
        return Workspace.load(ws(), Connectors.fromClassPath(), environment, Locale.ENGLISH).problems().stream()
                .map(Problem::toString)
                .toList();
    }

    private static String smtpConnection(String extra) {
        return """
                type: smtp
                systemName: mail
                server: 127.0.0.1
                port: 2525
                encryption: none
                senderAddress: shop@example.com
                checkWithoutSending: true
                """ + extra;
    }

    private static String smtpPath(String extra) {
        return """
                type: smtp-send
                systemName: orders
                connection: mail
                subject: Order
                to: a@example.com
                """ + extra;
    }

    /** Finding 2: ${env:}/${file:} in heloName or senderName would put a secret into EHLO or From. */
    @Test
    void finding2_referencesResolveOnlyInSecretProperties() throws Exception {
        workspace()
                .write(
                        "connections/mail.yaml",
                        smtpConnection("heloName: ${env:SECRET}\nsenderName: ${file:secret.txt}\n"))
                .write("secret.txt", SECRET + "\n")
                .write("paths/orders.yaml", smtpPath("headers:\n  - name: X-Leak\n    value: ${env:SECRET}\n"));

        List<String> problems = problems(Map.of("SECRET", SECRET));

        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("connections/mail.yaml:8: connection mail heloName: not a secret property"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("connections/mail.yaml:9: connection mail senderName: not a secret property"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("paths/orders.yaml:8: path orders headers[0].value: not a secret property"));
        assertThat(String.join("\n", problems)).doesNotContain(SECRET);
    }

    /**
     * Finding 5: near-miss spellings were sent as the password; ${env:X:-default} was a variable named "X:-default".
     */
    @Test
    void finding5_aMisspelledReferenceInASecretIsAnErrorWithTheRightSpelling() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("${SMTP_PASSWORD}", "write ${env:SMTP_PASSWORD} for an environment variable");
        cases.put("{{env:SMTP_PASSWORD}}", "write ${env:SMTP_PASSWORD} for an environment variable");
        cases.put("$SMTP_PASSWORD", "write ${env:SMTP_PASSWORD} for an environment variable");
        cases.put("${ENV:SMTP_PASSWORD}", "write ${env:SMTP_PASSWORD} for an environment variable");
        cases.put("prefix-${env:SMTP_PASSWORD}", "a reference is the whole value");
        cases.put("${env:SMTP_PASSWORD:-fallback}", "${env:NAME:-default} is not supported");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            workspace()
                    .write(
                            "connections/mail.yaml",
                            smtpConnection("authentication: basic\nallowInsecureAuthentication: true\n"
                                    + "username: shop\npassword: \"" + c.getKey() + "\"\n"));

            List<String> problems = problems(Map.of("SMTP_PASSWORD", SECRET));

            assertThat(problems)
                    .as(c.getKey())
                    .singleElement()
                    .satisfies(p -> assertThat(p)
                            .startsWith("connections/mail.yaml:11: connection mail password: ")
                            .contains(c.getValue())
                            .doesNotContain(SECRET));
        }
        workspace()
                .write(
                        "connections/mail.yaml",
                        smtpConnection("authentication: basic\nallowInsecureAuthentication: true\n"
                                + "username: shop\npassword: ${env:SMTP_PASSWORD}\n"));
        assertThat(problems(Map.of("SMTP_PASSWORD", SECRET))).isEmpty();
    }

    /** Finding 3: attachments and trustedCertificates read any file: /etc/passwd, ../.., /proc/self/environ, links. */
    @Test
    void finding3_filesResolveInsideTheWorkspaceAfterLinksAreFollowed() throws Exception {
        Path outside = Files.writeString(root.resolve("outside.txt"), "not for mail");
        workspace()
                .write("connections/mail.yaml", smtpConnection("trustedCertificates: /etc/passwd\n"))
                .write("files/ok.txt", "fine")
                .write("data/console-token", "token-0123456789abcdef")
                .write("paths/orders.yaml", smtpPath("""
                        attachments:
                          - name: a
                            file: /etc/passwd
                          - name: b
                            file: ../../../../../etc/passwd
                          - name: c
                            file: /proc/self/environ
                          - name: d
                            file: files/link.txt
                          - name: e
                            file: data/console-token
                          - name: f
                            file: files/ok.txt
                          - name: g
                            file: secrets/smtp.txt
                          - name: h
                            file: connections/mail.yaml
                        """))
                .write("secrets/smtp.txt", SECRET + "\n")
                .write(
                        "connections/other.yaml",
                        smtpConnection("authentication: basic\nallowInsecureAuthentication: true\n"
                                        + "username: shop\npassword: ${file:secrets/smtp.txt}\n")
                                .replace("systemName: mail", "systemName: other"));
        Files.createSymbolicLink(ws().resolve("files/link.txt"), outside);

        List<String> problems = problems(Map.of());

        assertThat(problems)
                .anySatisfy(
                        p -> assertThat(p)
                                .startsWith(
                                        "connections/mail.yaml:8: connection mail trustedCertificates: /etc/passwd must be a file inside the workspace"));
        for (String item : List.of(
                "attachments[0].file: /etc/passwd",
                "attachments[1].file: ../../../../../etc/passwd",
                "attachments[2].file: /proc/self/environ",
                "attachments[3].file: files/link.txt",
                "attachments[4].file: data/console-token",
                "attachments[6].file: secrets/smtp.txt",
                "attachments[7].file: connections/mail.yaml")) {
            assertThat(problems)
                    .anySatisfy(p ->
                            assertThat(p).contains("path orders " + item + " must be a file inside the workspace"));
        }
        assertThat(problems).noneSatisfy(p -> assertThat(p).contains("attachments[5]"));
    }

    /** Finding 3: an operator may list extra roots (secrets mounted by Kubernetes) in SCENARIO_FILE_ROOTS. */
    @Test
    void finding3_anOperatorListsExtraRootsExplicitly() throws Exception {
        Path mounted = Files.createDirectories(root.resolve("mounted"));
        Files.writeString(mounted.resolve("password"), SECRET + "\n");
        workspace()
                .write(
                        "connections/mail.yaml",
                        smtpConnection("authentication: basic\nallowInsecureAuthentication: true\n"
                                + "username: shop\npassword: ${file:" + mounted.resolve("password") + "}\n"));

        assertThat(problems(Map.of()))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("must name a file inside the workspace"));
        Map<String, String> environment = Map.of("SCENARIO_FILE_ROOTS", mounted.toString());
        assertThat(problems(environment)).isEmpty();
        Workspace loaded = Workspace.load(ws(), Connectors.fromClassPath(), environment, Locale.ENGLISH);
        assertThat(loaded.connection("mail").orElseThrow().configuration().string("password"))
                .isEqualTo(SECRET);
    }

    /** Finding 8: "password: *pw" silently became the text "pw"; a 20 MB scalar took a minute of CPU. */
    @Test
    void finding8_aliasesAndHugeFilesAreRefusedWithAClearError() {
        workspace()
                .write("connections/mail.yaml", smtpConnection("description: &pw hello\nheloName: *pw\n"))
                .write("paths/orders.yaml", smtpPath("description: x\nbody: " + "a".repeat(2 * 1024 * 1024) + "\n"));

        List<String> problems = problems(Map.of());

        assertThat(problems)
                .contains(
                        "connections/mail.yaml:9: not valid YAML: aliases (*pw) are not supported: write the value itself",
                        "paths/orders.yaml:1: not valid YAML: the file is larger than 1024 KiB");
    }

    /** A file far over the limit is refused by its size, before it is read into memory. */
    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws Exception {
        workspace().write("paths/orders.yaml", smtpPath(""));
        try (var big =
                new java.io.RandomAccessFile(ws().resolve("paths/orders.yaml").toFile(), "rw")) {
            big.setLength(64L * 1024 * 1024 * 1024); // sparse 64 GiB: reading it would exhaust the heap
        }

        assertThat(problems(Map.of()))
                .contains(
                        "paths/orders.yaml:1: the file is larger than 4 MiB: connection, path and scenario files are far smaller");
    }
}
