package dev.scenarios.runtime.fake;

import static dev.scenarios.runtime.fake.FakeConnector.MESSAGES;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyType;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.api.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The path type {@code fake-send}: declared attributes and a subject template with {@code {Name}} placeholders. */
final class FakeSendPathType implements PathType {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static final List<PropertyDescriptor> PROPERTIES = List.of(
            PropertyDescriptor.builder("systemName", PropertyType.STRING, MESSAGES)
                    .required()
                    .build(),
            PropertyDescriptor.builder("connection", PropertyType.STRING, MESSAGES)
                    .required()
                    .build(),
            PropertyDescriptor.builder("disabled", PropertyType.BOOLEAN, MESSAGES)
                    .defaultValue(false)
                    .build(),
            PropertyDescriptor.builder("description", PropertyType.TEXT, MESSAGES)
                    .build(),
            PropertyDescriptor.builder("attributes", PropertyType.OBJECT_LIST, MESSAGES)
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item(
                            "type",
                            PropertyType.ENUM,
                            b -> b.allowedValues("string", "number", "boolean", "datetime")
                                    .defaultValue("string"))
                    .item("required", PropertyType.BOOLEAN, b -> b.defaultValue(false))
                    .item("array", PropertyType.BOOLEAN, b -> b.defaultValue(false))
                    .build(),
            PropertyDescriptor.builder("subject", PropertyType.STRING, MESSAGES)
                    .required()
                    .build(),
            PropertyDescriptor.builder("to", PropertyType.EMAIL_LIST, MESSAGES).build(),
            PropertyDescriptor.builder("headers", PropertyType.OBJECT_LIST, MESSAGES)
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item("value", PropertyType.STRING, b -> b)
                    .build(),
            PropertyDescriptor.builder("attachments", PropertyType.OBJECT_LIST, MESSAGES)
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item("file", PropertyType.FILE, b -> b)
                    .build());

    @Override
    public String id() {
        return "fake-send";
    }

    @Override
    public String connectionTypeId() {
        return "fake";
    }

    @Override
    public String name(Locale locale) {
        return MESSAGES.get("path.name", locale);
    }

    @Override
    public String description(Locale locale) {
        return MESSAGES.get("path.description", locale);
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return PROPERTIES;
    }

    @Override
    public void rules(Configuration configuration, ValidationResult.Builder out) {
        if (!out.hasProblem("attributes") && !out.hasProblem("subject") && configuration.isSet("subject")) {
            Set<String> declared = declared(configuration);
            Matcher m = PLACEHOLDER.matcher(configuration.string("subject"));
            while (m.find()) {
                if (!declared.contains(m.group(1))) {
                    out.add("subject", "template.placeholder", MESSAGES.message("problem.placeholder", m.group(1)));
                }
            }
        }
    }

    private static Set<String> declared(Configuration configuration) {
        Set<String> names = new HashSet<>(List.of("To", "Cc", "Bcc"));
        configuration.objects("attributes").forEach(a -> names.add(String.valueOf(a.get("name"))));
        return names;
    }

    /** The addresses in To, Cc and Bcc (strings or {@code {Address}} maps), or a@example.com when there are none. */
    private static List<String> recipients(Map<String, ?> attributes) {
        List<String> out = new java.util.ArrayList<>();
        for (String field : List.of("To", "Cc", "Bcc")) {
            Object value = attributes.get(field);
            for (Object item : value instanceof List<?> list ? list : value == null ? List.of() : List.of(value)) {
                Object address = item instanceof Map<?, ?> map ? map.get("Address") : item;
                if (address != null) {
                    out.add(String.valueOf(address));
                }
            }
        }
        return out.isEmpty() ? List.of("a@example.com") : out;
    }

    /** {@code To}, {@code Cc}, {@code Bcc} (recipient lists), then the declared attributes. */
    @Override
    public List<PropertyDescriptor> attributes(Configuration configuration) {
        List<PropertyDescriptor> out = new java.util.ArrayList<>();
        for (String recipients : List.of("To", "Cc", "Bcc")) {
            out.add(PropertyDescriptor.builder(recipients, "attribute", PropertyType.EMAIL_LIST, MESSAGES)
                    .array()
                    .build());
        }
        if (configuration.givenValues().get("attributes") instanceof List<?>) {
            for (Map<String, Object> a : configuration.objects("attributes")) {
                Object attributeName = a.get("name");
                if (attributeName != null && !String.valueOf(attributeName).isBlank()) {
                    PropertyDescriptor.Builder b = PropertyDescriptor.builder(
                            String.valueOf(attributeName).trim(), "attribute", PropertyType.STRING, MESSAGES);
                    if (Boolean.TRUE.equals(a.get("array")) || "true".equals(String.valueOf(a.get("array")))) {
                        b.array();
                    }
                    out.add(b.build());
                }
            }
        }
        return out;
    }

    @Override
    public PathSender bind(Configuration configuration, Connection connection) {
        if (!(connection instanceof FakeConnectionType.FakeConnection fake)) {
            throw new IllegalArgumentException("a fake-send path needs a fake connection");
        }
        String name = configuration.string("systemName");
        // A prepared message carries only bytes; the fake keeps each one's attributes for the outbox.
        Map<String, Map<String, ?>> preparedAttributes = new ConcurrentHashMap<>();
        Map<String, DeliveryException> failures = new ConcurrentHashMap<>();
        return new PathSender() {
            @Override
            public String systemName() {
                return name;
            }

            @Override
            public SendResult send(Map<String, ?> attributes) throws DeliveryException {
                PreparedMessage message = prepare(attributes);
                return deliver(message, message.recipients());
            }

            @Override
            public PreparedMessage prepare(Map<String, ?> attributes) throws DeliveryException {
                Matcher m = PLACEHOLDER.matcher(configuration.string("subject"));
                StringBuilder subject = new StringBuilder();
                while (m.find()) {
                    Object value = attributes.get(m.group(1));
                    m.appendReplacement(subject, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
                }
                m.appendTail(subject);
                if (!fake.hostOffersServices) {
                    throw new DeliveryException(FailureKind.OTHER, 0, "the host offered no CamelContext");
                }
                String id = "<fake-" + SEQUENCE.incrementAndGet() + "@test>";
                preparedAttributes.put(id, Map.copyOf(attributes));
                DeliveryException failure = FakeOutbox.takeFailure();
                if (failure != null) {
                    failures.put(id, failure);
                }
                return new PreparedMessage(
                        id, recipients(attributes), subject.toString().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public SendResult deliver(PreparedMessage message, List<String> recipients) throws DeliveryException {
                String subject = new String(message.content(), StandardCharsets.UTF_8);
                DeliveryException failure = failures.get(message.messageId());
                if (failure != null) {
                    fake.log("FAILED path=" + name + " kind=" + failure.kind() + " code=" + failure.replyCode());
                    throw failure;
                }
                FakeOutbox.record(new FakeOutbox.Sent(
                        name,
                        fake.systemName,
                        subject,
                        preparedAttributes.getOrDefault(message.messageId(), Map.of())));
                fake.log("SENT path=" + name + " messageId=" + message.messageId() + " subject=" + subject);
                return new SendResult(message.messageId(), "250 2.0.0 Ok: queued", recipients, List.of());
            }
        };
    }
}
