package dev.scenarios.connector.smtp.internal.transport;

import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.api.SharedLimits;
import dev.scenarios.connector.smtp.internal.mime.PreparedMime;
import dev.scenarios.connector.smtp.internal.oauth.AccessToken;
import dev.scenarios.connector.smtp.internal.oauth.OAuthTokens;
import dev.scenarios.connector.smtp.internal.oauth.TokenException;
import dev.scenarios.connector.smtp.internal.outcome.Attempt;
import dev.scenarios.connector.smtp.internal.outcome.Failure;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import dev.scenarios.connector.smtp.internal.transport.SessionPool.PooledSession;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Delivers messages over SMTP with Angus, reusing authenticated sessions: up to {@code maxConnections} at once, each
 * checked with RSET before reuse and replaced transparently when the server has closed it. A message is retried on a
 * fresh session only when a reused one broke before the end of the message data (nothing can have been delivered), so
 * nothing is lost and nothing is sent twice. The one place that talks to the transport. Thread-safe.
 */
public final class SmtpSender implements AutoCloseable {

    /**
     * A session idle for less than this is reused without a liveness check: its last transaction ended cleanly (RFC
     * 5321 resets the state after the final reply), servers close idle sessions only after minutes, and should one have
     * gone anyway the message is retried on a new session because nothing was sent. Longer-idle sessions are checked
     * with RSET first.
     */
    private static final long LIVENESS_CHECK_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final SmtpSettings settings;
    private final Session session;
    private final boolean recordDialogue;
    private final FailureClassifier classifier;
    private final Messages messages;
    private final Duration waitLimit;
    private final SessionPool pool;
    private final SendRate rate;
    private final OAuthTokens tokens;
    private final SharedLimits shared;

    /**
     * A sender for basic, windows or no authentication.
     *
     * @param session the connection's session (see {@link MailSessions}); its debug flag must be on when
     *     {@code recordDialogue}
     */
    public SmtpSender(SmtpSettings settings, Session session, boolean recordDialogue, Messages messages) {
        this(settings, session, recordDialogue, messages, null);
    }

    /**
     * @param session the connection's session (see {@link MailSessions}); its debug flag must be on when
     *     {@code recordDialogue}
     * @param tokens the connection's OAuth2 token cache, required when authentication is oauth2, else null
     */
    public SmtpSender(
            SmtpSettings settings, Session session, boolean recordDialogue, Messages messages, OAuthTokens tokens) {
        this(settings, session, recordDialogue, messages, tokens, null);
    }

    /**
     * @param session the connection's session (see {@link MailSessions}); its debug flag must be on when
     *     {@code recordDialogue}
     * @param tokens the connection's OAuth2 token cache, required when authentication is oauth2, else null
     * @param shared the limits the host holds across its processes ({@code ConnectorContext.sharedLimits()}), asked as
     *     well as this sender's own; null when the host shares none
     */
    public SmtpSender(
            SmtpSettings settings,
            Session session,
            boolean recordDialogue,
            Messages messages,
            OAuthTokens tokens,
            SharedLimits shared) {
        if ((settings.authentication() == SmtpSettings.Authentication.OAUTH2) != (tokens != null)) {
            throw new IllegalArgumentException("OAuth2 tokens are needed exactly when authentication is oauth2");
        }
        this.tokens = tokens;
        this.settings = settings;
        this.session = session;
        this.recordDialogue = recordDialogue;
        this.messages = messages;
        this.classifier = new FailureClassifier(settings, messages);
        // A busy session finishes within about one connect and two replies, or fails by its timeouts.
        this.waitLimit = settings.connectTimeout().plus(settings.readTimeout().multipliedBy(2));
        this.rate = new SendRate(settings.maxMessagesPerMinute());
        this.shared = shared;
        this.pool = new SessionPool(
                settings.maxConnections(),
                settings.idleTimeout(),
                waitLimit,
                this::newSession,
                shared == null ? null : wait -> shared.session(settings.systemName(), settings.maxConnections(), wait));
    }

    /** The connection's mail session, in which messages are built. */
    public Session session() {
        return session;
    }

    /**
     * Gives the host's lane {@code lane} (a data bus of the scenario runtime) its own share of this connection's
     * sessions from now on: {@code SmtpConnection} calls it when a path is bound to the lane. No I/O.
     */
    public void use(int lane) {
        pool.use(lane);
    }

    /** As {@link #deliver(MimeMessage, int)} on lane 0. */
    public Attempt deliver(MimeMessage message) {
        return deliver(message, 0);
    }

    /**
     * Sends {@code message} to all its recipients (Bcc not transmitted) with the configured envelope sender, on a
     * session of {@code lane}'s share. The connection has saved it already; one that is not is saved by Jakarta when it
     * is written. Blocks until the final reply or a timeout; never throws for SMTP or network failures: they are in the
     * returned attempt, classified. Does I/O.
     */
    public Attempt deliver(MimeMessage message, int lane) {
        long start = System.nanoTime();
        PooledSession s;
        try {
            rate.acquire();
            s = pool.borrow(lane);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(classifier.classify(e, null), "", start);
        } catch (java.io.IOException e) {
            return failed(sharedLimitsUnavailable(e), "", start);
        } catch (MessagingException | RuntimeException e) {
            return failed(classifier.classify(e, null), "", start);
        }
        if (s == null) {
            return failed(
                    new Failure(
                            FailureKind.TIMEOUT,
                            messages.message("fail.busy", settings.maxConnections(), waitLimit),
                            0,
                            List.of(),
                            false,
                            "no free session"),
                    "",
                    start);
        }
        return deliver(message, s, start, true);
    }

    private Attempt deliver(MimeMessage message, PooledSession s, long start, boolean mayRetry) {
        boolean reused = false;
        try {
            Address[] recipients =
                    message instanceof PreparedMime prepared ? prepared.envelope() : message.getAllRecipients();
            reused = s.messages > 0
                    && (System.nanoTime() - s.idleSince < LIVENESS_CHECK_AFTER_NANOS || s.transport.isConnected());
            if (!reused) {
                closeQuietly(s.transport);
                connect(s.transport);
            }
            if (shared != null && settings.maxMessagesPerMinute() > 0) {
                // The shared turn is taken on a ready session, right before the transaction, so that the starts
                // the server sees are spaced as the turns are (a session's connect would skew them).
                try {
                    shared.send(settings.systemName(), settings.maxMessagesPerMinute());
                } catch (java.io.IOException e) {
                    Recorded recorded = takeDialogue(s);
                    pool.giveBack(s);
                    return failed(sharedLimitsUnavailable(e), recorded.dialogue(), start);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    String dialogue = takeDialogue(s).dialogue();
                    pool.discard(s);
                    return failed(classifier.classify(e, null), dialogue, start);
                }
            }
            s.transport.beginMessage();
            Failure tooLarge = sizeCheck(message, s.transport);
            if (tooLarge != null) {
                Recorded recorded = takeDialogue(s);
                pool.giveBack(s);
                return failed(tooLarge, recorded.dialogue(), start);
            }
            SendResult result;
            try {
                s.transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
                result = new SendResult(message.getMessageID(), reply(s.transport), addresses(recipients), List.of());
            } catch (SMTPSendFailedException e) {
                if (e.getReturnCode() / 100 != 2
                        || e.getValidSentAddresses() == null
                        || e.getValidSentAddresses().length == 0) {
                    throw e;
                }
                // Some recipients were refused, the message went to the others: the session is still healthy.
                List<SendResult.Rejection> rejected = FailureClassifier.rejections(Failure.chain(e));
                result = new SendResult(
                        message.getMessageID(), reply(s.transport), addresses(e.getValidSentAddresses()), rejected);
            }
            s.messages++;
            Recorded recorded = takeDialogue(s);
            pool.giveBack(s);
            return new Attempt(
                    result,
                    null,
                    recorded.dialogue(),
                    recorded.messageBytes(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (MessagingException | RuntimeException e) {
            Failure failure = classifier.classify(e, s.transport);
            String dialogue = takeDialogue(s).dialogue();
            if (mayRetry && reused && brokenSession(failure)) {
                // The server closed a reused session before the message data ended: nothing was
                // delivered, so the same message goes once more on a new session.
                s.messages = 0;
                Attempt retry = deliver(message, s, start, false);
                return new Attempt(
                        retry.result(),
                        retry.failure(),
                        dialogue + retry.dialogue(),
                        retry.messageBytes(),
                        retry.elapsed());
            }
            pool.discard(s);
            return failed(failure, dialogue, start);
        } catch (TokenException e) {
            String dialogue = takeDialogue(s).dialogue();
            pool.discard(s);
            return failed(e.failure(), dialogue, start);
        }
    }

    /** The host cannot count the shared limits: nothing was sent, so the message can wait and go again. */
    private Failure sharedLimitsUnavailable(java.io.IOException e) {
        return new Failure(
                FailureKind.TIMEOUT,
                messages.message("fail.sharedLimits", e.getMessage()),
                0,
                List.of(),
                false,
                "shared limits unavailable");
    }

    /**
     * Refuses, before any upload, a message larger than the server's advertised {@code SIZE} (RFC 1870): Angus sends no
     * {@code SIZE=} and would upload it whole only to have it refused. Measures the message only when the server states
     * a limit.
     */
    private Failure sizeCheck(MimeMessage message, ObservedSmtpTransport transport) throws MessagingException {
        String parameter = transport.getExtensionParameter("SIZE");
        long limit;
        try {
            limit = parameter == null ? 0 : Long.parseLong(parameter.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (limit <= 0) {
            return null;
        }
        long size = message instanceof PreparedMime prepared ? prepared.contentLength() : measure(message);
        if (size <= limit) {
            return null;
        }
        return new Failure(
                FailureKind.MESSAGE_REJECTED,
                messages.message("fail.size", size, limit),
                0,
                List.of(),
                false,
                "SIZE " + limit + " < " + size + " bytes");
    }

    private static long measure(MimeMessage message) throws MessagingException {
        CountingStream counter = new CountingStream();
        try {
            message.writeTo(counter);
        } catch (java.io.IOException e) {
            throw new MessagingException("the message cannot be measured", e);
        }
        return counter.count;
    }

    /** Counts the bytes written to it and keeps none. */
    private static final class CountingStream extends java.io.OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /**
     * Opens and authenticates {@code transport}. With OAuth2, a token the server rejects (535, or a 334 challenge
     * carrying the provider's error) is replaced once by a freshly fetched one before giving up: it may have been
     * revoked before its stated expiry.
     */
    private void connect(ObservedSmtpTransport transport) throws MessagingException, TokenException {
        resolve();
        if (tokens == null) {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            return;
        }
        AccessToken token = tokens.current();
        try {
            transport.connect(settings.host(), settings.port(), settings.username(), token.value());
        } catch (AuthenticationFailedException e) {
            if (!tokens.settings().renewable()
                    || e instanceof ObservedSmtpTransport.AuthenticationNotOfferedException
                    || !tokenRejected(transport.getLastReturnCode())) {
                throw e;
            }
            AccessToken renewed = tokens.renewAfterRejection(token);
            closeQuietly(transport);
            transport.connect(settings.host(), settings.port(), settings.username(), renewed.value());
        }
    }

    /**
     * Looks the host up within the connect timeout: Angus's own lookup inside connect has no limit (see
     * {@link HostLookup}).
     */
    private void resolve() throws MessagingException {
        try {
            HostLookup.resolve(settings.host(), settings.connectTimeout());
        } catch (java.io.IOException e) {
            throw new MessagingException("cannot resolve " + settings.host(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while resolving " + settings.host(), e);
        }
    }

    /**
     * Whether {@code code} answers AUTH XOAUTH2 with a token rejection rather than a missing mechanism or a broken
     * session.
     */
    private static boolean tokenRejected(int code) {
        return code == 535 || code == 334;
    }

    /** One message's share of a session's dialogue. */
    private record Recorded(String dialogue, long messageBytes) {}

    /** The dialogue recorded since the session's previous message, redacted; the recorder starts afresh. */
    private static Recorded takeDialogue(PooledSession s) {
        if (s.recorder == null) {
            return new Recorded("", -1);
        }
        Recorded recorded = new Recorded(s.recorder.redacted(), s.recorder.messageBytes());
        s.recorder.reset();
        return recorded;
    }

    private static boolean brokenSession(Failure failure) {
        return !failure.possiblyDelivered()
                && (failure.replyCode() == 0 || failure.replyCode() == 421)
                && (failure.kind() == FailureKind.UNREACHABLE || failure.kind() == FailureKind.PROTOCOL);
    }

    private PooledSession newSession() throws MessagingException {
        if (!recordDialogue) {
            return new PooledSession(MailSessions.transport(session), null);
        }
        DialogueRecorder recorder = new DialogueRecorder();
        // Angus's logger keeps the debug stream it finds when the transport is made: set and make atomically.
        synchronized (session) {
            session.setDebugOut(recorder.stream());
            return new PooledSession(MailSessions.transport(session), recorder);
        }
    }

    private static String reply(ObservedSmtpTransport transport) {
        return FailureClassifier.reply(transport.getLastServerResponse());
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            Arrays.stream(addresses)
                    .map(a -> a instanceof jakarta.mail.internet.InternetAddress ia ? ia.getAddress() : a.toString())
                    .forEach(out::add);
        }
        return out;
    }

    private static Attempt failed(Failure failure, String dialogue, long start) {
        return new Attempt(null, failure, dialogue, -1, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void closeQuietly(ObservedSmtpTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // Closing a session that was never opened or already dropped: nothing to report.
        }
    }

    /** The SMTP sessions open now, in use or idle; for the host's gauge. No I/O. */
    public int openSessions() {
        return pool.open();
    }

    /** Closes every idle session with QUIT. Never throws. */
    @Override
    public void close() {
        pool.close();
    }
}
