package dev.scenarios.connector.smtp.internal.transport;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport with the hooks this connector needs: it reports each protocol stage to a {@link Listener} (the
 * connection check times its steps with them), it refuses to go on unauthenticated when authentication is configured
 * but the server offers no AUTH (Angus would silently skip it), and it remembers whether the final {@code .} of DATA
 * was sent, so a lost reply can be reported as possibly delivered. Created by {@link MailSessions#transport}; one per
 * SMTP session.
 */
public final class ObservedSmtpTransport extends SMTPTransport {

    /** The stages of the dialogue, in the order they happen. */
    public enum Stage {
        GREETING,
        EHLO,
        TLS_STARTING,
        TLS,
        CONNECTED,
        MAIL_FROM
    }

    /** Receives the stages; called on the sending thread. */
    public interface Listener {
        void reached(Stage stage, ObservedSmtpTransport transport);
    }

    /** Authentication is configured but the server's EHLO reply advertises no AUTH. */
    public static final class AuthenticationNotOfferedException extends AuthenticationFailedException {
        private static final long serialVersionUID = 1L;

        AuthenticationNotOfferedException() {
            super("the server does not offer authentication (no AUTH in its EHLO reply)");
        }
    }

    private Listener listener = (stage, transport) -> {};
    private boolean greeted;
    private volatile boolean awaitingFinalReply;
    private volatile boolean finalReplyRead;
    private boolean senderRefused;

    /** Called reflectively by {@link Session#getTransport}. */
    public ObservedSmtpTransport(Session session, URLName urlname) {
        super(session, urlname, "smtp", false);
    }

    /** Sets who hears about the stages; call before {@code connect}. */
    public void listener(Listener listener) {
        this.listener = listener;
    }

    /**
     * Forgets what the previous message on this session saw, before a pooled session carries the next one: the
     * possibly-delivered and sender-refused flags are per message.
     */
    public void beginMessage() {
        awaitingFinalReply = false;
        finalReplyRead = false;
        senderRefused = false;
    }

    /** Whether the server's greeting was read. */
    public boolean greeted() {
        return greeted;
    }

    /** Whether the end of the message data was sent and its reply had not been read when the session failed. */
    public boolean possiblyDelivered() {
        return awaitingFinalReply && !finalReplyRead;
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        boolean authenticate = user != null && password != null;
        boolean connected = super.protocolConnect(host, port, user, password);
        if (connected && authenticate && !supportsExtension("AUTH") && !supportsExtension("AUTH=LOGIN")) {
            close();
            throw new AuthenticationNotOfferedException();
        }
        if (connected) {
            listener.reached(Stage.CONNECTED, this);
        }
        return connected;
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        int code = super.readServerResponse();
        if (!greeted) {
            greeted = true;
            listener.reached(Stage.GREETING, this);
        }
        if (awaitingFinalReply && code != -1) {
            finalReplyRead = true;
        }
        return code;
    }

    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        boolean ok = super.ehlo(domain);
        listener.reached(Stage.EHLO, this);
        return ok;
    }

    @Override
    protected void helo(String domain) throws MessagingException {
        super.helo(domain);
        listener.reached(Stage.EHLO, this);
    }

    @Override
    protected void startTLS() throws MessagingException {
        listener.reached(Stage.TLS_STARTING, this);
        super.startTLS();
        listener.reached(Stage.TLS, this);
    }

    /** Whether the server answered MAIL FROM with an error (Angus reports only some codes as sender failures). */
    public boolean senderRefused() {
        return senderRefused;
    }

    @Override
    protected void mailFrom() throws MessagingException {
        try {
            super.mailFrom();
        } catch (MessagingException e) {
            senderRefused = getLastReturnCode() >= 400;
            throw e;
        }
        listener.reached(Stage.MAIL_FROM, this);
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        awaitingFinalReply = true;
        super.finishData();
    }
}
