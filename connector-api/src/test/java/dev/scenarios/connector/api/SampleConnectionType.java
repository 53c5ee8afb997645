package dev.scenarios.connector.api;

import dev.scenarios.connector.api.PropertyDescriptor.Condition;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** A small connection type with one property of each interesting kind, for the SPI's own tests. */
final class SampleConnectionType implements ConnectionType {

    static final Messages MESSAGES =
            Messages.of("dev.scenarios.connector.api.sample.messages", SampleConnectionType.class);

    static final List<PropertyDescriptor> PROPERTIES = List.of(
            PropertyDescriptor.builder("systemName", PropertyType.STRING, MESSAGES)
                    .required()
                    .group("main")
                    .build(),
            PropertyDescriptor.builder("disabled", PropertyType.BOOLEAN, MESSAGES)
                    .defaultValue(false)
                    .group("main")
                    .build(),
            PropertyDescriptor.builder("description", PropertyType.TEXT, MESSAGES)
                    .group("main")
                    .build(),
            PropertyDescriptor.builder("mode", PropertyType.ENUM, MESSAGES)
                    .allowedValues("plain", "secure")
                    .defaultValue("plain")
                    .build(),
            PropertyDescriptor.builder("port", PropertyType.INTEGER, MESSAGES)
                    .range(1, 65535)
                    .defaultWhen(Condition.when("mode", "plain"), 25)
                    .defaultWhen(Condition.when("mode", "secure"), 465)
                    .build(),
            PropertyDescriptor.builder("password", PropertyType.STRING, MESSAGES)
                    .secret()
                    .required()
                    .visibleWhen(Condition.when("mode", "secure"))
                    .build(),
            PropertyDescriptor.builder("timeout", PropertyType.DURATION, MESSAGES)
                    .defaultValue("15s")
                    .build(),
            PropertyDescriptor.builder("recipients", PropertyType.EMAIL_LIST, MESSAGES)
                    .build(),
            PropertyDescriptor.builder("headers", PropertyType.OBJECT_LIST, MESSAGES)
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item("value", PropertyType.STRING, b -> b)
                    .build());

    @Override
    public String id() {
        return "sample";
    }

    @Override
    public String name(Locale locale) {
        return MESSAGES.get("type.name", locale);
    }

    @Override
    public String description(Locale locale) {
        return MESSAGES.get("type.description", locale);
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return PROPERTIES;
    }

    @Override
    public CheckResult check(Configuration configuration, ConnectorContext context) {
        return CheckResult.succeeded(MESSAGES.message("type.name"), "", List.of());
    }

    @Override
    public Connection open(Configuration configuration, ConnectorContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InputStream openJournal(Configuration configuration, ConnectorContext context) {
        return new ByteArrayInputStream(new byte[0]);
    }
}
