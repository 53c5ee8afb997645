package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.attribute;
import static dev.scenarios.connector.smtp.PathConfigurations.configuration;
import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.smtp.testing.Configs;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's attribute types and flags: duration, period, object (its fields as {@code {Order.Number}}), key-value
 * ({@code {Map.key}}), {@code notEmpty}, and {@code CustomHeaders[].ListValues}; checked by validation and rendered
 * into a message GreenMail receives over loopback.
 */
class SmtpSendPathSeedTypesTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    private static Map<String, Object> seedPath() {
        Map<String, Object> order = attribute("Order", "object", true, false);
        order.put(
                "fields",
                List.of(
                        withNotEmpty(attribute("Number", "string", true, false)),
                        attribute("Total", "number", false, false)));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("systemName", "order_mail");
        values.put("connection", "shop_smtp");
        values.put(
                "attributes",
                new ArrayList<>(List.of(
                        order,
                        attribute("Wait", "duration", false, false),
                        attribute("Stay", "period", false, false),
                        attribute("Extra", "key-value", false, false),
                        withNotEmpty(attribute("Note", "string", false, false)))));
        values.put("subject", "Order {Order.Number}");
        values.put(
                "body",
                "Total {Order.Total}; wait {Wait}; stay {Stay}; from {Stay.Start}; gift {Extra.gift}; note {Note}");
        return values;
    }

    private static Map<String, Object> withNotEmpty(Map<String, Object> attribute) {
        attribute.put("notEmpty", true);
        return attribute;
    }

    private static List<ValidationResult.Problem> problems(Map<String, Object> values) {
        return PathConfigurations.TYPE.validate(configuration(values)).problems();
    }

    @Test
    void theSeedTypesAreValidAndRenderIntoTheReceivedMessage(@TempDir Path data) throws Exception {
        assertThat(problems(seedPath())).isEmpty();
        try (SmtpConnection connection = Configs.TYPE.open(
                Configs.of(Configs.plain(GREEN_MAIL.getSmtp().getPort())), ConnectorContext.of(data))) {
            PathSender sender = PathConfigurations.TYPE.bind(configuration(seedPath()), connection);

            sender.send(Map.of(
                    "Order", object("Number", "A-42", "Total", new java.math.BigDecimal("12.50")),
                    "Wait", "PT1H30M",
                    "Stay", object("Start", "2026-12-01T14:00:00+03:00", "End", "2026-12-03T12:00:00+03:00"),
                    "Extra", object("gift", "calendar", "unused", "x"),
                    "Note", "fragile",
                    "CustomHeaders", List.of(object("Name", "X-Tag", "ListValues", List.of("winter", "sale"))),
                    "To", "anna@example.com"));

            assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage m = GREEN_MAIL.getReceivedMessages()[0];
            assertThat(m.getSubject()).isEqualTo("Order A-42");
            assertThat(String.valueOf(m.getContent()).trim())
                    .isEqualTo(
                            "Total 12.50; wait 1h 30m; "
                                    + "stay 2026-12-01T14:00:00+03:00 – 2026-12-03T12:00:00+03:00; from 2026-12-01T14:00:00+03:00; gift calendar; note fragile");
            assertThat(m.getHeader("X-Tag")).containsExactly("winter", "sale");
        }
    }

    @Test
    void aPathsLanguageWritesDurationsInItAndTheOthersAsBefore(@TempDir Path data) throws Exception {
        Map<String, Object> russian = seedPath();
        russian.put("language", "ru");
        Map<String, Object> wrong = seedPath();
        wrong.put("language", "de");
        assertThat(problems(russian)).isEmpty();
        assertThat(problems(wrong))
                .extracting(ValidationResult.Problem::property)
                .containsExactly("language");
        try (SmtpConnection connection = Configs.TYPE.open(
                Configs.of(Configs.plain(GREEN_MAIL.getSmtp().getPort())), ConnectorContext.of(data))) {
            PathConfigurations.TYPE
                    .bind(configuration(russian), connection)
                    .send(Map.of(
                            "Order", object("Number", "A-43", "Total", 3),
                            "Wait", "PT1H30M",
                            "Note", "—",
                            "To", "anna@example.com"));

            assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
            assertThat(String.valueOf(GREEN_MAIL.getReceivedMessages()[0].getContent()))
                    .contains("wait 1 ч 30 мин;");
        }
    }

    @Test
    void notEmptyAndTheTypesRefuseBadValuesNamingTheAttribute(@TempDir Path data) throws Exception {
        try (SmtpConnection connection = Configs.TYPE.open(
                Configs.of(Configs.plain(GREEN_MAIL.getSmtp().getPort())), ConnectorContext.of(data))) {
            refusals(PathConfigurations.TYPE.bind(configuration(seedPath()), connection));
        }
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    private static void refusals(PathSender sender) {
        Map<String, Object> good =
                new LinkedHashMap<>(Map.of("Order", object("Number", "A-1"), "To", "anna@example.com"));

        assertRefused(sender, with(good, "Note", ""), "attribute Note must not be empty");
        assertRefused(sender, with(good, "Order", object("Number", " ")), "attribute Order.Number must not be empty");
        assertRefused(
                sender,
                with(good, "Order", object("Total", 1)),
                "attribute Order.Number is required but the message does not supply it");
        assertRefused(
                sender, with(good, "Wait", "soon"), "attribute Wait must be a duration such as 15s, 2m or PT1H30M");
        assertRefused(
                sender,
                with(good, "Stay", "2026-12-03T00:00:00Z/2026-12-01T00:00:00Z"),
                "attribute Stay: the period ends before it starts");
        assertRefused(sender, with(good, "Extra", "gift"), "attribute Extra must be of type key-value");
    }

    @Test
    void anObjectIsNoPlaceholderButItsDeclaredFieldsAre() {
        Map<String, Object> values = seedPath();
        values.put("subject", "Order {Order} {Order.Nope} {Stay.Middle} {Extra.anything} {Wait.x}");

        assertThat(problems(values))
                .extracting(p -> p.message(Locale.ENGLISH))
                .containsExactly(
                        "placeholder {Order} names an attribute of type object, which cannot be inserted as a whole; use one of its parts such as {Order.Number}",
                        "placeholder {Order.Nope} names no part of attribute Order (parts: {Order.Number}, {Order.Total})",
                        "placeholder {Stay.Middle} names no part of attribute Stay (parts: {Stay.Start}, {Stay.End})",
                        "placeholder {Wait.x} names no part of attribute Wait (parts: {Wait})");
        assertThat(problems(values))
                .extracting(ValidationResult.Problem::property)
                .containsOnly("subject");
    }

    @Test
    void theJsonSchemaOffersEveryTypeAndFlag() {
        String schema = dev.scenarios.connector.api.support.JsonSchemas.of(PathConfigurations.TYPE, Locale.ENGLISH);

        assertThat(schema)
                .contains("\"duration\"", "\"period\"", "\"object\"", "\"key-value\"", "\"notEmpty\"", "\"fields\"");
    }

    @Test
    void anObjectNeedsFieldsAndOnlyAnObjectHasThem() {
        Map<String, Object> values = seedPath();
        List<Object> attributes = new ArrayList<>((List<?>) values.get("attributes"));
        attributes.add(attribute("Empty", "object", false, false));
        Map<String, Object> text = attribute("Text", "string", false, false);
        text.put("fields", List.of(object("name", "X")));
        attributes.add(text);
        attributes.add(attribute("Odd", "money", false, false));
        values.put("attributes", attributes);

        assertThat(problems(values))
                .extracting(ValidationResult.Problem::property, p -> p.message(Locale.ENGLISH))
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "attributes[5].fields", "attribute Empty is of type object: declare its fields"),
                        org.assertj.core.groups.Tuple.tuple(
                                "attributes[6].fields", "attribute Text is not of type object, so it has no fields"));
        assertThat(problems(values))
                .extracting(ValidationResult.Problem::property)
                .contains("attributes[7].type");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.put(key, value);
        return out;
    }

    private static void assertRefused(PathSender sender, Map<String, Object> attributes, String message) {
        assertThatThrownBy(() -> sender.prepare(attributes)).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
