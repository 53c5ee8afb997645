package dev.scenarios.connector.smtp.internal;

import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.RecipientRejection;
import dev.scenarios.connector.api.SendResult;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Delivers messages over SMTP with Angus: one SMTP session per message (connect, EHLO, STARTTLS,
 * AUTH, MAIL, RCPT, DATA, QUIT). The one place that talks to the transport, so that a pooled
 * sender can replace it. Thread-safe.
 */
public final class SmtpSender {

    private final SmtpSettings settings;
    private final Session session;
    private final boolean recordDialogue;
    private final FailureClassifier classifier;

    /**
     * @param session the connection's session (see {@link MailSessions}); its debug flag must be on when {@code recordDialogue}
     */
    public SmtpSender(SmtpSettings settings, Session session, boolean recordDialogue, Messages messages) {
        this.settings = settings;
        this.session = session;
        this.recordDialogue = recordDialogue;
        this.classifier = new FailureClassifier(settings, messages);
    }

    /** The connection's mail session, in which messages are built. */
    public Session session() {
        return session;
    }

    /**
     * Sends {@code message} to all its recipients (Bcc not transmitted) with the configured
     * envelope sender. Blocks until the final reply or a timeout; never throws for SMTP or network
     * failures: they are in the returned attempt, classified.
     */
    public Attempt deliver(MimeMessage message) {
        long start = System.nanoTime();
        DialogueRecorder recorder = recordDialogue ? new DialogueRecorder() : null;
        ObservedSmtpTransport transport = null;
        try {
            transport = newTransport(recorder);
            message.saveChanges();
            Address[] recipients = message.getAllRecipients();
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            try {
                transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
                return attempt(new SendResult(message.getMessageID(), reply(transport), addresses(recipients), List.of()),
                        null, recorder, start);
            } catch (SMTPSendFailedException e) {
                if (e.getReturnCode() / 100 == 2 && e.getValidSentAddresses() != null && e.getValidSentAddresses().length > 0) {
                    // Some recipients were refused, the message went to the others.
                    List<RecipientRejection> rejected = FailureClassifier.rejections(FailureClassifier.chain(e));
                    return attempt(new SendResult(message.getMessageID(), reply(transport), addresses(e.getValidSentAddresses()), rejected),
                            null, recorder, start);
                }
                throw e;
            }
        } catch (MessagingException | RuntimeException e) {
            return attempt(null, classifier.classify(e, transport), recorder, start);
        } finally {
            closeQuietly(transport);
        }
    }

    private ObservedSmtpTransport newTransport(DialogueRecorder recorder) throws MessagingException {
        if (recorder == null) {
            return MailSessions.transport(session);
        }
        // Angus's logger keeps the debug stream it finds when the transport is made: set and make atomically.
        synchronized (session) {
            session.setDebugOut(recorder.stream());
            return MailSessions.transport(session);
        }
    }

    private static String reply(ObservedSmtpTransport transport) {
        return FailureClassifier.reply(transport.getLastServerResponse());
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            Arrays.stream(addresses).map(a -> a instanceof jakarta.mail.internet.InternetAddress ia ? ia.getAddress() : a.toString())
                    .forEach(out::add);
        }
        return out;
    }

    private static Attempt attempt(SendResult result, Failure failure, DialogueRecorder recorder, long start) {
        String dialogue = recorder == null ? "" : recorder.redacted();
        long bytes = recorder == null ? -1 : recorder.messageBytes();
        return new Attempt(result, failure, dialogue, bytes, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void closeQuietly(ObservedSmtpTransport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The outcome is already known; a failing QUIT changes nothing for the caller.
            }
        }
    }
}
