package dev.scenarios.runtime.fake;

import static dev.scenarios.runtime.fake.FakeConnector.MESSAGES;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyDescriptor.Condition;
import dev.scenarios.connector.api.PropertyType;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The connection type {@code fake}: a server address, a secret and a journal, like a real one. */
final class FakeConnectionType implements ConnectionType {

    static final List<PropertyDescriptor> PROPERTIES = List.of(
            PropertyDescriptor.builder("systemName", PropertyType.STRING, MESSAGES)
                    .required()
                    .build(),
            PropertyDescriptor.builder("disabled", PropertyType.BOOLEAN, MESSAGES)
                    .defaultValue(false)
                    .build(),
            PropertyDescriptor.builder("description", PropertyType.TEXT, MESSAGES)
                    .build(),
            PropertyDescriptor.builder("journal", PropertyType.ENUM, MESSAGES)
                    .allowedValues("full", "errors", "off")
                    .defaultValue("full")
                    .build(),
            PropertyDescriptor.builder("server", PropertyType.STRING, MESSAGES)
                    .required()
                    .build(),
            PropertyDescriptor.builder("port", PropertyType.INTEGER, MESSAGES)
                    .range(1, 65535)
                    .defaultValue(25)
                    .build(),
            PropertyDescriptor.builder("authentication", PropertyType.ENUM, MESSAGES)
                    .allowedValues("none", "basic")
                    .defaultValue("basic")
                    .build(),
            PropertyDescriptor.builder("password", PropertyType.STRING, MESSAGES)
                    .secret()
                    .required()
                    .visibleWhen(Condition.when("authentication", "basic"))
                    .build(),
            PropertyDescriptor.builder("trustedCertificates", PropertyType.FILE, MESSAGES)
                    .build());

    private final String id;

    /** A fake connection type with {@code id}: {@code fake}, or a second one to test type mismatches. */
    FakeConnectionType(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name(Locale locale) {
        return MESSAGES.get("connection.name", locale);
    }

    @Override
    public String description(Locale locale) {
        return MESSAGES.get("connection.description", locale);
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return PROPERTIES;
    }

    /** Connects over TCP with a 2 s timeout and reads one greeting line. */
    @Override
    public CheckResult check(Configuration configuration, ConnectorContext context) {
        if (!validate(configuration).isValid()) {
            return CheckResult.failed(FailureKind.CONFIGURATION, MESSAGES.message("check.invalid"), "", List.of());
        }
        String server = configuration.string("server");
        int port = configuration.integer("port");
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server, port), 2000);
            socket.setSoTimeout(2000);
            String greeting = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            CheckResult.Step step = new CheckResult.Step(
                    "connect",
                    MESSAGES.message("step.connect"),
                    CheckResult.Step.Status.PASSED,
                    Duration.ofNanos(System.nanoTime() - start),
                    "greeting: " + greeting);
            return CheckResult.succeeded(MESSAGES.message("check.ok", server + ":" + port), greeting, List.of(step));
        } catch (IOException e) {
            CheckResult.Step step = new CheckResult.Step(
                    "connect",
                    MESSAGES.message("step.connect"),
                    CheckResult.Step.Status.FAILED,
                    Duration.ofNanos(System.nanoTime() - start),
                    e.getClass().getSimpleName());
            return CheckResult.failed(
                    FailureKind.UNREACHABLE,
                    MESSAGES.message("check.unreachable", server + ":" + port),
                    e.getClass().getSimpleName(),
                    List.of(
                            step,
                            new CheckResult.Step(
                                    "send",
                                    MESSAGES.message("step.send"),
                                    CheckResult.Step.Status.SKIPPED,
                                    Duration.ZERO,
                                    "")));
        }
    }

    @Override
    public Connection open(Configuration configuration, ConnectorContext context) {
        if (!validate(configuration).isValid()) {
            throw new IllegalArgumentException("invalid configuration");
        }
        return new FakeConnection(
                configuration.string("systemName"),
                configuration,
                journal(configuration, context),
                context.service(Object.class).isPresent());
    }

    @Override
    public InputStream openJournal(Configuration configuration, ConnectorContext context) throws IOException {
        Path file = journal(configuration, context);
        return Files.exists(file) ? Files.newInputStream(file) : new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public Map<String, Object> devInboxOverrides(String host, int port) {
        return Map.of("server", host, "port", port, "authentication", "none");
    }

    private static Path journal(Configuration configuration, ConnectorContext context) {
        return context.dataDirectory().resolve("journals").resolve(configuration.string("systemName") + ".log");
    }

    /** An opened fake connection: appends a journal line per send unless the journal is off. */
    static final class FakeConnection implements Connection {
        final String systemName;
        final Configuration configuration;
        final Path journal;
        final boolean hostOffersServices;

        FakeConnection(String systemName, Configuration configuration, Path journal, boolean hostOffersServices) {
            this.systemName = systemName;
            this.configuration = configuration;
            this.journal = journal;
            this.hostOffersServices = hostOffersServices;
        }

        void log(String line) {
            if (configuration.string("journal").equals("off")) {
                return;
            }
            try {
                Files.createDirectories(journal.getParent());
                Files.writeString(
                        journal,
                        line + "\n",
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String typeId() {
            return "fake";
        }

        @Override
        public String systemName() {
            return systemName;
        }

        @Override
        public void close() {}
    }
}
