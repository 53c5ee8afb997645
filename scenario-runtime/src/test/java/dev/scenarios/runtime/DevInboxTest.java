package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

/** The dev inbox over real SMTP: an Angus Mail client sends to it on loopback. */
class DevInboxTest {

    private static MimeMessage message(Session session, String to) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("shop@example.com", "Магазин «Ромашка»", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject("Заказ №7 принят", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Здравствуйте, Анна!\nСтрока 2\nСтрока 3\nСтрока 4\nСтрока 5\nСтрока 6\n", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                "счёт".getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8")));
        attachment.setFileName(jakarta.mail.internet.MimeUtility.encodeText("счёт.txt", "UTF-8", "B"));
        m.setContent(new MimeMultipart(text, attachment));
        return m;
    }

    private static Session session(DevInbox inbox) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", inbox.host());
        p.setProperty("mail.smtp.port", String.valueOf(inbox.port()));
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "5000");
        p.setProperty("mail.smtp.writetimeout", "5000");
        return Session.getInstance(p);
    }

    @Test
    void printsEachMessageAsItArrives() throws Exception {
        StringWriter out = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(out, true), Locale.ENGLISH)) {
            MimeMessage m = message(session(inbox), "Анна <anna@example.com>, sales@example.com");
            m.setRecipients(Message.RecipientType.BCC, "audit@example.com");
            Transport.send(m);

            assertThat(inbox.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
            assertThat(inbox.received())
                    .singleElement()
                    .satisfies(received -> assertThat(received.getSubject()).isEqualTo("Заказ №7 принят"));
            assertThat(out.toString()).isEqualTo("""
                    [dev-inbox] SMTP on 127.0.0.1:%d: every connection sends here for this run
                    [dev-inbox] IMAP on 127.0.0.1:%d: every address that received mail here is a mailbox (any user name and password)
                    [dev-inbox] message 1
                      From: Магазин «Ромашка» <shop@example.com>
                      To: Анна <anna@example.com>, sales@example.com
                      Bcc (envelope only): audit@example.com
                      Subject: Заказ №7 принят
                      Attachments: счёт.txt
                      | Здравствуйте, Анна!
                      | Строка 2
                      | Строка 3
                      | Строка 4
                      | Строка 5
                      | …
                    """.formatted(inbox.port(), inbox.imapPort()));
        }
    }

    @Test
    void refusesReservedInvalidDomainsAtRcptAndDeliversToTheOthers() throws Exception {
        StringWriter out = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(out, true), Locale.forLanguageTag("ru"))) {
            Session session = session(inbox);
            session.getProperties().setProperty("mail.smtp.sendpartial", "true");
            MimeMessage m = message(session, "duty@mailbox.invalid, anna@example.com");

            assertThatThrownBy(() -> Transport.send(m)).isInstanceOfSatisfying(SendFailedException.class, e -> {
                assertThat(e.getInvalidAddresses())
                        .extracting(Address::toString)
                        .containsExactly("duty@mailbox.invalid");
                assertThat(e.getValidSentAddresses())
                        .extracting(Address::toString)
                        .containsExactly("anna@example.com");
                // the refusal is the reply to RCPT TO, not to the end of DATA
                assertThat(e.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class, rcpt -> {
                    assertThat(rcpt.getCommand()).isEqualTo("RCPT TO:<duty@mailbox.invalid>");
                    assertThat(rcpt.getReturnCode()).isEqualTo(550);
                });
            });

            assertThat(inbox.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
            assertThat(inbox.kept()).singleElement().satisfies(kept -> {
                assertThat(kept.id()).isEqualTo(1);
                assertThat(kept.recipients()).containsExactly("anna@example.com");
            });
            assertThat(out.toString())
                    .contains("[dev-inbox] получатель <duty@mailbox.invalid> отклонён на RCPT TO: 550 5.1.2")
                    .contains("[dev-inbox] письмо 1")
                    .contains("Кому: duty@mailbox.invalid, anna@example.com");
        }
    }

    @Test
    void aMessageForInvalidDomainsOnlyNeverReachesData() throws Exception {
        StringWriter out = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(out, true), Locale.ENGLISH)) {
            assertThatThrownBy(() -> Transport.send(message(session(inbox), "duty@mailbox.invalid")))
                    .isInstanceOf(SendFailedException.class)
                    .hasMessageContaining("Invalid Addresses")
                    .satisfies(e -> assertThat(((SendFailedException) e).getNextException())
                            .hasMessageContaining("550 5.1.2"));

            assertThat(inbox.kept()).isEmpty();
            assertThat(out.toString())
                    .contains("[dev-inbox] RCPT TO:<duty@mailbox.invalid> refused: 550 5.1.2")
                    .doesNotContain("message 1");
        }
    }

    @Test
    void keepsTheReceivedMessagesWithTheirEnvelopeOnTheGivenPort() throws Exception {
        int port;
        try (java.net.ServerSocket free =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        try (DevInbox inbox = DevInbox.start(new PrintWriter(new StringWriter(), true), Locale.ENGLISH, port)) {
            assertThat(inbox.port()).isEqualTo(port);
            Transport.send(message(session(inbox), "anna@example.com"));
            Transport.send(message(session(inbox), "boris@example.com"));

            assertThat(inbox.awaitMessages(2, Duration.ofSeconds(5))).isTrue();
            assertThat(inbox.kept())
                    .extracting(DevInbox.KeptMessage::id, DevInbox.KeptMessage::recipients)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, java.util.List.of("anna@example.com")),
                            org.assertj.core.groups.Tuple.tuple(2L, java.util.List.of("boris@example.com")));
            assertThat(inbox.kept(2))
                    .get()
                    .satisfies(m -> assertThat(m.envelopeFrom()).isEqualTo("shop@example.com"));
            assertThat(inbox.kept(3)).isEmpty();
        }
    }
}
