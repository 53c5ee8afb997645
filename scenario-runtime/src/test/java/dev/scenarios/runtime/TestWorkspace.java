package dev.scenarios.runtime;

import dev.scenarios.runtime.fake.FakeConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes workspace files into a test's temporary folder and loads them with the fake connector. */
final class TestWorkspace {

    static final Connectors FAKE = Connectors.of(new FakeConnector());

    static final String CONNECTION = """
            type: fake
            systemName: mail
            server: mail.example.com
            port: 2525
            password: ${env:MAIL_PASSWORD}
            journal: off
            """;

    static final String PATH = """
            type: fake-send
            systemName: orders
            connection: mail
            attributes:
              - name: OrderNo
              - name: Customer
            subject: "Order {OrderNo} for {Customer}"
            """;

    final Path dir;

    TestWorkspace(Path dir) {
        this.dir = dir;
    }

    /** A workspace with one fake connection, one path and no scenario. */
    static TestWorkspace minimal(Path dir) {
        return new TestWorkspace(dir).write("connections/mail.yaml", CONNECTION).write("paths/orders.yaml", PATH);
    }

    TestWorkspace write(String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Workspace load() {
        return load(Map.of("MAIL_PASSWORD", "s3cret-Pa55"));
    }

    Workspace load(Map<String, String> environment) {
        return Workspace.load(dir, FAKE, environment, Locale.ENGLISH);
    }
}
