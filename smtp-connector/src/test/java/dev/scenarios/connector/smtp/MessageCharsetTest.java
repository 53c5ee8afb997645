package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static dev.scenarios.connector.smtp.PathConfigurations.orderPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cyrillic names, subject, header values, body and attachment name survive the trip in a JVM whose default charset is
 * windows-1251, where Jakarta Mail would encode unlabelled text in that charset. Runs only in the surefire execution
 * {@code charset-windows-1251} (selected by the tag).
 */
@Tag("jvm-windows-1251")
class MessageCharsetTest {

    private static final String CUSTOMER = "Иванов Пётр Сергеевич";
    private static final String ATTACHMENT = "Счёт №42 для Иванова (финальная версия с очень длинным названием).pdf";

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    @BeforeAll
    static void theJvmReallyDefaultsToWindows1251() {
        assertThat(Charset.defaultCharset().name())
                .as("run through the surefire execution charset-windows-1251")
                .isEqualTo("windows-1251");
    }

    @Test
    void cyrillicTextReadsBackIdentically() throws Exception {
        Map<String, Object> path = orderPath();
        path.put("subject", "Заказ №42 для {Customer}");
        path.put("body", "Здравствуйте, {Customer}!");
        path.put("headers", List.of(object("name", "Organization", "value", "ООО «Ромашка» для {Customer}")));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("Customer", CUSTOMER);
        attributes.put("To", List.of(object("Name", CUSTOMER, "Address", "petr@example.com")));
        attributes.put(
                "Attachments",
                List.of(object(
                        "Name",
                        ATTACHMENT,
                        "Content",
                        Base64.getEncoder().encodeToString("%PDF".getBytes(StandardCharsets.US_ASCII)))));

        new GreenMailDelivery(GREEN_MAIL).sender(path).send(attributes);
        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage m = GREEN_MAIL.getReceivedMessages()[0];

        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo(GreenMailDelivery.SENDER_NAME);
        assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo(CUSTOMER);
        assertThat(m.getSubject()).isEqualTo("Заказ №42 для " + CUSTOMER);
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(m.getHeader("Organization", null)))
                .isEqualTo("ООО «Ромашка» для " + CUSTOMER);
        MimeMultipart mixed = (MimeMultipart) m.getContent();
        assertThat(String.valueOf(mixed.getBodyPart(0).getContent())).isEqualTo("Здравствуйте, " + CUSTOMER + "!");
        BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo(ATTACHMENT);
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo("%PDF".getBytes(StandardCharsets.US_ASCII));

        // Identical text could also come from windows-1251 labelled as such; the wire must say UTF-8.
        String raw = SmtpSendPathMessageTest.raw(m);
        assertThat(raw).doesNotContainIgnoringCase("windows-1251").doesNotContainIgnoringCase("koi8");
        assertThat(m.getHeader("Subject", null)).startsWithIgnoringCase("=?UTF-8?");
        assertThat(m.getHeader("To", null)).containsIgnoringCase("=?UTF-8?");
        assertThat(attachment.getHeader("Content-Disposition")[0]).containsPattern("(?i)filename\\*(0\\*)?=UTF-8''");
        assertThat(attachment.getHeader("Content-Type")[0]).containsPattern("(?i)name\\*(0\\*)?=UTF-8''");
    }
}
