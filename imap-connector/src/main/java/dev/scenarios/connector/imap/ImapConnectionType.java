package dev.scenarios.connector.imap;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyDescriptor.Condition;
import dev.scenarios.connector.api.PropertyType;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.imap.internal.check.ImapCheck;
import dev.scenarios.connector.imap.internal.journal.Journal;
import dev.scenarios.connector.imap.internal.settings.ConnectionRules;
import dev.scenarios.connector.imap.internal.settings.ImapSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The connection type {@code imap}, "Receiving e-mail via IMAP": its settings, their validation, the step-by-step
 * connection check and opening an {@link ImapConnection}. Immutable and thread-safe; constructing it loads no mail
 * classes.
 *
 * <p>Authentication is {@code none} (the server pre-authenticates the session) or {@code basic} (AUTHENTICATE PLAIN or
 * LOGIN, else the LOGIN command, with a UTF-8 password). Windows (NTLM) and OAuth2 (XOAUTH2), which the {@code smtp}
 * type offers, are not offered here yet.
 */
public final class ImapConnectionType implements ConnectionType {

    /** The type id. */
    public static final String ID = "imap";

    static final Messages MESSAGES =
            Messages.of("dev.scenarios.connector.imap.connection_messages", ImapConnectionType.class);

    private static final Condition BASIC = Condition.when("authentication", "basic");

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            property("systemName", PropertyType.STRING, "main").required().build(),
            property("disabled", PropertyType.BOOLEAN, "main")
                    .defaultValue(false)
                    .build(),
            property("description", PropertyType.TEXT, "main").build(),
            property("journal", PropertyType.ENUM, "main")
                    .allowedValues("full", "errors", "off")
                    .defaultValue("errors")
                    .build(),
            property("server", PropertyType.STRING, "server").required().build(),
            property("encryption", PropertyType.ENUM, "server")
                    .allowedValues("none", "ssl", "tls")
                    .defaultValue("tls")
                    .build(),
            property("port", PropertyType.INTEGER, "server")
                    .range(1, 65535)
                    .defaultWhen(Condition.when("encryption", "none"), 143)
                    .defaultWhen(Condition.when("encryption", "ssl"), 993)
                    .defaultWhen(Condition.when("encryption", "tls"), 143)
                    .build(),
            property("connectTimeout", PropertyType.DURATION, "server")
                    .defaultValue("15s")
                    .build(),
            property("readTimeout", PropertyType.DURATION, "server")
                    .defaultValue("60s")
                    .build(),
            property("writeTimeout", PropertyType.DURATION, "server")
                    .defaultValue("60s")
                    .build(),
            property("pollInterval", PropertyType.DURATION, "server")
                    .defaultValue("60s")
                    .build(),
            property("idle", PropertyType.BOOLEAN, "server").defaultValue(true).build(),
            property("idleTimeout", PropertyType.DURATION, "server")
                    .defaultValue("5m")
                    .visibleWhen(Condition.when("idle", "true"))
                    .build(),
            property("unreadyAfter", PropertyType.DURATION, "server")
                    .defaultValue("3m")
                    .build(),
            property("authentication", PropertyType.ENUM, "authentication")
                    .allowedValues("none", "basic")
                    .defaultValue("basic")
                    .build(),
            property("username", PropertyType.STRING, "authentication")
                    .required()
                    .visibleWhen(BASIC)
                    .build(),
            property("password", PropertyType.STRING, "authentication")
                    .secret()
                    .required()
                    .visibleWhen(BASIC)
                    .build(),
            property("allowInsecureAuthentication", PropertyType.BOOLEAN, "authentication")
                    .defaultValue(false)
                    .build());

    private static PropertyDescriptor.Builder property(String name, PropertyType type, String group) {
        return PropertyDescriptor.builder(name, type, MESSAGES).group(group);
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

    /**
     * The system name's shape, the server's shape, durations, and no password over plain text without an opt-in. Pure.
     */
    @Override
    public void rules(Configuration configuration, ValidationResult.Builder problems) {
        ConnectionRules.check(configuration, MESSAGES, problems);
    }

    /**
     * Runs the steps resolve, connect, greeting, capabilities, tls, authenticate and select (INBOX: message count,
     * UIDVALIDITY) against the configured server, and journals the result. Does network I/O bounded by the configured
     * timeouts; never throws for user or network errors.
     */
    @Override
    public CheckResult check(Configuration configuration, ConnectorContext context) {
        ValidationResult validation = validate(configuration);
        if (!validation.isValid()) {
            return CheckResult.failed(
                    FailureKind.CONFIGURATION,
                    MESSAGES.message("check.configuration", validation.describe(Locale.ENGLISH)),
                    validation.describe(Locale.ENGLISH),
                    List.of());
        }
        ImapSettings settings = ImapSettings.from(configuration);
        if (settings.disabled()) {
            return CheckResult.failed(
                    FailureKind.DISABLED, MESSAGES.message("check.disabled", settings.systemName()), "", List.of());
        }
        CheckResult result = new ImapCheck(settings, MESSAGES).run();
        new Journal(context, settings.systemName(), settings.journal())
                .write(
                        !result.succeeded(),
                        "check " + result.status()
                                + result.failureKind().map(k -> " " + k).orElse("") + ": "
                                + result.message(Locale.ENGLISH)
                                + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
        return result;
    }

    /**
     * Opens the connection: builds its mail session, connects to nothing (each receiving path opens its own IMAP
     * session when started).
     *
     * @throws IllegalArgumentException if {@code configuration} does not validate
     */
    @Override
    public ImapConnection open(Configuration configuration, ConnectorContext context) {
        ValidationResult validation = validate(configuration);
        if (!validation.isValid()) {
            throw new IllegalArgumentException(validation.describe(Locale.ENGLISH));
        }
        ImapSettings settings = ImapSettings.from(configuration);
        return new ImapConnection(settings, new Journal(context, settings.systemName(), settings.journal()));
    }

    /** The journal file of the connection; empty when none. Reads a file. */
    @Override
    public InputStream openJournal(Configuration configuration, ConnectorContext context) throws IOException {
        String systemName = configuration.string("systemName");
        if (systemName == null || !systemName.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("systemName: required, Latin letters, digits and _ only");
        }
        return Journal.read(context.dataDirectory(), systemName);
    }

    /**
     * Points the connection at the dev inbox's IMAP side ({@code --dev-inbox}): plain IMAP on
     * {@code host}:{@code imapPort}, logging in as the configured user with a placeholder password (the dev inbox takes
     * any), so a rehearsal needs no real password. Pure.
     */
    @Override
    public Map<String, Object> devInboxOverrides(String host, int smtpPort, int imapPort) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("server", host);
        overrides.put("port", imapPort);
        overrides.put("encryption", "none");
        overrides.put("authentication", "basic");
        overrides.put("password", "dev-inbox");
        overrides.put("allowInsecureAuthentication", true);
        return overrides;
    }

    /** Where the password goes: the server, its port and encryption, and as whom. */
    @Override
    public Set<String> destinationProperties() {
        return Set.of("server", "port", "encryption", "authentication", "username");
    }
}
