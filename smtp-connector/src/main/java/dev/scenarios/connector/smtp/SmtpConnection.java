package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.internal.journal.Journal;
import dev.scenarios.connector.smtp.internal.journal.JournalEntries;
import dev.scenarios.connector.smtp.internal.mime.HeaderValues;
import dev.scenarios.connector.smtp.internal.mime.PreparedMime;
import dev.scenarios.connector.smtp.internal.mime.StableIdMessage;
import dev.scenarios.connector.smtp.internal.oauth.OAuthTokens;
import dev.scenarios.connector.smtp.internal.outcome.Attempt;
import dev.scenarios.connector.smtp.internal.outcome.Failure;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings.JournalLevel;
import dev.scenarios.connector.smtp.internal.transport.MailSessions;
import dev.scenarios.connector.smtp.internal.transport.MailStreamProviders;
import dev.scenarios.connector.smtp.internal.transport.SmtpSender;
import dev.scenarios.connector.smtp.internal.transport.SocketEvents;
import dev.scenarios.connector.smtp.internal.transport.TrustedCertificates;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * An opened {@code smtp} connection: the seam between the path type (which builds messages) and the transport
 * ({@code SmtpSender}, pooled Angus Mail sessions), which it calls directly: the {@code path:} exchange of the scenario
 * runtime is the only Camel exchange a message travels in. Thread-safe.
 */
public final class SmtpConnection implements Connection {

    private final SmtpSettings settings;
    private final ConnectorContext context;
    private final Messages messages;
    private final Session session;
    private final SmtpSender sender;
    private final Journal journal;
    private final String fromHeader;

    /** What the host lent this connection; {@link SmtpSendPathType#bind} resolves attachment files with it. */
    ConnectorContext context() {
        return context;
    }

    /** Called by {@link SmtpConnectionType#open}; reads the trusted certificates, connects to nothing. */
    SmtpConnection(SmtpSettings settings, ConnectorContext context, Messages messages) {
        this.settings = settings;
        this.context = context;
        this.messages = messages;
        MailStreamProviders.preferAngus();
        boolean record = settings.journal() != JournalLevel.OFF;
        SSLContext tls = TrustedCertificates.sslContext(settings.trustedCertificates());
        this.session = MailSessions.session(
                MailSessions.properties(settings, tls, SocketEvents.NONE),
                record ? new PrintStream(OutputStream.nullOutputStream()) : null);
        OAuthTokens tokens = settings.oauth() == null ? null : OAuthTokens.of(settings, tls, context, messages);
        this.sender = new SmtpSender(
                settings,
                session,
                record,
                messages,
                tokens,
                context.sharedLimits().orElse(null));
        this.journal = new Journal(
                context.dataDirectory(),
                settings.systemName(),
                problem -> context.journalFailed(settings.systemName(), problem));
        this.fromHeader = fromHeader(settings);
    }

    @Override
    public String typeId() {
        return SmtpConnectionType.ID;
    }

    @Override
    public String systemName() {
        return settings.systemName();
    }

    /**
     * A new empty message in this connection's mail session, with From set to the configured sender name and address
     * (RFC 2047 UTF-8). Called by the path type before it fills in the rest. Its Message-ID, once set, survives
     * {@code saveChanges()}, so retries reuse it. No I/O.
     */
    public MimeMessage newMessage() {
        StableIdMessage message = new StableIdMessage(session);
        try {
            message.setHeader("From", fromHeader);
        } catch (MessagingException e) {
            throw new IllegalStateException("the validated sender cannot be set", e);
        }
        return message;
    }

    /** The From header's value, built once: what {@code setFrom} would write for the configured name and address. */
    private static String fromHeader(SmtpSettings settings) {
        try {
            InternetAddress from = settings.senderName() == null
                    ? new InternetAddress(settings.senderAddress())
                    : new InternetAddress(settings.senderAddress(), settings.senderName(), "UTF-8");
            return InternetAddress.toString(new Address[] {from}, "From".length() + 2);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("the validated sender cannot be set", e);
        }
    }

    /**
     * Delivers {@code message} to all of its recipients (To, Cc, Bcc; the Bcc header is not transmitted) from the
     * configured sender, and journals the attempt under {@code pathName}. Blocks until the server's final reply or a
     * configured timeout. Does I/O.
     *
     * @return the Message-ID, the server's final reply and per-recipient rejections (when at least one recipient
     *     accepted)
     * @throws DeliveryException with the failure kind, reply code and rejected recipients when nothing was delivered,
     *     or at once with {@code CONFIGURATION} when a header value holds CR, LF or NUL, or {@code DISABLED} when the
     *     connection is disabled
     */
    public SendResult send(MimeMessage message, String pathName) throws DeliveryException {
        return send(message, pathName, 0);
    }

    /**
     * As {@link #send(MimeMessage, String)}, on a session of the host's lane {@code lane} (see
     * {@link dev.scenarios.connector.api.PathType#bind(dev.scenarios.connector.api.Configuration, Connection, int)}).
     * Does I/O.
     */
    public SendResult send(MimeMessage message, String pathName, int lane) throws DeliveryException {
        String badHeader = savedForbiddenHeader(message);
        if (badHeader != null) {
            LocalizedMessage text = messages.message("fail.headers", badHeader);
            refuse(pathName, message, text.in(Locale.ENGLISH));
            throw DeliveryException.builder(FailureKind.CONFIGURATION)
                    .message(text)
                    .build();
        }
        return deliver(message, pathName, lane);
    }

    /**
     * Gives the host's lane {@code lane} its share of this connection's sessions from now on; called when a path is
     * bound to it. No I/O.
     */
    void use(int lane) {
        sender.use(lane);
    }

    /**
     * Fixes a built message for delivery now or later: saves it (its Message-ID is set once and kept), refuses a header
     * value with CR, LF or NUL in it or any of its parts (as {@link #send(MimeMessage, String)} does), and returns its
     * bytes and envelope recipients. Called by the path type. No network I/O.
     *
     * @throws DeliveryException CONFIGURATION for a line break in a header or when the message cannot be written
     */
    public PreparedMessage prepare(MimeMessage message) throws DeliveryException {
        String badHeader = savedForbiddenHeader(message);
        if (badHeader != null) {
            throw DeliveryException.builder(FailureKind.CONFIGURATION)
                    .message(messages.message("fail.headers", badHeader))
                    .build();
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return new PreparedMessage(message.getMessageID(), recipients(message), bytes.toByteArray());
        } catch (MessagingException | IOException e) {
            throw DeliveryException.builder(FailureKind.CONFIGURATION)
                    .message("the message cannot be written: " + e.getClass().getSimpleName())
                    .cause(e)
                    .build();
        }
    }

    /**
     * Delivers prepared bytes unchanged (same Message-ID, headers and body) to {@code recipients}, which may be a
     * subset of the prepared ones, e.g. those a partial rejection left without the message. Otherwise as
     * {@link #send(MimeMessage, String)}. Does I/O.
     */
    public SendResult send(PreparedMessage prepared, List<String> recipients, String pathName)
            throws DeliveryException {
        return send(prepared, recipients, pathName, 0);
    }

    /** As {@link #send(PreparedMessage, List, String)}, on a session of the host's lane {@code lane}. Does I/O. */
    public SendResult send(PreparedMessage prepared, List<String> recipients, String pathName, int lane)
            throws DeliveryException {
        PreparedMime message;
        try {
            message = new PreparedMime(session, prepared, recipients);
        } catch (MessagingException e) {
            throw DeliveryException.builder(FailureKind.CONFIGURATION)
                    .message("the prepared message " + prepared.messageId() + " cannot be read: "
                            + e.getClass().getSimpleName())
                    .cause(e)
                    .build();
        }
        return deliver(message, pathName, lane);
    }

    /**
     * The one way out of the connection: refuses at once when the connection is disabled, else hands {@code message}
     * (checked already) to the sender and journals the attempt. Does I/O.
     */
    private SendResult deliver(MimeMessage message, String pathName, int lane) throws DeliveryException {
        if (settings.disabled()) {
            LocalizedMessage text = messages.message("check.disabled", settings.systemName());
            refuse(pathName, message, text.in(Locale.ENGLISH));
            throw DeliveryException.builder(FailureKind.DISABLED).message(text).build();
        }
        Attempt attempt = sender.deliver(message, lane);
        journal(pathName, message, attempt);
        if (attempt.succeeded()) {
            return attempt.result();
        }
        Failure f = attempt.failure();
        throw DeliveryException.builder(f.kind())
                .replyCode(f.replyCode())
                .message(f.message())
                .detail(f.detail())
                .rejectedRecipients(f.rejected())
                .possiblyDelivered(f.possiblyDelivered())
                .build();
    }

    private void journal(String pathName, MimeMessage message, Attempt attempt) {
        if (settings.journal() == JournalLevel.FULL
                || (settings.journal() == JournalLevel.ERRORS && !attempt.succeeded())) {
            journal.append(JournalEntries.message(
                    context.clock().instant(),
                    pathName,
                    messageId(message),
                    settings.senderAddress(),
                    recipients(message),
                    attempt));
        }
    }

    private void refuse(String pathName, MimeMessage message, String reason) {
        if (settings.journal() != JournalLevel.OFF) {
            journal.append(JournalEntries.refused(context.clock().instant(), pathName, messageId(message), reason));
        }
    }

    /**
     * Saves {@code message} (which sets its Message-ID once, and the Content-Type of every part: before that a
     * multipart message does not say it is one, and its parts would go unchecked), then returns
     * {@link #forbiddenHeader}'s verdict.
     */
    private static String savedForbiddenHeader(MimeMessage message) {
        try {
            message.saveChanges();
        } catch (MessagingException e) {
            return "(unreadable headers)";
        }
        return forbiddenHeader(message);
    }

    /**
     * The name of the first header (of the message or any body part) whose value holds CR, LF or NUL after unfolding
     * and decoding.
     */
    static String forbiddenHeader(Part part) {
        try {
            Enumeration<Header> headers = part.getAllHeaders();
            while (headers.hasMoreElements()) {
                Header h = headers.nextElement();
                String raw = h.getValue() == null ? "" : h.getValue();
                // Unfolding and decoding are skipped where they cannot change anything: most headers need neither.
                String value = raw.indexOf('\r') < 0 && raw.indexOf('\n') < 0 ? raw : MimeUtility.unfold(raw);
                if (HeaderValues.hasForbiddenCharacter(h.getName())
                        || HeaderValues.hasForbiddenCharacter(value)
                        || (value.contains("=?") && HeaderValues.hasForbiddenCharacter(decode(value)))) {
                    return h.getName();
                }
            }
            String type = part.getContentType();
            // A prefix test: isMimeType would parse the Content-Type of every part again.
            if (type != null
                    && type.regionMatches(true, 0, "multipart/", 0, 10)
                    && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String inner = forbiddenHeader(multipart.getBodyPart(i));
                    if (inner != null) {
                        return inner;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            return "(unreadable headers)";
        }
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            String id = message.getMessageID();
            return id == null ? "(none yet)" : id;
        } catch (MessagingException e) {
            return "(unreadable)";
        }
    }

    private static List<String> recipients(MimeMessage message) {
        List<String> out = new ArrayList<>();
        try {
            Address[] all = message instanceof PreparedMime prepared ? prepared.envelope() : message.getAllRecipients();
            if (all != null) {
                for (Address a : all) {
                    out.add(a instanceof InternetAddress ia ? ia.getAddress() : a.toString());
                }
            }
        } catch (MessagingException e) {
            out.add("(unreadable)");
        }
        return out;
    }

    /** The SMTP sessions of this connection's pool, in use or idle. No I/O. */
    @Override
    public int openSessions() {
        return sender.openSessions();
    }

    /** Closes the idle SMTP sessions with QUIT. Journal entries are written through at once. */
    @Override
    public void close() {
        sender.close();
    }
}
