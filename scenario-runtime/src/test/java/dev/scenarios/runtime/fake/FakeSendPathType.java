package dev.scenarios.runtime.fake;

import static dev.scenarios.runtime.fake.FakeConnector.MESSAGES;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.DescriptorValidation;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyType;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.api.ValidationResult;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The path type {@code fake-send}: declared attributes and a subject template with {@code {Name}} placeholders. */
final class FakeSendPathType implements PathType {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static final List<PropertyDescriptor> PROPERTIES = List.of(
            PropertyDescriptor.builder("systemName", PropertyType.STRING, MESSAGES).required().build(),
            PropertyDescriptor.builder("connection", PropertyType.STRING, MESSAGES).required().build(),
            PropertyDescriptor.builder("disabled", PropertyType.BOOLEAN, MESSAGES).defaultValue(false).build(),
            PropertyDescriptor.builder("description", PropertyType.TEXT, MESSAGES).build(),
            PropertyDescriptor.builder("attributes", PropertyType.OBJECT_LIST, MESSAGES)
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item("type", PropertyType.ENUM, b -> b.allowedValues("string", "number", "boolean", "datetime").defaultValue("string"))
                    .item("required", PropertyType.BOOLEAN, b -> b.defaultValue(false))
                    .item("array", PropertyType.BOOLEAN, b -> b.defaultValue(false)).build(),
            PropertyDescriptor.builder("subject", PropertyType.STRING, MESSAGES).required().build(),
            PropertyDescriptor.builder("to", PropertyType.EMAIL_LIST, MESSAGES).build(),
            PropertyDescriptor.builder("headers", PropertyType.OBJECT_LIST, MESSAGES)
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item("value", PropertyType.STRING, b -> b).build(),
            PropertyDescriptor.builder("attachments", PropertyType.OBJECT_LIST, MESSAGES)
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item("file", PropertyType.FILE, b -> b).build());

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
    public ValidationResult validate(Configuration configuration) {
        ValidationResult.Builder out = DescriptorValidation.check(configuration);
        if (!out.hasProblem("attributes") && !out.hasProblem("subject") && configuration.isSet("subject")) {
            Set<String> declared = declared(configuration);
            Matcher m = PLACEHOLDER.matcher(configuration.string("subject"));
            while (m.find()) {
                if (!declared.contains(m.group(1))) {
                    out.add("subject", "template.placeholder", MESSAGES.message("problem.placeholder", m.group(1)));
                }
            }
        }
        return out.build(PROPERTIES);
    }

    private static Set<String> declared(Configuration configuration) {
        Set<String> names = new HashSet<>(List.of("To", "Cc", "Bcc"));
        configuration.objects("attributes").forEach(a -> names.add(String.valueOf(a.get("name"))));
        return names;
    }

    @Override
    public PathSender bind(Configuration configuration, Connection connection) {
        if (!(connection instanceof FakeConnectionType.FakeConnection fake)) {
            throw new IllegalArgumentException("a fake-send path needs a fake connection");
        }
        String name = configuration.string("systemName");
        return new PathSender() {
            @Override
            public String systemName() {
                return name;
            }

            @Override
            public SendResult send(Map<String, ?> attributes) throws DeliveryException {
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
                try {
                    FakeOutbox.record(new FakeOutbox.Sent(name, fake.systemName, subject.toString(), Map.copyOf(attributes)));
                } catch (DeliveryException e) {
                    fake.log("FAILED path=" + name + " kind=" + e.kind() + " code=" + e.replyCode());
                    throw e;
                }
                String id = "<fake-" + SEQUENCE.incrementAndGet() + "@test>";
                fake.log("SENT path=" + name + " messageId=" + id + " subject=" + subject);
                return new SendResult(id, "250 2.0.0 Ok: queued", List.of("a@example.com"), List.of());
            }
        };
    }
}
