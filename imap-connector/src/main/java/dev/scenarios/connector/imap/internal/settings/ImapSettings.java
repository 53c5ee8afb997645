package dev.scenarios.connector.imap.internal.settings;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.imap.internal.receive.SessionTiming;
import java.time.Duration;
import java.util.Properties;

/**
 * The values of a valid {@code imap} connection, read once from its configuration, and the Jakarta Mail session
 * properties they mean. Pure. {@link #toString()} never shows the password.
 *
 * @param systemName the connection's system name
 * @param disabled whether the connection is disabled
 * @param journal full, errors or off
 * @param server the host name or address
 * @param port the TCP port
 * @param encryption none, ssl (implicit TLS) or tls (STARTTLS, required)
 * @param authentication none (the server pre-authenticates) or basic
 * @param username the user for basic authentication, or null
 * @param password the password for basic authentication, or null; never shown
 * @param pollInterval how often a receiving path looks for new mail when it does not IDLE
 * @param idle whether receiving paths use IDLE when the server offers it
 * @param idleTimeout how long an IDLE may hear nothing before it is renewed
 * @param unreadyAfter how long a receiving path may stay disconnected before the host counts it as down
 * @param connectTimeout the TCP connect timeout
 * @param readTimeout the timeout of each read
 * @param writeTimeout the timeout of each write
 */
public record ImapSettings(
        String systemName,
        boolean disabled,
        String journal,
        String server,
        int port,
        String encryption,
        String authentication,
        String username,
        String password,
        Duration pollInterval,
        boolean idle,
        Duration idleTimeout,
        Duration unreadyAfter,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout) {

    /** Reads a configuration that validated. */
    public static ImapSettings from(Configuration c) {
        return new ImapSettings(
                c.string("systemName"),
                c.bool("disabled"),
                c.string("journal"),
                c.string("server"),
                c.integer("port"),
                c.string("encryption"),
                c.string("authentication"),
                c.string("username"),
                c.string("password"),
                c.duration("pollInterval"),
                c.bool("idle"),
                c.duration("idleTimeout"),
                c.duration("unreadyAfter"),
                c.duration("connectTimeout"),
                c.duration("readTimeout"),
                c.duration("writeTimeout"));
    }

    /** How the receiving paths of this connection wait for mail and for the server. */
    public SessionTiming timing() {
        return new SessionTiming(pollInterval, idle, idleTimeout, unreadyAfter);
    }

    /** The Jakarta Mail protocol: {@code imaps} for implicit TLS, else {@code imap}. */
    public String protocol() {
        return "ssl".equals(encryption) ? "imaps" : "imap";
    }

    /**
     * The session properties: every timeout set (Jakarta's are infinite by default), STARTTLS required for {@code tls}
     * (never a silent fall back to plain text), server identity checked, bodies fetched with {@code BODY.PEEK} so that
     * nothing is marked {@code \Seen} before the scenario ended, and the SASL mechanisms pinned to PLAIN and LOGIN.
     */
    public Properties sessionProperties() {
        String p = "mail." + protocol() + ".";
        Properties props = new Properties();
        props.setProperty(p + "host", server);
        props.setProperty(p + "port", Integer.toString(port));
        props.setProperty(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.setProperty(p + "timeout", Long.toString(readTimeout.toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(writeTimeout.toMillis()));
        props.setProperty(p + "peek", "true");
        props.setProperty(p + "ssl.checkserveridentity", "true");
        props.setProperty(p + "auth.mechanisms", "PLAIN LOGIN");
        if ("tls".equals(encryption)) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if ("ssl".equals(encryption)) {
            props.setProperty(p + "ssl.enable", "true");
        }
        // Real mail: encoded words glued to text, unlabelled parameters, RFC 2231 file names.
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.decodefilename", "true");
        props.setProperty("mail.mime.decodeparameters", "true");
        return props;
    }

    @Override
    public String toString() {
        return "ImapSettings[" + systemName + " " + encryption + "://" + server + ":" + port + ", " + authentication
                + (username == null ? "" : " as " + username) + "]";
    }
}
