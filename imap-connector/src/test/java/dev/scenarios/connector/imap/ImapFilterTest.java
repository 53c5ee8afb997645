package dev.scenarios.connector.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.ReceivedItem;
import dev.scenarios.connector.api.ValidationResult;
import jakarta.mail.Flags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The filters ({@code from}, {@code subjectContains}, {@code unseenOnly}) and {@code afterSuccess: keyword}. */
class ImapFilterTest {

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
    void onlyMatchingMailsReachTheScenarioAndTheOthersStayUntouched() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliverFrom(user, "spam@other.net", "Ticket: cheap pills", "not from the domain");
        GreenMailImap.deliverFrom(user, "boss@example.org", "Отчёт за месяц", "no ticket in the subject");
        GreenMailImap.deliverFrom(user, "client@example.org", "TICKET read before", "already \\Seen");
        GreenMailImap.markSeen(GREEN_MAIL, "TICKET read before");
        GreenMailImap.deliverFrom(user, "client@example.org", "Ticket: принтер", "matches");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(
                        connection, Map.of("from", "example.org", "subjectContains", "ticket", "unseenOnly", true))) {
            source.start(handed::add);
            ReceivedItem first = next(handed);
            assertThat(first.attributes()).containsEntry("Subject", "Ticket: принтер");
            first.succeeded(Map.of());
            GreenMailImap.deliverFrom(user, "Anna <anna@EXAMPLE.org>", "second ticket", "matches, ignoring case");
            ReceivedItem second = next(handed);
            assertThat(second.attributes())
                    .as("none of the three non-matching mails came in between")
                    .containsEntry("Subject", "second ticket");
            second.succeeded(Map.of());
            assertThat(handed.poll(2, TimeUnit.SECONDS)).isNull();
        }
        assertThat(GreenMailImap.flagsBySubject(GREEN_MAIL, "Processed"))
                .containsOnlyKeys("Ticket: принтер", "second ticket");
        Map<String, Flags> inbox = GreenMailImap.flagsBySubject(GREEN_MAIL, "INBOX");
        assertThat(inbox).containsOnlyKeys("Ticket: cheap pills", "Отчёт за месяц", "TICKET read before");
        assertThat(inbox.get("Ticket: cheap pills").contains(Flags.Flag.SEEN)).isFalse();
        assertThat(inbox.get("Отчёт за месяц").contains(Flags.Flag.SEEN)).isFalse();
        assertThat(inbox.get("TICKET read before").contains(Flags.Flag.SEEN)).isTrue();
    }

    @Test
    void afterSuccessKeywordFlagsTheMailInPlaceAndNeverHandsItAgain() throws Exception {
        GreenMailUser user = GreenMailImap.user(GREEN_MAIL);
        GreenMailImap.deliver(user, "Заявка №1", "первая");
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        Map<String, Object> path = Map.of("afterSuccess", "keyword", "keyword", "Handled");
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, path)) {
            source.start(handed::add);
            next(handed).succeeded(Map.of());
            GreenMailImap.deliver(user, "Заявка №2", "вторая");
            ReceivedItem second = next(handed);
            assertThat(second.attributes()).containsEntry("Subject", "Заявка №2");
            second.succeeded(Map.of());
            assertThat(handed.poll(2, TimeUnit.SECONDS)).isNull();
        }
        // Without the state file only the keyword tells the path that both were done.
        Files.delete(data.resolve("imap/support_requests.state"));
        try (ImapConnection connection = GreenMailImap.open(GREEN_MAIL, data);
                PathSource source = source(connection, path)) {
            source.start(handed::add);
            GreenMailImap.deliver(user, "Заявка №3", "третья");
            ReceivedItem third = next(handed);
            assertThat(third.attributes()).containsEntry("Subject", "Заявка №3");
            third.succeeded(Map.of());
            assertThat(handed.poll(2, TimeUnit.SECONDS)).isNull();
        }
        Map<String, Flags> inbox = GreenMailImap.flagsBySubject(GREEN_MAIL, "INBOX");
        assertThat(inbox).containsOnlyKeys("Заявка №1", "Заявка №2", "Заявка №3");
        inbox.values().forEach(flags -> {
            assertThat(flags.contains("Handled")).isTrue();
            assertThat(flags.contains(Flags.Flag.SEEN)).isFalse();
        });
        assertThat(GreenMailImap.count(GREEN_MAIL, "Processed")).isZero();
        assertThat(journal()).contains("succeeded; keyword Handled set");
    }

    @Test
    void aKeywordIsRequiredAndMustBeAnImapAtomAndFiltersMustNotBeBlank() {
        ImapReceivePathType type = new ImapReceivePathType();
        ValidationResult missing = type.validate(
                Configuration.of(type.properties(), GreenMailImap.path(Map.of("afterSuccess", "keyword"))));
        assertThat(missing.problemsOf("keyword")).isNotEmpty();
        ValidationResult bad = type.validate(Configuration.of(
                type.properties(), GreenMailImap.path(Map.of("afterSuccess", "keyword", "keyword", "две слова"))));
        assertThat(bad.describe(Locale.ENGLISH)).contains("keyword \"две слова\": use one word of Latin letters");
        assertThat(bad.describe(Locale.forLanguageTag("ru"))).contains("«Ключевое слово» «две слова»");
        ValidationResult good = type.validate(Configuration.of(
                type.properties(),
                GreenMailImap.path(Map.of("afterSuccess", "keyword", "keyword", "$Handled-1", "unseenOnly", true))));
        assertThat(good.isValid()).as(good.describe(Locale.ENGLISH)).isTrue();
    }
}
