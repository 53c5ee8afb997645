package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.attribute;
import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static dev.scenarios.connector.smtp.PathConfigurations.orderPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.SendResult;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Builds messages through the path and delivers them to GreenMail over loopback, then reads back what a recipient's
 * client would see, header by header.
 */
class SmtpSendPathMessageTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    private MimeMessage sendAndReceiveOne(Map<String, Object> path, Map<String, Object> attributes, int copies)
            throws Exception {
        GreenMailDelivery delivery = new GreenMailDelivery(GREEN_MAIL);
        SendResult result = delivery.sender(path).send(attributes);
        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, copies))
                .as("%d copies arrived", copies)
                .isTrue();
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(copies);
        assertThat(received[0].getMessageID()).isEqualTo(result.messageId());
        return received[0];
    }

    private static Map<String, Object> fullPath() {
        Map<String, Object> path = orderPath();
        path.put(
                "attributes",
                List.of(
                        attribute("Customer", "string", true, false),
                        attribute("Total", "number", false, false),
                        attribute("Items", "string", false, true),
                        attribute("Paid", "boolean", false, false),
                        attribute("Due", "datetime", false, false)));
        path.put("subject", "Order for {Customer}");
        path.put("body", "Dear {Customer},\ntotal {Total}, items {Items}, paid {Paid}, due {Due}. {{literal}}");
        path.put("htmlBody", "<p class=\"x\">Dear <b>{Customer}</b></p>");
        path.put("replyTo", "Support <support@shop.example>");
        path.put("to", "boss@shop.example");
        path.put("cc", "Accounts <accounts@shop.example>");
        path.put("bcc", "audit@audit.example");
        path.put("headers", List.of(object("name", "X-Order", "value", "order-{Customer}")));
        return path;
    }

    private static Map<String, Object> fullAttributes() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Customer", "Tom & <Jerry>");
        a.put("Total", 1.5e3);
        a.put("Items", List.of("tea", "cake"));
        a.put("Paid", true);
        a.put("Due", "2026-11-27T10:15:00+03:00");
        a.put("To", List.of(object("Name", "Anna", "Address", "anna@example.com")));
        a.put("Bcc", "hidden@bcc.example");
        a.put("CustomHeaders", List.of(object("Name", "X-Campaign", "Value", "winter")));
        a.put("Secret", "undeclared-value-must-not-leak");
        return a;
    }

    @Test
    void theReceivedMessageCarriesExactlyWhatThePathAndAttributesSay() throws Exception {
        MimeMessage m = sendAndReceiveOne(fullPath(), fullAttributes(), 5);

        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(GreenMailDelivery.SENDER_ADDRESS);
        assertThat(from.getPersonal()).isEqualTo(GreenMailDelivery.SENDER_NAME);
        assertThat(addresses(m.getRecipients(Message.RecipientType.TO)))
                .containsExactly("boss@shop.example", "Anna <anna@example.com>");
        assertThat(addresses(m.getRecipients(Message.RecipientType.CC)))
                .containsExactly("Accounts <accounts@shop.example>");
        assertThat(m.getHeader("Bcc")).as("Bcc header").isNull();
        assertThat(addresses(m.getReplyTo())).containsExactly("Support <support@shop.example>");
        assertThat(m.getSubject()).isEqualTo("Order for Tom & <Jerry>");
        assertThat(m.getHeader("X-Order", null)).isEqualTo("order-Tom & <Jerry>");
        assertThat(m.getHeader("X-Campaign", null)).isEqualTo("winter");

        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        BodyPart plain = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(plain.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(html.getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(normalized(plain.getContent()))
                .isEqualTo(
                        "Dear Tom & <Jerry>,\ntotal 1500, items tea, cake, paid true, due 2026-11-27T10:15:00+03:00. {literal}");
        assertThat(normalized(html.getContent())).isEqualTo("<p class=\"x\">Dear <b>Tom &amp; &lt;Jerry&gt;</b></p>");
    }

    @Test
    void bccRecipientsGetTheMessageButNoOneSeesThem() throws Exception {
        sendAndReceiveOne(fullPath(), fullAttributes(), 5);

        assertThat(inbox("hidden@bcc.example")).hasSize(1);
        assertThat(inbox("audit@audit.example")).hasSize(1);
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            assertThat(raw(m))
                    .doesNotContainIgnoringCase("bcc:")
                    .doesNotContain("hidden@bcc.example", "audit@audit.example");
        }
    }

    @Test
    void undeclaredAttributesNeverReachTheMessage() throws Exception {
        MimeMessage m = sendAndReceiveOne(fullPath(), fullAttributes(), 5);

        assertThat(raw(m)).doesNotContain("undeclared-value-must-not-leak").doesNotContainIgnoringCase("Secret:");
    }

    @Test
    void aTextOnlyMessageIsPlainTextInUtf8() throws Exception {
        Map<String, Object> attributes = Map.of("Customer", "Anna", "To", "anna@example.com");

        MimeMessage m = sendAndReceiveOne(orderPath(), attributes, 1);

        assertThat(m.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(normalized(m.getContent())).isEqualTo("Dear Anna, your total is .");
        assertThat(m.getReplyTo()).extracting(Address::toString).containsExactly(m.getFrom()[0].toString());
    }

    @Test
    void anHtmlOnlyMessageIsHtmlInUtf8() throws Exception {
        Map<String, Object> path = orderPath();
        path.remove("body");
        path.put("htmlBody", "<h1>{Customer}</h1>");

        MimeMessage m = sendAndReceiveOne(path, Map.of("Customer", "\"A\" & 'B'", "To", "anna@example.com"), 1);

        assertThat(m.getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(normalized(m.getContent())).isEqualTo("<h1>&quot;A&quot; &amp; &#39;B&#39;</h1>");
    }

    @Test
    void attachmentsWrapTheBodyInMultipartMixed() throws Exception {
        Map<String, Object> path = fullPath();
        path.put("attachments", List.of(object("name", "terms.txt", "content", base64("Terms: none"))));
        byte[] pdf = {0x25, 0x50, 0x44, 0x46, 0x00, (byte) 0xff, 0x10, 0x0d, 0x0a};
        Map<String, Object> attributes = fullAttributes();
        attributes.put(
                "Attachments",
                List.of(
                        object(
                                "Name",
                                "invoice.pdf",
                                "Content",
                                Base64.getEncoder().encodeToString(pdf)),
                        object(
                                "Name",
                                "data",
                                "Extension",
                                "csv",
                                "Content",
                                base64("a;b\n1;2"),
                                "ContentType",
                                "text/csv; charset=UTF-8")));

        MimeMessage m = sendAndReceiveOne(path, attributes, 5);

        assertThat(m.getContentType()).startsWith("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) m.getContent();
        assertThat(mixed.getCount()).isEqualTo(4);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertAttachment(
                mixed.getBodyPart(1), "terms.txt", "text/plain", "Terms: none".getBytes(StandardCharsets.UTF_8));
        assertAttachment(mixed.getBodyPart(2), "invoice.pdf", "application/pdf", pdf);
        assertAttachment(mixed.getBodyPart(3), "data.csv", "text/csv", "a;b\n1;2".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTextBodyWithAttachmentsIsTheFirstPartOfTheMixedMessage() throws Exception {
        Map<String, Object> attributes = Map.of(
                "Customer",
                "Anna",
                "To",
                "anna@example.com",
                "Attachments",
                object("Name", "a.bin", "Content", base64("x")));

        MimeMessage m = sendAndReceiveOne(orderPath(), attributes, 1);

        MimeMultipart mixed = (MimeMultipart) m.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(mixed.getBodyPart(0).getDisposition()).isNull();
        assertAttachment(mixed.getBodyPart(1), "a.bin", "application/octet-stream", new byte[] {'x'});
    }

    /** The messages the envelope delivered to {@code address} (GreenMail keeps one inbox per recipient). */
    private static List<MimeMessage> inbox(String address) throws Exception {
        GreenMailUser user = GREEN_MAIL.getUserManager().getUserByEmail(address);
        assertThat(user).as("mailbox of %s", address).isNotNull();
        return GREEN_MAIL.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                .map(StoredMessage::getMimeMessage)
                .toList();
    }

    private static void assertAttachment(BodyPart part, String name, String type, byte[] bytes) throws Exception {
        assertThat(part.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(part.getFileName()).isEqualTo(name);
        assertThat(part.getContentType()).startsWith(type);
        assertThat(part.getInputStream().readAllBytes()).isEqualTo(bytes);
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses)
                        .map(a -> ((InternetAddress) a).toUnicodeString())
                        .toList();
    }

    private static String normalized(Object content) {
        return String.valueOf(content).replace("\r\n", "\n");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
