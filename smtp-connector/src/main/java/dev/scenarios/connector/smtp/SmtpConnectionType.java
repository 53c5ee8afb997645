package dev.scenarios.connector.smtp;

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
import dev.scenarios.connector.api.support.Descriptors;
import dev.scenarios.connector.smtp.internal.check.ConnectionCheck;
import dev.scenarios.connector.smtp.internal.journal.Journal;
import dev.scenarios.connector.smtp.internal.settings.ConnectionRules;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The connection type {@code smtp}, "Sending e-mail via SMTP": its settings, their validation, the step-by-step
 * connection check and opening a {@link SmtpConnection}. Immutable and thread-safe; constructing it loads no mail
 * classes.
 */
public final class SmtpConnectionType implements ConnectionType {

    public static final String ID = "smtp";

    static final Messages MESSAGES =
            Messages.of("dev.scenarios.connector.smtp.connection_messages", SmtpConnectionType.class);

    private static final Condition PASSWORD = Condition.when("authentication", "basic", "windows");
    private static final Condition USER = Condition.when("authentication", "basic", "windows", "oauth2");
    private static final Condition OAUTH2 = Condition.when("authentication", "oauth2");
    /**
     * The flows that ask a token endpoint; oauthFlow is dropped unless authentication is oauth2 (see
     * SmtpSettings.normalize).
     */
    private static final Condition ENDPOINT_FLOWS = Condition.when("oauthFlow", "client_credentials", "refresh_token");

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
                    .defaultWhen(Condition.when("encryption", "none"), 25)
                    .defaultWhen(Condition.when("encryption", "ssl"), 465)
                    .defaultWhen(Condition.when("encryption", "tls"), 587)
                    .build(),
            property("trustedCertificates", PropertyType.FILE, "server").build(),
            property("heloName", PropertyType.STRING, "server").build(),
            property("connectTimeout", PropertyType.DURATION, "server")
                    .defaultValue("15s")
                    .build(),
            property("readTimeout", PropertyType.DURATION, "server")
                    .defaultValue("120s")
                    .build(),
            property("writeTimeout", PropertyType.DURATION, "server")
                    .defaultValue("120s")
                    .build(),
            property("maxConnections", PropertyType.INTEGER, "server")
                    .range(1, 50)
                    .defaultValue(2)
                    .build(),
            property("idleTimeout", PropertyType.DURATION, "server")
                    .defaultValue("30s")
                    .build(),
            property("maxMessagesPerMinute", PropertyType.INTEGER, "server")
                    .range(1, 1_000_000)
                    .build(),
            property("authentication", PropertyType.ENUM, "authentication")
                    .allowedValues("none", "basic", "windows", "oauth2")
                    .defaultValue("none")
                    .build(),
            property("username", PropertyType.STRING, "authentication")
                    .required()
                    .visibleWhen(USER)
                    .build(),
            property("password", PropertyType.STRING, "authentication")
                    .secret()
                    .required()
                    .visibleWhen(PASSWORD)
                    .build(),
            property("oauthFlow", PropertyType.ENUM, "authentication")
                    .allowedValues("client_credentials", "refresh_token", "static_token")
                    .required()
                    .visibleWhen(OAUTH2)
                    .build(),
            property("tokenEndpoint", PropertyType.STRING, "authentication")
                    .required()
                    .visibleWhen(ENDPOINT_FLOWS)
                    .build(),
            property("tenantId", PropertyType.STRING, "authentication")
                    .required()
                    .visibleWhen(Condition.when("tokenEndpoint", "microsoft"))
                    .build(),
            property("clientId", PropertyType.STRING, "authentication")
                    .required()
                    .visibleWhen(ENDPOINT_FLOWS)
                    .build(),
            property("clientSecret", PropertyType.STRING, "authentication")
                    .secret()
                    .visibleWhen(ENDPOINT_FLOWS)
                    .build(),
            property("refreshToken", PropertyType.STRING, "authentication")
                    .secret()
                    .required()
                    .visibleWhen(Condition.when("oauthFlow", "refresh_token"))
                    .build(),
            property("accessToken", PropertyType.STRING, "authentication")
                    .secret()
                    .required()
                    .visibleWhen(Condition.when("oauthFlow", "static_token"))
                    .build(),
            property("writeBackRefreshToken", PropertyType.BOOLEAN, "authentication")
                    .defaultValue(false)
                    .visibleWhen(Condition.when("oauthFlow", "refresh_token"))
                    .build(),
            property("scope", PropertyType.STRING, "authentication")
                    .visibleWhen(ENDPOINT_FLOWS)
                    .defaultWhen(Condition.when("tokenEndpoint", "google"), "https://mail.google.com/")
                    .build(),
            property("domain", PropertyType.STRING, "authentication")
                    .visibleWhen(Condition.when("authentication", "windows"))
                    .build(),
            property("allowInsecureAuthentication", PropertyType.BOOLEAN, "authentication")
                    .defaultValue(false)
                    .build(),
            property("senderName", PropertyType.STRING, "sender").build(),
            property("senderAddress", PropertyType.EMAIL, "sender").required().build(),
            property("checkWithoutSending", PropertyType.BOOLEAN, "check")
                    .defaultValue(false)
                    .build(),
            property("testRecipients", PropertyType.EMAIL_LIST, "check")
                    .required()
                    .visibleWhen(Condition.when("checkWithoutSending", "false"))
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

    /** Pure: descriptor checks plus the {@code smtp} rules, every problem at once, in declaration order. */
    @Override
    public ValidationResult validate(Configuration configuration) {
        Configuration normalized = SmtpSettings.normalize(configuration);
        ValidationResult.Builder out = Descriptors.validate(normalized);
        ConnectionRules.check(normalized, MESSAGES, out);
        return out.build(PROPERTIES);
    }

    /**
     * Runs the steps (token, with oauth2) resolve, connect, greeting, ehlo, tls, auth, mail-from, then rset-quit or
     * send-test against the configured server, and journals the result. Does network I/O bounded by the configured
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
        SmtpSettings settings = SmtpSettings.from(configuration, context::resolveFile);
        if (settings.disabled()) {
            return CheckResult.failed(
                    FailureKind.DISABLED, MESSAGES.message("check.disabled", settings.systemName()), "", List.of());
        }
        return new ConnectionCheck(settings, context, MESSAGES).run();
    }

    /**
     * Opens the connection: reads the trusted certificates and builds the mail session, but connects to nothing (each
     * send opens its own SMTP session).
     *
     * @throws IllegalArgumentException if {@code configuration} does not validate, or the trusted certificates cannot
     *     be read (the message names the property)
     */
    @Override
    public SmtpConnection open(Configuration configuration, ConnectorContext context) {
        ValidationResult validation = validate(configuration);
        if (!validation.isValid()) {
            throw new IllegalArgumentException(validation.describe(Locale.ENGLISH));
        }
        return new SmtpConnection(SmtpSettings.from(configuration, context::resolveFile), context, MESSAGES);
    }

    /** The journal files of the connection concatenated, oldest first; empty when none. Reads files. */
    @Override
    public InputStream openJournal(Configuration configuration, ConnectorContext context) throws IOException {
        String systemName = SmtpSettings.normalize(configuration).string("systemName");
        if (!Descriptors.isSystemName(systemName)) {
            throw new IllegalArgumentException("systemName: required, Latin letters, digits and _ only");
        }
        return Journal.read(context.dataDirectory(), systemName);
    }

    /**
     * Where the password, client secret and tokens go: the SMTP server (address, port, encryption, trusted
     * certificates), how and as whom it is asked, and the OAuth2 token endpoint.
     */
    @Override
    public Set<String> destinationProperties() {
        return Set.of(
                "server",
                "port",
                "encryption",
                "trustedCertificates",
                "authentication",
                "username",
                "domain",
                "oauthFlow",
                "tokenEndpoint",
                "tenantId",
                "clientId",
                "scope");
    }

    /** Points the connection at a plain unauthenticated server on {@code host}:{@code port}. Pure. */
    @Override
    public Map<String, Object> devInboxOverrides(String host, int port) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("server", host);
        overrides.put("port", port);
        overrides.put("encryption", "none");
        overrides.put("authentication", "none");
        overrides.put("trustedCertificates", "");
        overrides.put("allowInsecureAuthentication", false);
        return overrides;
    }
}
