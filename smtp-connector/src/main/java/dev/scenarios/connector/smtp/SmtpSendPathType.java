package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import java.util.List;
import java.util.Locale;

/** SKELETON of the path type {@code smtp-send}: being written. */
public final class SmtpSendPathType implements PathType {

    public static final String ID = "smtp-send";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String connectionTypeId() {
        return SmtpConnectionType.ID;
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
    public PathSender bind(Configuration configuration, Connection connection) {
        throw new UnsupportedOperationException("being written");
    }
}
