package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** SKELETON of the connection type {@code smtp}: being written. */
public final class SmtpConnectionType implements ConnectionType {

    public static final String ID = "smtp";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name(Locale locale) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public String description(Locale locale) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public List<PropertyDescriptor> properties() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public ValidationResult validate(Configuration configuration) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public CheckResult check(Configuration configuration, ConnectorContext context) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public SmtpConnection open(Configuration configuration, ConnectorContext context) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public InputStream openJournal(Configuration configuration, ConnectorContext context) {
        throw new UnsupportedOperationException("being written");
    }
}
