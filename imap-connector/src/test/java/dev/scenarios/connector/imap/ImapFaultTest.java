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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults GreenMail cannot produce, scripted by {@link FaultyImapProxy} in front of it: a refused MOVE, a server
 * without MOVE, a UIDVALIDITY change while the runtime runs.
 */
class ImapFaultTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailImap.extension();

    @TempDir
    Path data;

    private PathSource start(FaultyImapProxy proxy, BlockingQueue<ReceivedItem> handed) {
        Map<String, Object> values = GreenMailImap.connection(GREEN_MAIL);
        values.put("port", proxy.port());
        ImapConnection connection = GreenMailImap.open(values, ConnectorContext.of(data));
        ImapReceivePathType type = new ImapReceivePathType();
        PathSource source = type.source(
                Configuration.of(type.properties(), GreenMailImap.path(Map.of())),
                connection,
                ConnectorContext.of(data));
        source.start(handed::add);
        return source;
    }

    private ReceivedItem next(BlockingQueue<ReceivedItem> handed) throws Exception {
        ReceivedItem item = handed.poll(20, TimeUnit.SECONDS);
        assertThat(item).as("an item within 20 s; journal:\n%s", journal()).isNotNull();
        return item;
    }

    private String journal() throws Exception {
        Path file = data.resolve("journals/support_mailbox.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
    }

    private void awaitCount(String folder, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (GreenMailImap.count(GREEN_MAIL, folder) != expected) {
            assertThat(System.nanoTime() - deadline)
                    .as("%d mails in %s within 20 s; journal:\n%s", expected, folder, journal())
                    .isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Test
    void aRefusedMoveLeavesTheMailUnlostAndIsRetriedWithoutRunningTheScenarioAgain() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Первая", "1");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (FaultyImapProxy proxy = new FaultyImapProxy(GREEN_MAIL.getImap().getPort()).refuse("(UID )?MOVE .*");
                PathSource source = start(proxy, handed)) {
            ReceivedItem first = next(handed);
            first.succeeded(Map.of());
            GreenMailImap.deliver(user, "Вторая", "2");
            ReceivedItem second = next(handed);
            assertThat(second.attributes())
                    .as("the first mail, refused its move, is not handed again")
                    .containsEntry("Subject", "Вторая");
            assertThat(GreenMailImap.count(GREEN_MAIL, "INBOX"))
                    .as("nothing lost")
                    .isEqualTo(2);
            proxy.refuse(null);
            second.succeeded(Map.of());
            awaitCount("Processed", 2);
            assertThat(handed).as("no mail handed twice").isEmpty();
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "INBOX")).isZero();
        assertThat(journal())
                .contains("UID=1: the server refused to move it to Processed (")
                .contains("refused by the test server")
                .contains("it stays in INBOX and is tried again at the next poll")
                .contains("UID 1 succeeded before; moved now");
    }

    @Test
    void aServerWithoutMoveGetsCopyDeletedAndUidExpunge() throws Exception {
        GreenMailImap.deliver(GreenMailImap.user(GREEN_MAIL), "Без MOVE", "1");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (FaultyImapProxy proxy = new FaultyImapProxy(GREEN_MAIL.getImap().getPort()).hideCapability("MOVE");
                PathSource source = start(proxy, handed)) {
            next(handed).succeeded(Map.of());
            awaitCount("Processed", 1);
            assertThat(proxy.commands()).noneMatch(c -> c.toUpperCase().contains("MOVE"));
            assertThat(proxy.commands()).anyMatch(c -> c.matches("(?i)(UID )?COPY .* Processed"));
            assertThat(proxy.commands()).anyMatch(c -> c.matches("(?i)(UID )?STORE .*\\+FLAGS.*\\\\Deleted.*"));
            assertThat(proxy.commands()).anyMatch(c -> c.matches("(?i)UID EXPUNGE .*"));
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "INBOX")).isZero();
    }

    @Test
    void aUidValidityChangeWhileRunningIsResynchronisedByMessageId() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "До смены", "1", "<before@example.org>");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (FaultyImapProxy proxy = new FaultyImapProxy(GREEN_MAIL.getImap().getPort())
                        .uidValidity(111L)
                        .refuse("(UID )?MOVE .*");
                PathSource source = start(proxy, handed)) {
            // processed, but the move is refused: the mail stays while the folder's UIDVALIDITY changes
            next(handed).succeeded(Map.of());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!journal().contains("refused to move")) {
                assertThat(System.nanoTime() - deadline).isNegative();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            proxy.uidValidity(222L).refuse(null);
            GreenMailImap.deliver(user, "После смены", "2", "<after@example.org>");
            ReceivedItem after = next(handed);
            assertThat(after.attributes()).containsEntry("Subject", "После смены");
            assertThat(after.possibleDuplicate()).isFalse();
            after.succeeded(Map.of());
            awaitCount("Processed", 2);
            assertThat(handed)
                    .as("the mail processed before the change is not handed again")
                    .isEmpty();
        }
        assertThat(journal())
                .contains("UIDVALIDITY of INBOX changed from 111 to 222")
                .contains("<before@example.org> was processed before the UIDVALIDITY change; moved, not run again");
    }
}
