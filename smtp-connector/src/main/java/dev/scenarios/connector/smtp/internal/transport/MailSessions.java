package dev.scenarios.connector.smtp.internal.transport;

import dev.scenarios.connector.smtp.internal.settings.ConnectionRules;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings.Authentication;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings.Encryption;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import java.io.PrintStream;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * Builds the Jakarta Mail session of a connection from a fresh {@link Properties} (never the system properties):
 * encryption, certificate and host-name checks, mechanisms, all three timeouts. Credentials never go into the session;
 * they are passed to {@code connect} only.
 */
public final class MailSessions {

    /** Angus's property prefix: implicit TLS uses {@code mail.smtp.ssl.enable}, so one prefix serves every mode. */
    static final String PREFIX = "mail.smtp.";

    private static final Provider PROVIDER =
            new Provider(Provider.Type.TRANSPORT, "smtp", ObservedSmtpTransport.class.getName(), "dev.scenarios", "1");

    private MailSessions() {}

    /** The session properties for {@code settings}; pure apart from the given TLS context. */
    public static Properties properties(SmtpSettings settings, SSLContext tls, SocketEvents events) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        put(p, "host", settings.host());
        put(p, "port", String.valueOf(settings.port()));
        put(p, "connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        if (settings.encryption() == Encryption.SSL) {
            // Angus makes the plain socket under implicit TLS itself: it gets SO_TIMEOUT. The
            // connector's own plain sockets (none, STARTTLS) keep the read timeout without it.
            put(p, "timeout", String.valueOf(settings.readTimeout().toMillis()));
        }
        put(p, "writetimeout", String.valueOf(settings.writeTimeout().toMillis()));
        // Angus's own timer thread for write timeouts would be woken for every socket write.
        p.put(PREFIX + "executor.writetimeout", SocketWatchdog.shared());
        put(p, "ssl.checkserveridentity", "true");
        put(p, "ssl.enable", String.valueOf(settings.encryption() == Encryption.SSL));
        put(p, "starttls.enable", String.valueOf(settings.encryption() == Encryption.TLS));
        put(p, "starttls.required", String.valueOf(settings.encryption() == Encryption.TLS));
        p.put(PREFIX + "socketFactory", ObservedSocketFactories.plain(events, settings.readTimeout()));
        p.put(PREFIX + "socketFactory.fallback", "false");
        p.put(PREFIX + "ssl.socketFactory", ObservedSocketFactories.tls(tls.getSocketFactory(), events));
        // Partial recipient rejection still delivers to the accepted ones; the result lists the others.
        put(p, "sendpartial", "true");
        // The envelope sender is the configured one, whatever From the message carries.
        put(p, "from", settings.senderAddress());
        // Message-IDs take their domain from mail.from (…@example.com rather than @localhost), and
        // Jakarta then needs no local host name lookup to make one.
        p.put("mail.from", settings.senderAddress());
        put(p, "quitwait", "true");
        // A pooled session's liveness check before reuse is RSET rather than NOOP: one round trip that
        // also clears any transaction state the previous message left.
        put(p, "userset", "true");
        // EHLO is ASCII: an internationalized name goes as punycode (validation refused any other)
        settings.heloName().flatMap(ConnectionRules::heloAscii).ifPresent(name -> put(p, "localhost", name));
        put(p, "auth", String.valueOf(settings.authenticates()));
        if (settings.authentication() == Authentication.BASIC) {
            put(p, "auth.mechanisms", "PLAIN LOGIN");
        } else if (settings.authentication() == Authentication.WINDOWS) {
            put(p, "auth.mechanisms", "NTLM");
            put(p, "auth.ntlm.domain", settings.domain());
        } else if (settings.authentication() == Authentication.OAUTH2) {
            // Naming XOAUTH2 here is also what enables it in Angus (disabled by default); the token is the password.
            put(p, "auth.mechanisms", "XOAUTH2");
        }
        p.put("mail.debug.auth", "false");
        p.put("mail.debug.auth.username", "false");
        p.put("mail.debug.auth.password", "false");
        return p;
    }

    /** A new session with {@code properties}; debug output (the dialogue) goes to {@code debugOut} when given. */
    public static Session session(Properties properties, PrintStream debugOut) {
        Session session = Session.getInstance(properties);
        if (debugOut != null) {
            session.setDebugOut(debugOut);
            session.setDebug(true);
        }
        return session;
    }

    /**
     * A new, unconnected {@link ObservedSmtpTransport} of {@code session}. The transport class is loaded with this
     * connector's class loader, whatever the thread's context class loader is.
     */
    public static ObservedSmtpTransport transport(Session session) throws MessagingException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MailSessions.class.getClassLoader());
        try {
            return (ObservedSmtpTransport) session.getTransport(PROVIDER);
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("cannot load " + PROVIDER.getClassName(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void put(Properties p, String key, String value) {
        p.put(PREFIX + key, value);
    }
}
