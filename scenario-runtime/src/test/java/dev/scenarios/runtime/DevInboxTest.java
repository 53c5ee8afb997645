package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
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
        attachment.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource("счёт".getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8")));
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
            assertThat(inbox.received()).singleElement().satisfies(received -> assertThat(received.getSubject()).isEqualTo("Заказ №7 принят"));
            assertThat(out.toString()).isEqualTo("""
                    [dev-inbox] SMTP on 127.0.0.1:%d: every connection sends here for this run
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
                    """.formatted(inbox.port()));
        }
    }

    @Test
    void refusesReservedInvalidDomainsWith451() throws Exception {
        StringWriter out = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(out, true), Locale.forLanguageTag("ru"))) {
            assertThatThrownBy(() -> Transport.send(message(session(inbox), "duty@mailbox.invalid")))
                    .isInstanceOf(MessagingException.class).hasMessageContaining("451");

            assertThat(inbox.received()).isEmpty();
            assertThat(out.toString()).contains("[dev-inbox] письмо 1 ОТКЛОНЕНО с кодом 451").contains("Кому: duty@mailbox.invalid");
        }
    }
}
