package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyType;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.smtp.internal.mime.PathTexts;
import dev.scenarios.connector.smtp.internal.template.AttributeType;
import dev.scenarios.connector.smtp.internal.template.DeclaredAttribute;
import dev.scenarios.connector.smtp.internal.template.PathTemplate;
import dev.scenarios.connector.smtp.internal.template.SendPathValidation;
import dev.scenarios.connector.smtp.internal.template.SmtpPathSender;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The path type {@code smtp-send} ("Sending e-mail via SMTP"): a subject, body and header template with
 * {@code {Attribute}} placeholders, fixed recipients and attachments, bound to one {@code smtp} connection. Immutable
 * and thread-safe; constructing it loads no mail classes.
 */
public final class SmtpSendPathType implements PathType {

    public static final String ID = "smtp-send";

    private static final Messages MESSAGES = PathTexts.MESSAGES;

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            property("systemName", PropertyType.STRING, "main").required().build(),
            property("connection", PropertyType.STRING, "main").required().build(),
            property("disabled", PropertyType.BOOLEAN, "main")
                    .defaultValue(false)
                    .build(),
            property("description", PropertyType.TEXT, "main").build(),
            property("attributes", PropertyType.OBJECT_LIST, "attributes")
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item(
                            "type",
                            PropertyType.ENUM,
                            b -> b.allowedValues(
                                            "string",
                                            "number",
                                            "boolean",
                                            "datetime",
                                            "duration",
                                            "period",
                                            "object",
                                            "key-value")
                                    .defaultValue("string"))
                    .item("required", PropertyType.BOOLEAN, b -> b.defaultValue(false))
                    .item("notEmpty", PropertyType.BOOLEAN, b -> b.defaultValue(false))
                    .item("array", PropertyType.BOOLEAN, b -> b.defaultValue(false))
                    .item(
                            "fields",
                            PropertyType.OBJECT_LIST,
                            b -> b.item("name", PropertyType.STRING, f -> f.required())
                                    .item(
                                            "type",
                                            PropertyType.ENUM,
                                            f -> f.allowedValues("string", "number", "boolean", "datetime", "duration")
                                                    .defaultValue("string"))
                                    .item("required", PropertyType.BOOLEAN, f -> f.defaultValue(false))
                                    .item("notEmpty", PropertyType.BOOLEAN, f -> f.defaultValue(false))
                                    .item("array", PropertyType.BOOLEAN, f -> f.defaultValue(false)))
                    .build(),
            property("subject", PropertyType.STRING, "template").required().build(),
            property("language", PropertyType.ENUM, "template")
                    .allowedValues("ru", "en")
                    .build(),
            property("body", PropertyType.TEXT, "template").build(),
            property("htmlBody", PropertyType.TEXT, "template").build(),
            property("replyTo", PropertyType.EMAIL, "template").build(),
            property("to", PropertyType.EMAIL_LIST, "template").build(),
            property("cc", PropertyType.EMAIL_LIST, "template").build(),
            property("bcc", PropertyType.EMAIL_LIST, "template").build(),
            property("headers", PropertyType.OBJECT_LIST, "template")
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item("value", PropertyType.STRING, b -> b)
                    .build(),
            property("attachments", PropertyType.OBJECT_LIST, "template")
                    .item("name", PropertyType.STRING, b -> b.required())
                    .item("file", PropertyType.FILE, b -> b)
                    .item("content", PropertyType.STRING, b -> b)
                    .item("contentType", PropertyType.STRING, b -> b)
                    .build());

    private static PropertyDescriptor.Builder property(String name, PropertyType type, String group) {
        return PropertyDescriptor.builder(name, type, MESSAGES).group(group);
    }

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

    /**
     * Pure, no I/O: descriptor checks plus names, declared attributes, templates (a placeholder naming an undeclared or
     * predefined attribute, unbalanced braces), header names and attachments. Every problem at once, against the
     * property that holds it.
     */
    @Override
    public ValidationResult validate(Configuration configuration) {
        return SendPathValidation.validate(configuration);
    }

    /** The attributes every smtp-send path has; texts under {@code attribute.<name>}. */
    private static final List<PropertyDescriptor> PREDEFINED_ATTRIBUTES = List.of(
            PropertyDescriptor.builder("To", "attribute.To", PropertyType.EMAIL_LIST, MESSAGES)
                    .array()
                    .build(),
            PropertyDescriptor.builder("Cc", "attribute.Cc", PropertyType.EMAIL_LIST, MESSAGES)
                    .array()
                    .build(),
            PropertyDescriptor.builder("Bcc", "attribute.Bcc", PropertyType.EMAIL_LIST, MESSAGES)
                    .array()
                    .build(),
            PropertyDescriptor.builder("Attachments", "attribute.Attachments", PropertyType.OBJECT_LIST, MESSAGES)
                    .array()
                    .item("Name", PropertyType.STRING, b -> b.required())
                    .item("Content", PropertyType.TEXT, b -> b.required())
                    .item("ContentType", PropertyType.STRING, b -> b)
                    .item("Extension", PropertyType.STRING, b -> b)
                    .build(),
            PropertyDescriptor.builder("CustomHeaders", "attribute.CustomHeaders", PropertyType.OBJECT_LIST, MESSAGES)
                    .array()
                    .item("Name", PropertyType.STRING, b -> b.required())
                    .item("Value", PropertyType.STRING, b -> b)
                    .item("ListValues", PropertyType.STRING, b -> b.array())
                    .build());

    /**
     * {@code To}, {@code Cc}, {@code Bcc} (recipients: address strings or {@code {Name, Address}} objects),
     * {@code Attachments} and {@code CustomHeaders}, then the well-formed attributes declared under {@code attributes}
     * (texts under {@code attribute.declared}). Pure.
     */
    @Override
    public List<PropertyDescriptor> attributes(Configuration configuration) {
        List<PropertyDescriptor> out = new ArrayList<>(PREDEFINED_ATTRIBUTES);
        for (DeclaredAttribute a : SendPathValidation.declaredAttributes(configuration)) {
            // Numbers, date-times, durations, periods, objects and maps are written as text (JSON) in a form; the
            // sender checks them.
            PropertyType type = a.type() == AttributeType.BOOLEAN ? PropertyType.BOOLEAN : PropertyType.STRING;
            PropertyDescriptor.Builder b = PropertyDescriptor.builder(a.name(), "attribute.declared", type, MESSAGES);
            if (a.required()) {
                b.required();
            }
            if (a.array()) {
                b.array();
            }
            out.add(b.build());
        }
        return List.copyOf(out);
    }

    /**
     * Validates and compiles {@code configuration} in one pass (each template parsed once), reads its fixed attachment
     * files once (the only I/O), and returns a thread-safe sender that builds each message with
     * {@link SmtpConnection#newMessage()} and delivers it with {@link SmtpConnection#send}.
     *
     * @throws IllegalArgumentException listing the problems when the configuration is invalid, when {@code connection}
     *     is not an {@code smtp} connection, or naming a file that cannot be read
     */
    @Override
    public PathSender bind(Configuration configuration, Connection connection) {
        return bind(configuration, connection, 0);
    }

    /**
     * As {@link #bind(Configuration, Connection)}, sending on the host's lane {@code lane}: the connection keeps a
     * share of its {@code maxConnections} sessions for each lane bound to it (see docs/smtp-send-path.md). No I/O.
     */
    @Override
    public PathSender bind(Configuration configuration, Connection connection, int lane) {
        if (lane < 0) {
            throw new IllegalArgumentException("a lane is 0 or more, not " + lane);
        }
        String systemName = configuration.string("systemName");
        // Attachment files relative to the host's base folder; without an smtp connection the check below refuses
        // anyway.
        PathTemplate.Compilation compiled = connection instanceof SmtpConnection smtp
                ? PathTemplate.compile(configuration, smtp.context()::resolveFile)
                : PathTemplate.compile(configuration);
        if (!compiled.problems().isValid()) {
            throw new IllegalArgumentException("path " + systemName + " is invalid:\n"
                    + compiled.problems().describe(Locale.ENGLISH));
        }
        if (!(connection instanceof SmtpConnection smtp)) {
            throw new IllegalArgumentException("path " + systemName + " needs a connection of type "
                    + SmtpConnectionType.ID + ", not " + (connection == null ? "none" : connection.typeId()));
        }
        smtp.use(lane);
        return new SmtpPathSender(systemName, configuration.bool("disabled"), compiled.template(), smtp, lane);
    }
}
