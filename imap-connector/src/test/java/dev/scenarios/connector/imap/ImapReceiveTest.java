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
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a scenario author sees from an imap-receive path against GreenMail's IMAP server. */
class ImapReceiveTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailImap.extension();

    @TempDir
    Path data;

    private PathSource source(ImapConnection connection, Map<String, Object> overrides) {
        ImapReceivePathType type = new ImapReceivePathType();
        return type.source(
                Configuration.of(type.properties(), GreenMailImap.path(overrides)),
                connection,
                ConnectorContext.of(data));
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

    @Test
    void aMailIsHandedOnceAndMovedToProcessed() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Заявка №1", "Здравствуйте, не работает принтер.");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of())) {
            source.start(handed::add);
            ReceivedItem item = next(handed);
            assertThat(item.attributes()).containsEntry("Subject", "Заявка №1").containsEntry("Folder", "INBOX");
            assertThat(item.attributes().get("TextBody")).asString().contains("не работает принтер");
            assertThat(item.attributes().get("From"))
                    .isEqualTo(Map.of("Name", "Клиент Иванов", "Address", "client@example.org"));
            assertThat(item.possibleDuplicate()).isFalse();
            item.succeeded(Map.of());
            GreenMailImap.deliver(user, "Заявка №2", "Второе письмо");
            ReceivedItem second = next(handed);
            assertThat(second.attributes()).containsEntry("Subject", "Заявка №2");
            second.succeeded(Map.of());
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isEqualTo(2);
        assertThat(GreenMailImap.count(GREEN_MAIL, "INBOX")).isZero();
    }

    @Test
    void aPreviewCountsItsSessionInTheConnectionOnlyWhileItReads() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Просмотр", "только чтение");
        List<Integer> sessionsWhileHanded = new CopyOnWriteArrayList<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of())) {
            source.preview(item -> sessionsWhileHanded.add(connection.openSessions()));
            assertThat(sessionsWhileHanded)
                    .as("sessions open while the mail was handed")
                    .containsExactly(1);
            assertThat(connection.openSessions()).as("after the preview").isZero();
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "INBOX")).isEqualTo(1);
    }

    @Test
    void aFailedMailIsHandedAgainAndGoesToErrorsAfterMaxFailures() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Сломанная заявка", "Сценарий упадёт");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of("maxFailures", 2))) {
            source.start(handed::add);
            ReceivedItem first = next(handed);
            first.failed("route failed: boom", Map.of());
            ReceivedItem second = next(handed);
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(second.attributes()).containsEntry("Subject", "Сломанная заявка");
            second.failed("route failed: boom again", Map.of());
            GreenMailImap.deliver(user, "Следующая", "после ошибки");
            ReceivedItem third = next(handed);
            assertThat(third.attributes())
                    .as("the failed mail is not handed a third time")
                    .containsEntry("Subject", "Следующая");
            third.succeeded(Map.of());
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "Errors")).isEqualTo(1);
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isEqualTo(1);
        assertThat(GreenMailImap.count(GREEN_MAIL, "INBOX")).isZero();
        assertThat(journal())
                .contains("failed 1 of 2 times (route failed: boom)")
                .contains("failed 2 times (route failed: boom again); moved to Errors");
    }

    @Test
    void aRestartResumesFromThePersistedUidAndRepeatsTheMailInFlightAsAPossibleDuplicate() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Первая", "1");
        GreenMailImap.deliver(user, "Вторая", "2");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of())) {
            source.start(handed::add);
            next(handed).succeeded(Map.of());
            ReceivedItem unfinished = next(handed);
            assertThat(unfinished.attributes()).containsEntry("Subject", "Вторая");
            // stopped while the scenario of the second mail runs: no acknowledgement
        }
        assertThat(Files.readString(data.resolve("imap/support_requests.state")))
                .contains("lastUid=1")
                .contains("inFlight=2");
        BlockingQueue<ReceivedItem> afterRestart = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of())) {
            source.start(afterRestart::add);
            ReceivedItem again = next(afterRestart);
            assertThat(again.attributes()).containsEntry("Subject", "Вторая");
            assertThat(again.possibleDuplicate()).isTrue();
            again.succeeded(Map.of());
            GreenMailImap.deliver(user, "Третья", "3");
            ReceivedItem third = next(afterRestart);
            assertThat(third.attributes()).containsEntry("Subject", "Третья");
            assertThat(third.possibleDuplicate()).isFalse();
            third.succeeded(Map.of());
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isEqualTo(3);
        assertThat(Files.readString(data.resolve("imap/support_requests.state")))
                .contains("lastUid=3")
                .doesNotContain("inFlight");
    }

    @Test
    void aMailWhoseScenarioSucceededButWasNotMovedIsMovedOnRestartWithoutRunningAgain() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Уже обработана", "1");
        long uidValidity;
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data)) {
            jakarta.mail.Store store = connection.connectStore();
            try (store) {
                jakarta.mail.Folder inbox = store.getFolder("INBOX");
                inbox.open(jakarta.mail.Folder.READ_ONLY);
                uidValidity = ((jakarta.mail.UIDFolder) inbox).getUIDValidity();
                inbox.close(false);
            }
        }
        // The state a runtime leaves when it dies after the scenario succeeded and before the MOVE.
        Files.createDirectories(data.resolve("imap"));
        Files.writeString(
                data.resolve("imap/support_requests.state"),
                "uidValidity=" + uidValidity + "\nlastUid=0\npendingMoves=1\n");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of())) {
            source.start(handed::add);
            GreenMailImap.deliver(user, "Новая", "2");
            ReceivedItem item = next(handed);
            assertThat(item.attributes())
                    .as("the processed mail is not handed again")
                    .containsEntry("Subject", "Новая");
            item.succeeded(Map.of());
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isEqualTo(2);
        assertThat(journal()).contains("UID 1 succeeded before; moved now");
    }

    @Test
    void cyrillicInWindows1251AndKoi8rIsDecoded() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        user.deliver(raw("windows-1251", "Счёт на оплату", "Добрый день! Во вложении счёт.", "счёт.txt"));
        user.deliver(raw("KOI8-R", "Жалоба клиента", "Товар не пришёл.", "жалоба.txt"));
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of())) {
            source.start(handed::add);
            ReceivedItem cp1251 = next(handed);
            assertThat(cp1251.attributes()).containsEntry("Subject", "Счёт на оплату");
            assertThat(cp1251.attributes().get("TextBody")).asString().contains("Добрый день! Во вложении счёт.");
            assertThat(cp1251.attributes().get("From"))
                    .isEqualTo(Map.of("Name", "Отдел продаж", "Address", "sales@example.org"));
            @SuppressWarnings("unchecked")
            Map<String, Object> attachment =
                    ((java.util.List<Map<String, Object>>) cp1251.attributes().get("Attachments")).get(0);
            assertThat(attachment)
                    .containsEntry("Name", "счёт.txt")
                    .containsEntry("Extension", "txt")
                    .containsEntry("ContentType", "text/plain");
            assertThat(new String(
                            java.util.Base64.getDecoder().decode((String) attachment.get("Content")), "windows-1251"))
                    .isEqualTo("Итого: 1250,50 руб.");
            cp1251.succeeded(Map.of());
            ReceivedItem koi8 = next(handed);
            assertThat(koi8.attributes()).containsEntry("Subject", "Жалоба клиента");
            assertThat(koi8.attributes().get("TextBody")).asString().contains("Товар не пришёл.");
            assertThat(koi8.attributes().get("HtmlBody")).asString().contains("Товар не пришёл.");
            koi8.succeeded(Map.of());
        }
    }

    @Test
    void aMailOverMaxMessageSizeGoesToErrorsUnread() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Огромное письмо", "x".repeat(5000));
        GreenMailImap.deliver(user, "Обычное", "y");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of("maxMessageSize", 2000))) {
            source.start(handed::add);
            ReceivedItem item = next(handed);
            assertThat(item.attributes()).as("the large mail is never handed").containsEntry("Subject", "Обычное");
            item.succeeded(Map.of());
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "Errors")).isEqualTo(1);
        assertThat(journal()).containsPattern("UID=1 has \\d+ bytes, more than maxMessageSize 2000; moved to Errors");
    }

    @Test
    void afterSuccessDeleteExpungesTheMail() throws Exception {
        GreenMailImap.deliver(GreenMailImap.user(GREEN_MAIL), "Удалить после обработки", "z");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of("afterSuccess", "delete"))) {
            source.start(handed::add);
            next(handed).succeeded(Map.of());
        }
        assertThat(GreenMailImap.count(GREEN_MAIL, "INBOX")).isZero();
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isZero();
    }

    @Test
    void aNewUidValidityIsResynchronisedByMessageId() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        // The state of a folder whose UIDs meant other mails: the server recreated it (new UIDVALIDITY). The mail
        // <known@example.org> was processed before the change; its move was not confirmed.
        Files.createDirectories(data.resolve("imap"));
        Files.writeString(
                data.resolve("imap/support_requests.state"),
                "uidValidity=1\nlastUid=7\npendingMoves=7\nprocessed=<old@example.org> <known@example.org>\n");
        GreenMailImap.deliver(user, "Уже обработана", "1", "<known@example.org>");
        GreenMailImap.deliver(user, "После пересоздания папки", "2", "<new@example.org>");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, Map.of())) {
            source.start(handed::add);
            ReceivedItem item = next(handed);
            assertThat(item.attributes())
                    .as("the processed mail is not handed again")
                    .containsEntry("Subject", "После пересоздания папки");
            assertThat(item.possibleDuplicate())
                    .as("never processed: not a duplicate")
                    .isFalse();
            item.succeeded(Map.of());
        }
        assertThat(journal())
                .contains("UIDVALIDITY of INBOX changed from 1 to ")
                .contains("<known@example.org> was processed before the UIDVALIDITY change; moved, not run again");
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isEqualTo(2);
        assertThat(GreenMailImap.count(GREEN_MAIL, "INBOX")).isZero();
    }

    /**
     * A mail as a Russian mail client of the 2000s writes it: every text in one legacy charset, RFC 2047 and RFC 2231
     * labels.
     */
    private static jakarta.mail.internet.MimeMessage raw(String charset, String subject, String text, String fileName)
            throws Exception {
        String mime = "From: =?" + charset + "?B?" + b64("Отдел продаж", charset) + "?= <sales@example.org>\r\n"
                + "To: support@example.com\r\n"
                + "Subject: =?" + charset + "?B?" + b64(subject, charset) + "?=\r\n"
                + "Date: Fri, 4 Dec 2026 10:00:00 +0300\r\n"
                + "Message-ID: <" + charset + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=" + charset
                + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64(text, charset) + "\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=" + charset + "\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename*=" + charset + "''" + percent(fileName, charset)
                + "\r\n\r\n"
                + b64("Итого: 1250,50 руб.", charset) + "\r\n"
                + "--b1--\r\n";
        return new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(mime.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64(String text, String charset) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(charset));
    }

    private static String percent(String text, String charset) throws Exception {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(charset)) {
            int c = b & 0xff;
            if (c < 128 && Character.isLetterOrDigit(c) || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
