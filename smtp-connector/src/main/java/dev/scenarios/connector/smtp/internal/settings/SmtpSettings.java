package dev.scenarios.connector.smtp.internal.settings;

import dev.scenarios.connector.api.Configuration;
import java.net.IDN;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of one {@code smtp} connection, read once from a validated {@link Configuration}. Immutable.
 * {@link #toString()} never shows the password.
 */
public record SmtpSettings(
        String systemName,
        boolean disabled,
        JournalLevel journal,
        String host,
        int port,
        Encryption encryption,
        Optional<Path> trustedCertificates,
        Optional<String> heloName,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        int maxConnections,
        Duration idleTimeout,
        int maxMessagesPerMinute,
        Authentication authentication,
        String username,
        String password,
        String domain,
        String senderName,
        String senderAddress,
        boolean checkWithoutSending,
        List<String> testRecipients,
        OAuthSettings oauth) {

    /** The settings that belong to authentication oauth2 only. */
    private static final List<String> OAUTH_ONLY = List.of(
            "oauthFlow",
            "tokenEndpoint",
            "tenantId",
            "clientId",
            "clientSecret",
            "refreshToken",
            "accessToken",
            "scope");

    /** The {@code encryption} setting. */
    public enum Encryption {
        NONE,
        SSL,
        TLS
    }

    /** The {@code authentication} setting. */
    public enum Authentication {
        NONE,
        BASIC,
        WINDOWS,
        OAUTH2
    }

    /** The {@code journal} setting. */
    public enum JournalLevel {
        FULL,
        ERRORS,
        OFF
    }

    /**
     * Reads {@code configuration}; called by the connection type after validation, no I/O.
     *
     * @throws IllegalArgumentException naming the property when a value has the wrong shape
     */
    public static SmtpSettings from(Configuration configuration) {
        return from(configuration, Path::of);
    }

    /**
     * Like {@link #from(Configuration)}, with {@code files} turning {@code trustedCertificates} into a path: the host's
     * {@code ConnectorContext::resolveFile}. No I/O.
     *
     * @throws IllegalArgumentException as {@link #from(Configuration)}, or from {@code files}
     */
    public static SmtpSettings from(Configuration configuration, Function<String, Path> files) {
        Configuration c = normalize(configuration);
        Authentication auth = Authentication.valueOf(c.string("authentication").toUpperCase(Locale.ROOT));
        boolean credentials = auth != Authentication.NONE;
        return new SmtpSettings(
                c.string("systemName"),
                c.bool("disabled"),
                JournalLevel.valueOf(c.string("journal").toUpperCase(Locale.ROOT)),
                asciiHost(c.string("server")),
                c.integer("port"),
                Encryption.valueOf(c.string("encryption").toUpperCase(Locale.ROOT)),
                c.optionalString("trustedCertificates").map(files),
                c.optionalString("heloName"),
                c.duration("connectTimeout"),
                c.duration("readTimeout"),
                c.duration("writeTimeout"),
                c.integer("maxConnections"),
                c.duration("idleTimeout"),
                c.optionalString("maxMessagesPerMinute")
                        .map(v -> c.integer("maxMessagesPerMinute"))
                        .orElse(0),
                auth,
                credentials ? c.string("username") : null,
                credentials && auth != Authentication.OAUTH2 ? String.valueOf(c.value("password")) : null,
                auth == Authentication.WINDOWS ? c.optionalString("domain").orElse("") : null,
                c.optionalString("senderName").orElse(null),
                c.string("senderAddress"),
                c.bool("checkWithoutSending"),
                c.strings("testRecipients"),
                auth == Authentication.OAUTH2 ? OAuthSettings.from(c) : null);
    }

    /**
     * The configuration with values a YAML 1.1 reader may have mangled put back: {@code journal: off} arrives as
     * boolean false, and booleans may arrive as text in any case. Pure.
     */
    public static Configuration normalize(Configuration configuration) {
        Map<String, Object> values = new LinkedHashMap<>(configuration.givenValues());
        if (Boolean.FALSE.equals(values.get("journal"))) {
            values.put("journal", "off");
        }
        for (String name :
                List.of("disabled", "checkWithoutSending", "allowInsecureAuthentication", "writeBackRefreshToken")) {
            if (values.get(name) instanceof String s && s.trim().matches("(?i)true|false")) {
                values.put(name, Boolean.valueOf(s.trim().toLowerCase(Locale.ROOT)));
            }
        }
        // The OAuth2 settings belong to authentication oauth2 only, and the endpoint to the flows that
        // use one: left over from an earlier choice they must not make their dependants visible.
        if (!"oauth2".equals(String.valueOf(values.get("authentication")).trim())) {
            OAUTH_ONLY.forEach(values::remove);
        } else if ("static_token".equals(String.valueOf(values.get("oauthFlow")).trim())) {
            values.remove("tokenEndpoint");
        }
        return Configuration.of(configuration.descriptors(), values);
    }

    private static String asciiHost(String server) {
        String host =
                server.startsWith("[") && server.endsWith("]") ? server.substring(1, server.length() - 1) : server;
        return host.contains(":") ? host : IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
    }

    public boolean authenticates() {
        return authentication != Authentication.NONE;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + systemName + " " + encryption + " " + host + ":" + port + ", auth " + authentication
                + (username == null ? "" : " user " + username) + (oauth == null ? "" : " " + oauth) + "]";
    }
}
