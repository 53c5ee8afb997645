package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.internal.delivery.QueueListing;
import dev.scenarios.runtime.internal.delivery.QueueStore;
import dev.scenarios.testing.ScriptedSmtpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the queue's database stops while a runtime enqueues and sends (a PostgreSQL server of this test's own,
 * stopped and started again on the same data folder and port). A step that cannot enqueue fails with a clear "NOT
 * queued" error naming the database, never its password; everything accepted before and after is delivered; sending
 * resumes by itself.
 */
class QueueDatabaseOutageTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @TempDir
    Path data;

    @Test
    void stepsFailNotQueuedWhileTheDatabaseIsDownAndNothingAcceptedIsLost() throws Exception {
        int port = freePort();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setDataDirectory(data.resolve("pg"))
                .setCleanDataDirectory(false)
                .setPort(port);
        EmbeddedPostgres postgres = builder.start();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), """
                    delivery: queued
                    retry:
                      backoff: [200ms]
                      jitter: 0
                    """);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            ws.files.write("workspace.yaml", """
                    queue:
                      store: postgresql
                      url: %s
                      username: postgres
                      password: ${env:QUEUE_TEST_PASSWORD}
                      schema: outage
                    """.formatted(url));
            Workspace loaded = Workspace.load(
                    dir,
                    Connectors.fromClassPath(),
                    Map.of("QUEUE_TEST_PASSWORD", "s3cret-pw"),
                    java.util.Locale.ENGLISH);
            assertThat(loaded.problems()).isEmpty();

            List<String> accepted = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            try (ScenarioRuntime runtime = ScenarioRuntime.start(loaded, SendEvents.NONE, true)) {
                for (int i = 0; i < 10; i++) {
                    accepted.add(send(runtime, "before-" + i, refused));
                }
                postgres.close();
                for (int i = 0; i < 2; i++) {
                    String id = send(runtime, "during-" + i, refused);
                    assertThat(id)
                            .as("nothing can be queued while the database is down")
                            .isNull();
                }
                postgres = builder.start();
                for (int i = 0; i < 10; i++) {
                    String id = send(runtime, "after-" + i, refused);
                    if (id != null) {
                        accepted.add(id);
                    }
                }
                assertThat(accepted)
                        .as("the database is back: steps enqueue again")
                        .hasSizeGreaterThan(10);
                assertThat(await(
                                LIMIT,
                                () -> queued(loaded).isEmpty()
                                        && received(server).keySet().containsAll(accepted)))
                        .as("every accepted message delivered once the database is back; received "
                                + received(server).size() + " of " + accepted.size())
                        .isTrue();
            }
            assertThat(refused)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(message -> assertThat(message)
                            .contains("the message was NOT queued")
                            .contains("postgresql " + url + " schema outage")
                            .doesNotContain("s3cret-pw"));
            assertThat(received(server).keySet()).containsAll(accepted);
        } finally {
            postgres.close();
        }
    }

    /** Sends one order; returns its Message-ID, or null after adding the step's error to {@code refused}. */
    private static String send(ScenarioRuntime runtime, String order, List<String> refused) {
        try {
            SendResult queued = runtime.send("orders", DeliveryWorkspace.order(order, "anna@example.com"));
            assertThat(queued.serverReply()).startsWith("queued as ");
            return queued.messageId();
        } catch (DeliveryException e) {
            refused.add(e.getMessage());
            return null;
        }
    }

    private static Map<String, Long> received(ScriptedSmtpServer server) {
        return server.withData().stream()
                .collect(Collectors.groupingBy(ScriptedSmtpServer.Transaction::messageId, Collectors.counting()));
    }

    private static List<QueuedMessage> queued(Workspace ws) {
        try (QueueStore store = QueueStore.open(ws, false)) {
            return QueueListing.all(store.queue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
