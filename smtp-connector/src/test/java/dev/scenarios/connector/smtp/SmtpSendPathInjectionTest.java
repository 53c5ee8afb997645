package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static dev.scenarios.connector.smtp.PathConfigurations.orderPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.smtp.internal.template.SmtpPathSender;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario data that would add or rewrite a header is refused before anything is sent: the transport is never called
 * and the server receives only the control message sent afterwards.
 */
class SmtpSendPathInjectionTest {

    private static final String INJECTED = "Bcc: spy@evil.example";

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    static Stream<Arguments> injections() {
        String b64Word = "=?UTF-8?B?"
                + Base64.getEncoder().encodeToString(("Eve\r\n" + INJECTED).getBytes(StandardCharsets.UTF_8)) + "?=";
        return Stream.of(
                Arguments.of(
                        "CR LF in an attribute rendered into the subject",
                        "subject",
                        Map.of("Customer", "Bob\r\n" + INJECTED)),
                Arguments.of("bare LF in the subject", "subject", Map.of("Customer", "Bob\n" + INJECTED)),
                Arguments.of("NUL in the subject", "subject", Map.of("Customer", "Bob\0" + INJECTED)),
                Arguments.of(
                        "Q encoded-word decoding to CR LF in the subject",
                        "subject",
                        Map.of("Customer", "=?UTF-8?Q?Bob=0D=0ABcc:_spy@evil.example?=")),
                Arguments.of(
                        "encoded-word glued to text",
                        "subject",
                        Map.of("Customer", "x=?UTF-8?Q?=0A?=" + "spy@evil.example")),
                Arguments.of(
                        "CR LF in an attribute rendered into a path header",
                        "headers[0].value",
                        Map.of("Customer", "ok", "Ref", "1\r\n" + INJECTED)),
                Arguments.of(
                        "CR LF in a display name",
                        "To[0].Name",
                        Map.of("To", List.of(object("Name", "Eve\r\n" + INJECTED, "Address", "eve@example.com")))),
                Arguments.of(
                        "B encoded-word decoding to CR LF in a display name",
                        "To[0].Name",
                        Map.of("To", List.of(object("Name", b64Word, "Address", "eve@example.com")))),
                Arguments.of(
                        "LF in an address",
                        "Cc[0].Address",
                        Map.of("Cc", List.of(object("Name", "Eve", "Address", "eve@example.com\n" + INJECTED)))),
                Arguments.of("LF in a plain address string", "Bcc", Map.of("Bcc", "eve@example.com\n" + INJECTED)),
                Arguments.of(
                        "CR LF in an attachment name",
                        "Attachments[0].Name",
                        Map.of("Attachments", List.of(object("Name", "a.txt\r\n" + INJECTED, "Content", "aGk=")))),
                Arguments.of(
                        "CR LF in a custom header value",
                        "CustomHeaders[0].Value",
                        Map.of("CustomHeaders", List.of(object("Name", "X-Note", "Value", "ok\r\n" + INJECTED)))),
                Arguments.of(
                        "CR LF in a custom header name",
                        "CustomHeaders[0].Name",
                        Map.of("CustomHeaders", List.of(object("Name", "X-Note:\r\n" + INJECTED, "Value", "ok")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void aLineBreakInAnyHeaderValueIsRefusedAndNothingIsSent(
            String description, String field, Map<String, Object> attack) throws Exception {
        GreenMailDelivery delivery = new GreenMailDelivery(GREEN_MAIL);
        SmtpPathSender sender = delivery.sender(path());
        Map<String, Object> attributes = new LinkedHashMap<>(Map.of("Customer", "Anna", "To", "anna@example.com"));
        attributes.putAll(attack);

        assertThatThrownBy(() -> sender.send(attributes)).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
            assertThat(e.getMessage())
                    .startsWith(field + " contains a line break")
                    .doesNotContain("spy@evil.example");
        });

        assertThat(delivery.deliveries()).as("messages handed to the transport").isZero();
        assertOnlyTheControlMessageArrives(delivery, sender);
    }

    /** Finding 8 of issue #13: a 100 KB subject broke RFC 5322's 998-character line; attribute values had no limit. */
    @org.junit.jupiter.api.Test
    void finding8_aSubjectLineOrAnAttributeOverTheLimitIsRefusedAndNothingIsSent() throws Exception {
        GreenMailDelivery delivery = new GreenMailDelivery(GREEN_MAIL);
        SmtpPathSender sender = delivery.sender(path());

        assertThatThrownBy(() -> sender.send(Map.of("Customer", "x".repeat(1_000), "To", "anna@example.com")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
                    assertThat(e.getMessage())
                            .startsWith("subject is too long: after encoding a header line would have 1001 characters,"
                                    + " more than the 998 RFC 5322 allows");
                });
        assertThatThrownBy(() ->
                        sender.send(Map.of("Customer", "Anna", "Ref", "y".repeat(70_000), "To", "anna@example.com")))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.getMessage())
                                .startsWith("attribute Ref is 70000 characters long, more than the 65536 accepted"));
        assertThat(delivery.deliveries()).isZero();

        // a long subject that encodes into words is folded into short lines and arrives whole
        String cyrillic = "ж".repeat(600);
        sender.send(Map.of("Customer", cyrillic, "To", "anna@example.com"));
        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Order for " + cyrillic);
        assertThat(SmtpSendPathMessageTest.raw(received).lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    @ParameterizedTest(name = "custom header {0}")
    @MethodSource("forbiddenHeaders")
    void aScenarioCannotSetAddressingOrStructureHeaders(String name) throws Exception {
        GreenMailDelivery delivery = new GreenMailDelivery(GREEN_MAIL);
        SmtpPathSender sender = delivery.sender(path());

        assertThatThrownBy(() -> sender.send(Map.of(
                        "Customer",
                        "Anna",
                        "To",
                        "anna@example.com",
                        "CustomHeaders",
                        List.of(object("Name", name, "Value", "spy@evil.example")))))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
                    assertThat(e.getMessage())
                            .startsWith("CustomHeaders[0].Name: header " + name + " cannot be set by a scenario");
                });

        assertThat(delivery.deliveries()).isZero();
        assertOnlyTheControlMessageArrives(delivery, sender);
    }

    static Stream<String> forbiddenHeaders() {
        return Stream.of(
                "From",
                "To",
                "Bcc",
                "Subject",
                "Sender",
                "Return-Path",
                "Message-ID",
                "Date",
                "MIME-Version",
                "Content-Type",
                "Content-Transfer-Encoding",
                "Received",
                "Reply-To");
    }

    private static Map<String, Object> path() {
        Map<String, Object> path = orderPath();
        List<Object> attributes = new java.util.ArrayList<>((List<?>) path.get("attributes"));
        attributes.add(PathConfigurations.attribute("Ref", "string", false, false));
        path.put("attributes", attributes);
        path.put("headers", List.of(object("name", "X-Ref", "value", "{Ref}")));
        return path;
    }

    /**
     * Sends a clean message after the refused one and waits for it: had the refused one gone out, it would have arrived
     * first.
     */
    private static void assertOnlyTheControlMessageArrives(GreenMailDelivery delivery, SmtpPathSender sender)
            throws Exception {
        sender.send(Map.of("Customer", "Control", "To", "control@example.com"));
        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Order for Control");
        assertThat(SmtpSendPathMessageTest.raw(received[0])).doesNotContain("evil.example");
        assertThat(delivery.deliveries()).isEqualTo(1);
    }
}
