package dev.scenarios.connector.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.ReceivedItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDLE and its watchdog: a mail arrives within seconds although the polling interval is an hour, a silent IDLE is
 * renewed, and a connection dropped during IDLE is reopened and told to the host.
 */
class ImapIdleTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailImap.extension();

    @TempDir
    Path data;

    /** What the host heard about the path's sessions, in order: "connected" or "disconnected since …". */
    private final List<String> health = new CopyOnWriteArrayList<>();

    private ConnectorContext context() {
        return new ConnectorContext() {
            @Override
            public Path dataDirectory() {
                return data;
            }

            @Override
            public void receiverConnected(String path) {
                health.add("connected " + path);
            }

            @Override
            public void receiverDisconnected(String path, Instant since, Duration unreadyAfter, String problem) {
                health.add("disconnected " + path + " unreadyAfter " + unreadyAfter);
            }
        };
    }

    private PathSource source(ImapConnection connection) {
        ImapReceivePathType type = new ImapReceivePathType();
        return type.source(Configuration.of(type.properties(), GreenMailImap.path(Map.of())), connection, context());
    }

    private Map<String, Object> connection(int port, String idleTimeout) {
        Map<String, Object> values = GreenMailImap.connection(GREEN_MAIL);
        values.put("port", port);
        values.put("pollInterval", "1h"); // only IDLE can bring a mail in time
        values.put("idleTimeout", idleTimeout);
        values.put("unreadyAfter", "2m");
        return values;
    }

    private String journal() throws Exception {
        Path file = data.resolve("journals/support_mailbox.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("%s within 20 s; journal:\n%s", what, journal())
                    .isNegative();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private ReceivedItem within(BlockingQueue<ReceivedItem> handed, int seconds, String why) throws Exception {
        ReceivedItem item = handed.poll(seconds, TimeUnit.SECONDS);
        assertThat(item).as("%s; journal:\n%s", why, journal()).isNotNull();
        return item;
    }

    @Test
    void aMailArrivesThroughIdleWithinSecondsAlthoughThePollIntervalIsAnHour() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Первая", "до старта");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection =
                        GreenMailImap.open(connection(GREEN_MAIL.getImap().getPort(), "5m"), context());
                PathSource source = source(connection)) {
            source.start(handed::add);
            within(handed, 20, "the mail found by the first poll").succeeded(Map.of());
            await("the path waits in IDLE", () -> GREEN_MAIL.getImap().getPort() > 0 && journalContains("IDLE"));
            long before = System.nanoTime();
            GreenMailImap.deliver(user, "Вторая", "пришла во время IDLE");
            ReceivedItem second = within(handed, 5, "the mail delivered during IDLE, within 5 s (poll interval 1h)");
            Duration took = Duration.ofNanos(System.nanoTime() - before);
            assertThat(second.attributes()).containsEntry("Subject", "Вторая");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            second.succeeded(Map.of());
        }
        assertThat(journal()).contains("connected; waiting in IDLE, renewed after 300s of silence");
        assertThat(health).startsWith("connected support_requests");
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isEqualTo(2);
    }

    @Test
    void theConnectionCountsThePathsSessionWhileItWaitsInIdleAndNoneAfterThePathStops() throws Exception {
        GreenMailImap.user(GREEN_MAIL);
        try (ImapConnection connection =
                GreenMailImap.open(connection(GREEN_MAIL.getImap().getPort(), "5m"), context())) {
            assertThat(connection.openSessions()).as("before the path starts").isZero();
            PathSource source = source(connection);
            source.start(item -> item.succeeded(Map.of()));
            await("the path waits in IDLE", () -> journalContains("waiting in IDLE"));
            assertThat(connection.openSessions())
                    .as("while the path waits in IDLE")
                    .isEqualTo(1);
            source.close(); // joins the path's thread, which closed its store
            assertThat(connection.openSessions()).as("after the path stopped").isZero();
        }
    }

    @Test
    void aSilentIdleIsRenewedByTheWatchdogAndTheNextMailStillArrives() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection =
                        GreenMailImap.open(connection(GREEN_MAIL.getImap().getPort(), "1s"), context());
                PathSource source = source(connection)) {
            source.start(handed::add);
            await("two silent IDLEs renewed", () -> journalCount("IDLE heard nothing for 1s") >= 2);
            GreenMailImap.deliver(user, "После тишины", "1");
            ReceivedItem item = within(handed, 5, "the mail after renewed IDLEs");
            assertThat(item.attributes()).containsEntry("Subject", "После тишины");
            item.succeeded(Map.of());
        }
        assertThat(health).containsOnly("connected support_requests");
    }

    @Test
    void aConnectionDroppedDuringIdleIsReopenedAndTheNextMailArrives() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (FaultyImapProxy proxy = new FaultyImapProxy(GREEN_MAIL.getImap().getPort()).dropDuringIdle(1);
                ImapConnection connection = GreenMailImap.open(connection(proxy.port(), "5m"), context());
                PathSource source = source(connection)) {
            source.start(handed::add);
            await("the drop is noticed", () -> health.stream().anyMatch(h -> h.startsWith("disconnected")));
            await("the path reconnects", () -> health.size() >= 3);
            GreenMailImap.deliver(user, "После обрыва", "1");
            ReceivedItem item = within(handed, 10, "the mail after the reconnect");
            assertThat(item.attributes()).containsEntry("Subject", "После обрыва");
            item.succeeded(Map.of());
            assertThat(proxy.commands()).filteredOn("IDLE"::equalsIgnoreCase).hasSizeGreaterThanOrEqualTo(2);
            assertThat(connection.openSessions())
                    .as("the dropped session no longer counted, the reopened one counted once")
                    .isEqualTo(1);
            source.close();
            assertThat(connection.openSessions()).as("after the path stopped").isZero();
        }
        assertThat(health)
                .containsExactly(
                        "connected support_requests",
                        "disconnected support_requests unreadyAfter PT2M",
                        "connected support_requests");
        assertThat(journal()).contains("reconnecting in 1s");
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isEqualTo(1);
    }

    private boolean journalContains(String text) {
        try {
            return journal().contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    private int journalCount(String text) {
        try {
            return journal().split(java.util.regex.Pattern.quote(text), -1).length - 1;
        } catch (Exception e) {
            return 0;
        }
    }
}
