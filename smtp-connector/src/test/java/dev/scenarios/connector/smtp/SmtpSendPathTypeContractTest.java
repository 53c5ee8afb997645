package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.contract.PathTypeContract;
import java.util.Map;

class SmtpSendPathTypeContractTest extends PathTypeContract {

    @Override
    protected PathType type() {
        return PathConfigurations.TYPE;
    }

    @Override
    protected Map<String, Object> validConfiguration() {
        Map<String, Object> values = PathConfigurations.orderPath();
        values.put("htmlBody", "<p>Dear {Customer}</p>");
        values.put("replyTo", "Support <support@example.com>");
        values.put("to", "boss@example.com, Анна <anna@example.com>");
        values.put("headers", java.util.List.of(PathConfigurations.object("name", "X-Order", "value", "{Customer}")));
        values.put(
                "attachments",
                java.util.List.of(PathConfigurations.object("name", "terms.txt", "content", "aGVsbG8=")));
        return values;
    }
}
