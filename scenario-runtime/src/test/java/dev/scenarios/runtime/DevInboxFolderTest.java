package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.internal.inbox.InboxFolder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev inbox's folder: what a process received is there for the next one, within the same bound as in memory. */
class DevInboxFolderTest {

    @TempDir
    Path dir;

    private static void send(DevInbox inbox, String to, String subject) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", inbox.host());
        p.setProperty("mail.smtp.port", String.valueOf(inbox.port()));
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "5000");
        p.setProperty("mail.smtp.writetimeout", "5000");
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress("shop@example.com"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(subject, "UTF-8");
        m.setText("Здравствуйте!", "UTF-8");
        Transport.send(m);
    }

    private static DevInbox start(Path folder, StringWriter out) {
        return DevInbox.start(new PrintWriter(out, true), Locale.ENGLISH, 0, folder);
    }

    private static byte[] raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private static String subject(DevInbox.KeptMessage m) {
        try {
            return m.message().getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void messagesSurviveARestartAndNewOnesAreNumberedAfterThem() throws Exception {
        Path folder = dir.resolve("data/dev-inbox");
        byte[] first;
        try (DevInbox inbox = start(folder, new StringWriter())) {
            send(inbox, "anna@example.com", "Заказ №1 принят");
            send(inbox, "boris@example.com", "Заказ №2 принят");
            assertThat(inbox.awaitMessages(2, Duration.ofSeconds(5))).isTrue();
            first = raw(inbox.kept(1).orElseThrow().message());
        }
        assertThat(folder.resolve("1.eml")).exists();
        assertThat(Files.readAllBytes(folder.resolve("1.eml"))).isEqualTo(first);

        StringWriter printed = new StringWriter();
        try (DevInbox again = start(folder, printed)) {
            assertThat(printed.toString())
                    .contains("[dev-inbox] messages kept in " + folder + " as well (the latest 500); 2 there");
            assertThat(again.kept())
                    .extracting(m -> m.id(), DevInboxFolderTest::subject, m -> m.recipients(), m -> m.envelopeFrom())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    1L, "Заказ №1 принят", List.of("anna@example.com"), "shop@example.com"),
                            org.assertj.core.groups.Tuple.tuple(
                                    2L, "Заказ №2 принят", List.of("boris@example.com"), "shop@example.com"));
            assertThat(raw(again.kept(1).orElseThrow().message())).isEqualTo(first);
            assertThat(again.kept(1).orElseThrow().size()).isEqualTo(first.length);

            send(again, "vera@example.com", "Заказ №3 принят");
            assertThat(again.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
            assertThat(again.kept()).extracting(DevInbox.KeptMessage::id).containsExactly(1L, 2L, 3L);
            assertThat(printed.toString()).contains("[dev-inbox] message 3");
        }
    }

    @Test
    void theFolderKeepsTheLatest500() throws Exception {
        Path folder = dir.resolve("dev-inbox");
        InboxFolder files = new InboxFolder(folder);
        byte[] raw = "Subject: old\r\n\r\nold\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 1; i <= DevInbox.KEPT; i++) {
            long id = files.claim(i);
            files.write(
                    new DevInbox.KeptMessage(
                            id,
                            Instant.parse("2026-01-01T00:00:00Z"),
                            "a@example.com",
                            List.of("b@example.com"),
                            null,
                            0),
                    raw);
        }
        try (DevInbox inbox = start(folder, new StringWriter())) {
            assertThat(inbox.kept()).hasSize(DevInbox.KEPT);
            send(inbox, "anna@example.com", "new");
            assertThat(inbox.awaitMessages(1, Duration.ofSeconds(5))).isTrue();

            assertThat(inbox.kept()).hasSize(DevInbox.KEPT);
            assertThat(inbox.kept().get(0).id()).isEqualTo(2);
            assertThat(inbox.kept().get(DevInbox.KEPT - 1).message().getSubject())
                    .isEqualTo("new");
        }
        try (Stream<Path> list = Files.list(folder)) {
            assertThat(list.filter(f -> f.toString().endsWith(".json"))).hasSize(DevInbox.KEPT);
        }
        assertThat(folder.resolve("1.eml")).doesNotExist();
        assertThat(folder.resolve("1.json")).doesNotExist();
        assertThat(folder.resolve("501.eml")).exists();
    }

    @Test
    void twoProcessesShareTheFolderAndClearEmptiesIt() throws Exception {
        Path folder = dir.resolve("dev-inbox");
        try (DevInbox run = start(folder, new StringWriter());
                DevInbox serve = start(folder, new StringWriter())) {
            send(run, "anna@example.com", "from the run");
            send(serve, "boris@example.com", "from the console");
            assertThat(run.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
            assertThat(serve.awaitMessages(1, Duration.ofSeconds(5))).isTrue();

            // numbers are claimed in the folder: the two processes never write the same file
            assertThat(serve.kept())
                    .extracting(DevInboxFolderTest::subject)
                    .containsExactly("from the run", "from the console");
            assertThat(serve.kept()).extracting(DevInbox.KeptMessage::id).containsExactly(1L, 2L);

            serve.clear();
            assertThat(serve.kept()).isEmpty();
            assertThat(run.kept()).isEmpty();
            try (Stream<Path> list = Files.list(folder)) {
                assertThat(list).isEmpty();
            }
        }
    }

    @Test
    void aMessageWithoutItsEnvelopeIsNotKept() throws Exception {
        Path folder = dir.resolve("dev-inbox");
        Files.createDirectories(folder);
        // a crash between the two writes: the content is there, the envelope (written last) is not
        Files.writeString(folder.resolve("7.eml"), "Subject: half\r\n\r\nhalf\r\n");
        try (DevInbox inbox = start(folder, new StringWriter())) {
            assertThat(inbox.kept()).isEmpty();
            send(inbox, "anna@example.com", "after the crash");
            assertThat(inbox.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
            assertThat(inbox.kept()).extracting(DevInbox.KeptMessage::id).containsExactly(8L);
        }
    }

    @Test
    void anUnreadableMessageIsSkippedAndSaidOnce() throws Exception {
        Path folder = dir.resolve("dev-inbox");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("9.eml"), "Subject: fine\r\n\r\nfine\r\n");
        Files.writeString(folder.resolve("9.json"), "{not json");
        StringWriter printed = new StringWriter();
        try (DevInbox inbox = start(folder, printed)) {
            assertThat(inbox.kept()).isEmpty();
            assertThat(inbox.kept()).isEmpty();
            assertThat(printed.toString().split("cannot read", -1)).hasSize(2);
            assertThat(printed.toString()).contains("[dev-inbox] cannot read " + folder.resolve("9.eml"));
            send(inbox, "anna@example.com", "next");
            assertThat(inbox.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
            assertThat(inbox.kept()).extracting(DevInbox.KeptMessage::id).containsExactly(10L);
        }
    }
}
