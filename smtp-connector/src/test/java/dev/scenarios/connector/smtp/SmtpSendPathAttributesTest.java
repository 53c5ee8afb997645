package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.attribute;
import static dev.scenarios.connector.smtp.PathConfigurations.configuration;
import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static dev.scenarios.connector.smtp.PathConfigurations.orderPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.smtp.internal.mime.Mailbox;
import dev.scenarios.connector.smtp.internal.mime.RenderedMail;
import dev.scenarios.connector.smtp.internal.template.PathTemplate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How attribute values become template text, and which values a message refuses. */
class SmtpSendPathAttributesTest {

    private static PathTemplate typedPath() {
        Map<String, Object> path = orderPath();
        path.put(
                "attributes",
                List.of(
                        attribute("Customer", "string", true, false),
                        attribute("Total", "number", false, false),
                        attribute("Items", "number", false, true),
                        attribute("Paid", "boolean", false, false),
                        attribute("Due", "datetime", false, false),
                        attribute("Note", "string", false, false)));
        path.put("subject", "[{Note}]");
        path.put("body", "{Customer}|{Total}|{Items}|{Paid}|{Due}|{Note}");
        return PathTemplate.compile(configuration(path)).template();
    }

    private static String body(Map<String, Object> values) throws DeliveryException {
        Map<String, Object> attributes = new HashMap<>(values);
        attributes.putIfAbsent("Customer", "Anna");
        attributes.putIfAbsent("To", "anna@example.com");
        return typedPath().render(attributes).text();
    }

    @Test
    void valuesAreWrittenPlainly() throws Exception {
        assertThat(body(Map.of(
                        "Total",
                        1.0e20,
                        "Items",
                        List.of(1, 2.5, new BigDecimal("3.10")),
                        "Paid",
                        false,
                        "Due",
                        OffsetDateTime.of(2026, 11, 27, 10, 15, 0, 0, ZoneOffset.ofHours(3)))))
                .isEqualTo("Anna|100000000000000000000|1, 2.5, 3.10|false|2026-11-27T10:15:00+03:00|");
    }

    @Test
    void textValuesAreCheckedAndNormalized() throws Exception {
        assertThat(body(Map.of("Total", "1E+3", "Items", "7", "Paid", "TRUE", "Due", "2026-11-27T10:15:00Z")))
                .isEqualTo("Anna|1000|7|true|2026-11-27T10:15:00Z|");
        assertThat(body(Map.of("Due", "2026-11-27"))).endsWith("|2026-11-27|");
        assertThat(body(Map.of("Due", Instant.parse("2026-11-27T07:15:00Z")))).endsWith("|2026-11-27T07:15:00Z|");
        assertThat(body(Map.of("Due", LocalDate.of(2026, 1, 2)))).endsWith("|2026-01-02|");
    }

    @Test
    void aMissingOptionalAttributeRendersEmpty() throws Exception {
        RenderedMail mail = typedPath().render(Map.of("Customer", "Anna", "To", "anna@example.com"));

        assertThat(mail.subject()).isEqualTo("[]");
        assertThat(mail.text()).isEqualTo("Anna|||||");
    }

    @Test
    void aMissingRequiredAttributeIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> typedPath().render(Map.of("To", "anna@example.com")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
                    assertThat(e.getMessage())
                            .isEqualTo("attribute Customer is required but the message does not supply it");
                });
    }

    @Test
    void aValueOfTheWrongTypeIsAConfigurationErrorNamingTheAttribute() {
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("Total", "abc"),
                Map.<String, Object>of("Paid", "yes"),
                Map.<String, Object>of("Due", "tomorrow"),
                Map.<String, Object>of("Items", List.of(1, "x")),
                Map.<String, Object>of("Note", Map.of("a", 1)),
                Map.<String, Object>of("Total", List.of(1, 2)))) {
            String name = bad.keySet().iterator().next();
            assertThatThrownBy(() -> body(bad))
                    .as(bad.toString())
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
                        assertThat(e.getMessage()).startsWith("attribute " + name + " ");
                    });
        }
    }

    @Test
    void theTypeErrorDoesNotEchoTheValue() {
        assertThatThrownBy(() -> body(Map.of("Total", "tok3n-abc")))
                .hasMessage("attribute Total must be of type number")
                .hasMessageNotContaining("tok3n");
    }

    @Test
    void recipientsComeInEveryDocumentedShapeAndJoinTheFixedOnes() throws Exception {
        Map<String, Object> path = orderPath();
        path.put("to", "Boss <boss@example.com>");
        path.put("bcc", List.of("audit@example.com"));
        RenderedMail mail = PathTemplate.compile(configuration(path))
                .template()
                .render(Map.of(
                        "Customer",
                        "Anna",
                        "To",
                        List.of(
                                object("Name", "Анна", "Address", "anna@пример.рф"),
                                "bob@example.com",
                                "Carl <carl@example.com>"),
                        "Cc",
                        object("Name", "Dora", "Address", "dora@example.com"),
                        "Bcc",
                        "eve@example.com, fay@example.com"));

        assertThat(mail.to())
                .containsExactly(
                        new Mailbox("Boss", "boss@example.com"),
                        new Mailbox("Анна", "anna@xn--e1afmkfd.xn--p1ai"),
                        new Mailbox(null, "bob@example.com"),
                        new Mailbox("Carl", "carl@example.com"));
        assertThat(mail.cc()).containsExactly(new Mailbox("Dora", "dora@example.com"));
        assertThat(mail.bcc())
                .extracting(Mailbox::address)
                .containsExactly("audit@example.com", "eve@example.com", "fay@example.com");
    }

    @Test
    void aMessageWithoutAnyRecipientIsRefused() {
        assertThatThrownBy(() -> PathTemplate.compile(configuration(orderPath()))
                        .template()
                        .render(Map.of("Customer", "Anna", "To", List.of())))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION))
                .hasMessage("the message has no recipients: give To, Cc or Bcc in the path or in the attributes");
    }

    @Test
    void badRecipientsAndAttachmentsAreRefusedNamingTheItem() {
        PathTemplate path = PathTemplate.compile(configuration(orderPath())).template();
        Map<String, String> expected = Map.of(
                "To[1]: \"not-an-address\" is not a valid e-mail address", "To",
                "Attachments[0].Content is not valid Base64", "Attachments",
                "Cc[0] must be an address, or an object with Name and Address", "Cc",
                "CustomHeaders[0] must be an object with Name and Value", "CustomHeaders");
        Map<String, Object> values = Map.of(
                "To", List.of("anna@example.com", "not-an-address"),
                "Attachments", List.of(object("Name", "a.bin", "Content", "@@@")),
                "Cc", List.of(42),
                "CustomHeaders", List.of("X-A: b"));
        expected.forEach((message, attribute) -> {
            Map<String, Object> attributes = new HashMap<>(Map.of("Customer", "Anna", "To", "anna@example.com"));
            attributes.put(attribute, values.get(attribute));
            assertThatThrownBy(() -> path.render(attributes))
                    .as(attribute)
                    .isInstanceOf(DeliveryException.class)
                    .hasMessage(message);
        });
    }
}
