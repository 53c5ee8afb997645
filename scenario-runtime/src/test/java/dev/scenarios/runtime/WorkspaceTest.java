package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void aMinimalWorkspaceIsValidAndKeepsYamlWordsAsText() {
        Workspace ws = TestWorkspace.minimal(dir).load();

        assertThat(ws.problems()).isEmpty();
        ConnectionDefinition mail = ws.connection("mail").orElseThrow();
        // "off" is YAML 1.1's false; the journal's enum value must survive as the word itself.
        assertThat(mail.configuration().value("journal")).isEqualTo("off");
        assertThat(mail.configuration().value("port")).isEqualTo(2525L);
        assertThat(mail.configuration().string("password")).isEqualTo("s3cret-Pa55");
        assertThat(mail.toString()).doesNotContain("s3cret-Pa55");
        assertThat(ws.path("orders").orElseThrow().attributeNames())
                .containsExactly("To", "Cc", "Bcc", "OrderNo", "Customer");
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineObjectAndProperty() {
        new TestWorkspace(dir)
                .write("connections/mail.yaml", TestWorkspace.CONNECTION.replace("port: 2525", "port: many"))
                .write("paths/orders.yaml", """
                        type: fake-send
                        systemName: orders
                        connection: mail
                        attributes:
                          - name: OrderNo
                        headers:
                          - name: X-Order
                            value: "{OrderNo}"
                          - name: X-Bad
                            value: [1, 2]
                        subject: "Order {OrderNo} for {Customer}"
                        """);

        Workspace ws = new TestWorkspace(dir).load();

        assertThat(ws.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "connections/mail.yaml:4: connection mail port: port must be a whole number, not \"many\"",
                        "paths/orders.yaml:10: path orders headers[1].value: headers[1].value must be text, not a list or an object",
                        "paths/orders.yaml:11: path orders subject: placeholder {Customer} names no declared attribute");
        assertThat(ws.isValid()).isFalse();
    }

    @Test
    void anUnquotedPlaceholderIsExplained() {
        TestWorkspace.minimal(dir)
                .write(
                        "paths/orders.yaml",
                        TestWorkspace.PATH.replace(
                                "subject: \"Order {OrderNo} for {Customer}\"", "subject: {OrderNo}"));

        assertThat(new TestWorkspace(dir).load().problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "paths/orders.yaml:7: path orders subject: a value that starts with { must be quoted, e.g. \"{OrderNo} …\": unquoted, YAML reads {OrderNo} as a mapping");
    }

    @Test
    void yesAndOnAreNotBooleans() {
        TestWorkspace.minimal(dir).write("connections/mail.yaml", TestWorkspace.CONNECTION + "disabled: yes\n");

        assertThat(new TestWorkspace(dir).load().problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "connections/mail.yaml:7: connection mail disabled: disabled must be true or false, not \"yes\"");
    }

    @Test
    void missingSecretsNameTheVariableOrFileButNeverAValue() {
        TestWorkspace.minimal(dir).write("connections/other.yaml", """
                type: fake
                systemName: other
                server: ${file:secrets/server.txt}
                password: ${file:../outside.txt}
                """);

        Workspace ws = new TestWorkspace(dir).load(Map.of());

        assertThat(ws.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "connections/mail.yaml:5: connection mail password: environment variable MAIL_PASSWORD is not set",
                        "connections/other.yaml:3: connection other server: not a secret property: ${env:…} and ${file:…} work only in secret"
                                + " properties (password, client secret, tokens); write the value itself",
                        "connections/other.yaml:4: connection other password: ${file:../outside.txt} must name a file inside the workspace"
                                + " (an operator may list more folders in the environment variable SCENARIO_FILE_ROOTS)");
    }

    @Test
    void aSecretTheDevInboxDoesNotUseNeedNotBeSet() {
        TestWorkspace.minimal(dir);

        Workspace plain = new TestWorkspace(dir).load(Map.of());
        Workspace devInbox = Workspace.load(
                dir, TestWorkspace.FAKE, Map.of(), Locale.ENGLISH, type -> type.devInboxOverrides("127.0.0.1", 2500));

        assertThat(plain.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "connections/mail.yaml:5: connection mail password: environment variable MAIL_PASSWORD is not set");
        assertThat(devInbox.problems()).isEmpty();
        assertThat(devInbox.connection("mail").orElseThrow().configuration().value("server"))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void fileSecretsAreReadWithoutTheTrailingNewline() {
        TestWorkspace.minimal(dir)
                .write("secrets/password.txt", "from-a-file\n")
                .write(
                        "connections/mail.yaml",
                        TestWorkspace.CONNECTION.replace("${env:MAIL_PASSWORD}", "${file:secrets/password.txt}"));

        Workspace ws = new TestWorkspace(dir).load(Map.of());

        assertThat(ws.problems()).isEmpty();
        assertThat(ws.connection("mail").orElseThrow().configuration().string("password"))
                .isEqualTo("from-a-file");
    }

    @Test
    void filePropertiesBecomeAbsolutePathsAlsoInsideObjectLists() {
        TestWorkspace.minimal(dir)
                .write("certs/ca.pem", "-----BEGIN CERTIFICATE-----\n")
                .write("files/invoice.txt", "Счёт 42\n")
                .write("connections/mail.yaml", TestWorkspace.CONNECTION + "trustedCertificates: certs/ca.pem\n")
                .write("paths/orders.yaml", TestWorkspace.PATH + """
                        attachments:
                          - name: invoice.txt
                            file: files/invoice.txt
                          - name: missing.txt
                            file: files/missing.txt
                        """);

        Workspace ws = new TestWorkspace(dir).load();

        assertThat(ws.connection("mail").orElseThrow().configuration().string("trustedCertificates"))
                .isEqualTo(dir.resolve("certs/ca.pem").toAbsolutePath().toString());
        assertThat(ws.path("orders")
                        .orElseThrow()
                        .configuration()
                        .objects("attachments")
                        .get(0)
                        .get("file"))
                .isEqualTo(dir.resolve("files/invoice.txt").toAbsolutePath().toString());
        assertThat(ws.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "paths/orders.yaml:12: path orders attachments[1].file: file not found: files/missing.txt");
    }

    @Test
    void duplicateNamesUnknownTypesAndBadConnectionsAreNamed() {
        TestWorkspace.minimal(dir)
                .write("connections/mail2.yaml", TestWorkspace.CONNECTION)
                .write(
                        "connections/off.yaml",
                        "type: fake\nsystemName: off_mail\nserver: x\nauthentication: none\ndisabled: true\n")
                .write(
                        "connections/other.yaml",
                        "type: fake-other\nsystemName: other\nserver: x\nauthentication: none\n")
                .write("connections/strange.yaml", "type: pigeon\nsystemName: coo\n")
                .write(
                        "paths/a.yaml",
                        TestWorkspace.PATH
                                .replace("systemName: orders", "systemName: a")
                                .replace("connection: mail", "connection: nowhere"))
                .write(
                        "paths/b.yaml",
                        TestWorkspace.PATH
                                .replace("systemName: orders", "systemName: b")
                                .replace("connection: mail", "connection: other"))
                .write(
                        "paths/c.yaml",
                        TestWorkspace.PATH
                                .replace("systemName: orders", "systemName: c")
                                .replace("connection: mail", "connection: off_mail"))
                .write(
                        "paths/d.yaml",
                        TestWorkspace.PATH
                                        .replace("systemName: orders", "systemName: d")
                                        .replace("connection: mail", "connection: off_mail")
                                + "disabled: true\n");

        Workspace ws = new TestWorkspace(dir).load();

        assertThat(ws.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "connections/mail2.yaml:2: connection mail systemName: the system name \"mail\" is already used by connections/mail.yaml",
                        "connections/strange.yaml:1: connection coo type: unknown connection type \"pigeon\" (known: fake, fake-other)",
                        "paths/a.yaml:3: path a connection: no connection named \"nowhere\"",
                        "paths/b.yaml:3: path b connection: connection \"other\" is of type fake-other; this path needs a connection of type fake",
                        "paths/c.yaml:3: path c connection: connection \"off_mail\" is disabled: disable this path too, or enable the connection");
    }

    @Test
    void scenariosMayOnlyNameKnownPathsAndMustLoadInCamel() {
        TestWorkspace.minimal(dir).write("scenarios/good.yaml", """
                        - route:
                            from:
                              uri: timer:tick?repeatCount=1
                              steps:
                                - to: path:orders
                                - toD: path:${variable.target}
                        """).write("scenarios/typo.yaml", """
                        - route:
                            from:
                              uri: timer:tick?repeatCount=1
                              steps:
                                - setBody:
                                    constant: hi
                                - to:
                                    uri: path:ordres
                                - to: path:orders?subject=x
                                - to: tiemr:typo
                        """);

        Workspace ws = new TestWorkspace(dir).load();

        assertThat(ws.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "scenarios/typo.yaml:8: scenario typo: no path named \"ordres\" (in path:ordres)",
                        "scenarios/typo.yaml:9: scenario typo: path: has no option \"subject\"; its options are messageVariable, responseVariable, "
                                + "errorVariable, ignoreErrors, async (the path's own settings live in paths/) (in path:orders?subject=x)",
                        "scenarios/typo.yaml:10: scenario typo: no Camel component \"tiemr\" on the class path (in tiemr:typo)");
    }

    @Test
    void camelsOwnLoadErrorsAreReportedWithTheFile() {
        TestWorkspace.minimal(dir).write("scenarios/broken.yaml", """
                - route:
                    from:
                      uri: timer:tick
                      steps:
                        - sendSomewhere: path:orders
                """);

        Workspace ws = new TestWorkspace(dir).load();

        assertThat(ws.problems()).hasSize(1);
        assertThat(ws.problems().get(0).toString())
                .startsWith("scenarios/broken.yaml:")
                .contains("scenario broken: Camel cannot load the scenario");
    }

    @Test
    void twoScenariosMayNotShareARouteId() {
        String route =
                "- route:\n    id: orders\n    from:\n      uri: timer:t\n      steps:\n        - to: path:orders\n";
        TestWorkspace.minimal(dir).write("scenarios/a.yaml", route).write("scenarios/b.yaml", route);

        Workspace ws = new TestWorkspace(dir).load();

        assertThat(ws.problems())
                .extracting(Problem::toString)
                .singleElement()
                .asString()
                .isEqualTo(
                        "scenarios/b.yaml:1: scenario b: the route id \"orders\" is already used in scenarios/a.yaml");
    }

    @Test
    void invalidYamlIsOneProblemWithItsLine() {
        TestWorkspace.minimal(dir)
                .write("paths/orders.yaml", "type: fake-send\nsystemName: orders\n  subject: [unclosed\n");

        Workspace ws = new TestWorkspace(dir).load();

        assertThat(ws.problems()).hasSize(1);
        assertThat(ws.problems().get(0).toString()).startsWith("paths/orders.yaml:3: not valid YAML: ");
    }

    @Test
    void problemsCanBeReadInRussian() {
        TestWorkspace.minimal(dir)
                .write("paths/orders.yaml", TestWorkspace.PATH.replace("connection: mail", "connection: nowhere"));

        Workspace ws =
                Workspace.load(dir, TestWorkspace.FAKE, Map.of("MAIL_PASSWORD", "x"), Locale.forLanguageTag("ru"));

        assertThat(ws.problems())
                .extracting(Problem::toString)
                .containsExactly("paths/orders.yaml:3: путь orders connection: нет подключения с именем \"nowhere\"");
    }

    @Test
    void aMissingFolderIsNotAWorkspace() {
        assertThatThrownBy(() -> Workspace.load(dir.resolve("nope"), TestWorkspace.FAKE, Map.of(), Locale.ENGLISH))
                .isInstanceOf(Workspace.NotAWorkspaceException.class)
                .hasMessageContaining("not a workspace folder");
    }
}
