package dev.scenarios.connector.imap;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyDescriptor.Condition;
import dev.scenarios.connector.api.PropertyType;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.imap.internal.receive.FolderReceiver;
import dev.scenarios.connector.imap.internal.receive.ReceiveSettings;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The path type {@code imap-receive}, "Receiving e-mail via IMAP": a folder of an {@code imap} connection whose mails
 * start scenarios ({@code from: path:<systemName>}). Each mail is handed with the attributes {@link #attributes} lists,
 * fetched with {@code BODY.PEEK} (nothing is marked read before the scenario ended), and moved to
 * {@code processedFolder} (or deleted) only after the scenario succeeded; a mail whose scenario failed
 * {@code maxFailures} times goes to {@code failureFolder}. Immutable and thread-safe.
 */
public final class ImapReceivePathType implements PathType {

    /** The type id. */
    public static final String ID = "imap-receive";

    static final Messages MESSAGES =
            Messages.of("dev.scenarios.connector.imap.path_messages", ImapReceivePathType.class);

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            property("systemName", PropertyType.STRING, "main").required().build(),
            property("connection", PropertyType.STRING, "main").required().build(),
            property("disabled", PropertyType.BOOLEAN, "main")
                    .defaultValue(false)
                    .build(),
            property("description", PropertyType.TEXT, "main").build(),
            property("dataBus", PropertyType.INTEGER, "main")
                    .range(0, 3)
                    .defaultValue(0)
                    .build(),
            property("folder", PropertyType.STRING, "mailbox")
                    .defaultValue("INBOX")
                    .build(),
            property("afterSuccess", PropertyType.ENUM, "mailbox")
                    .allowedValues("move", "delete", "keyword")
                    .defaultValue("move")
                    .build(),
            property("processedFolder", PropertyType.STRING, "mailbox")
                    .defaultValue("Processed")
                    .visibleWhen(Condition.when("afterSuccess", "move"))
                    .build(),
            property("keyword", PropertyType.STRING, "mailbox")
                    .required()
                    .visibleWhen(Condition.when("afterSuccess", "keyword"))
                    .build(),
            property("failureFolder", PropertyType.STRING, "mailbox")
                    .defaultValue("Errors")
                    .build(),
            property("maxFailures", PropertyType.INTEGER, "mailbox")
                    .range(1, 100)
                    .defaultValue(3)
                    .build(),
            property("maxMessageSize", PropertyType.INTEGER, "mailbox")
                    .range(1, Integer.MAX_VALUE)
                    .defaultValue(26_214_400)
                    .build(),
            property("from", PropertyType.STRING, "filters").build(),
            property("subjectContains", PropertyType.STRING, "filters").build(),
            property("unseenOnly", PropertyType.BOOLEAN, "filters")
                    .defaultValue(false)
                    .build());

    private static final List<PropertyDescriptor> ATTRIBUTES = List.of(
            attribute("To", PropertyType.OBJECT_LIST)
                    .array()
                    .item("Name", PropertyType.STRING, b -> b)
                    .item("Address", PropertyType.STRING, b -> b)
                    .build(),
            attribute("From", PropertyType.OBJECT)
                    .item("Name", PropertyType.STRING, b -> b)
                    .item("Address", PropertyType.STRING, b -> b)
                    .build(),
            attribute("Subject", PropertyType.STRING).build(),
            attribute("HtmlBody", PropertyType.TEXT).build(),
            attribute("TextBody", PropertyType.TEXT).build(),
            attribute("Attachments", PropertyType.OBJECT_LIST)
                    .array()
                    .item("Name", PropertyType.STRING, b -> b)
                    .item("Extension", PropertyType.STRING, b -> b)
                    .item("Content", PropertyType.STRING, b -> b)
                    .item("ContentType", PropertyType.STRING, b -> b)
                    .item("Size", PropertyType.INTEGER, b -> b)
                    .build(),
            attribute("Cc", PropertyType.OBJECT_LIST)
                    .array()
                    .item("Name", PropertyType.STRING, b -> b)
                    .item("Address", PropertyType.STRING, b -> b)
                    .build(),
            attribute("Bcc", PropertyType.OBJECT_LIST)
                    .array()
                    .item("Name", PropertyType.STRING, b -> b)
                    .item("Address", PropertyType.STRING, b -> b)
                    .build(),
            attribute("Headers", PropertyType.OBJECT_LIST)
                    .array()
                    .item("Name", PropertyType.STRING, b -> b)
                    .item("Value", PropertyType.STRING, b -> b)
                    .build(),
            attribute("MessageId", PropertyType.STRING).build(),
            attribute("Date", PropertyType.STRING).build(),
            attribute("Uid", PropertyType.INTEGER).build(),
            attribute("Folder", PropertyType.STRING).build());

    private static PropertyDescriptor.Builder property(String name, PropertyType type, String group) {
        return PropertyDescriptor.builder(name, type, MESSAGES).group(group);
    }

    private static PropertyDescriptor.Builder attribute(String name, PropertyType type) {
        return PropertyDescriptor.builder(name, "attribute." + name, type, MESSAGES);
    }

    @Override
    public String id() {
        return ID;
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
    public String connectionTypeId() {
        return ImapConnectionType.ID;
    }

    /** Receives. */
    @Override
    public Direction direction() {
        return Direction.RECEIVE;
    }

    /** What each received mail carries; the same for every path of the type. Pure. */
    @Override
    public List<PropertyDescriptor> attributes(Configuration configuration) {
        return ATTRIBUTES;
    }

    /**
     * An IMAP keyword is an atom: printable ASCII without spaces, {@code ( ) { % * " \ ]} and not a system flag
     * ({@code \Seen}), which a server would refuse or read as something else (RFC 9051, {@code flag-keyword}).
     */
    private static final Pattern KEYWORD = Pattern.compile("[!#$&'+,\\-./0-9:;<=>?@A-Z\\[^_`a-z|}~]+");

    /** The folders must differ from the received folder and not be blank; a keyword must be an IMAP atom. Pure. */
    @Override
    public void rules(Configuration c, ValidationResult.Builder problems) {
        if (c.optionalString("systemName")
                        .filter(s -> !s.matches("[A-Za-z0-9_]+"))
                        .isPresent()
                && !problems.hasProblem("systemName")) {
            problems.add(
                    "systemName",
                    "systemName.pattern",
                    MESSAGES.message("problem.systemName.pattern", c.string("systemName")));
        }
        if ("keyword".equals(c.string("afterSuccess"))
                && !problems.hasProblem("keyword")
                && c.optionalString("keyword")
                        .filter(k -> !KEYWORD.matcher(k).matches())
                        .isPresent()) {
            problems.add(
                    "keyword", "keyword.pattern", MESSAGES.message("problem.keyword.pattern", c.string("keyword")));
        }
        String folder = c.string("folder");
        for (String name : List.of("processedFolder", "failureFolder")) {
            String value = c.string(name);
            if (value != null
                    && c.descriptor(name).map(c::isVisible).orElse(true)
                    && !problems.hasProblem(name)
                    && (value.isBlank() || value.equalsIgnoreCase(folder))) {
                problems.add(name, name + ".same", MESSAGES.message("problem.folder.same", name, value));
            }
        }
    }

    /**
     * The receiver of this path: its state lives in {@code imap/<systemName>.state} under the data directory. No I/O
     * until {@link PathSource#start}.
     *
     * @throws IllegalArgumentException if {@code configuration} does not validate or {@code connection} is not an
     *     {@code imap} one
     */
    @Override
    public PathSource source(Configuration configuration, Connection connection, ConnectorContext context) {
        ValidationResult validation = validate(configuration);
        if (!validation.isValid()) {
            throw new IllegalArgumentException(validation.describe(Locale.ENGLISH));
        }
        if (!(connection instanceof ImapConnection imap)) {
            throw new IllegalArgumentException("path " + configuration.string("systemName")
                    + " needs a connection of type imap, not " + connection.typeId());
        }
        ReceiveSettings settings = ReceiveSettings.from(configuration);
        return new FolderReceiver(
                settings,
                imap::connectStore,
                imap.openSessionCount(),
                imap.settings().timing(),
                imap.journal(),
                context.dataDirectory().resolve("imap").resolve(settings.systemName() + ".state"),
                context);
    }
}
