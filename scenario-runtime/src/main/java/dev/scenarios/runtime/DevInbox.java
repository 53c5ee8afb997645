package dev.scenarios.runtime;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.runtime.internal.text.MessageSummary;
import dev.scenarios.runtime.internal.text.Texts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dev inbox: an in-process SMTP server (GreenMail) on 127.0.0.1 at a free port, for runs with
 * {@code --dev-inbox}. It accepts every message without authentication and prints each one as it
 * arrives (from, envelope recipients, subject, attachments, first lines of the text). A message
 * with a recipient in the reserved {@code .invalid} domain (RFC 2606) is refused with
 * {@code 451}, so that scenario authors can rehearse their error handling.
 */
public final class DevInbox implements AutoCloseable {

    /** The host the dev inbox listens on. */
    public static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final PrintWriter out;
    private final Locale locale;
    private final List<MimeMessage> received = new ArrayList<>();
    private int arrivals;

    private DevInbox(PrintWriter out, Locale locale) {
        this.out = out;
        this.locale = locale;
        this.greenMail = new GreenMail(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    /** Starts the server (binds a socket; the port is then known) and prints where it listens to {@code out}. */
    public static DevInbox start(PrintWriter out, Locale locale) {
        DevInbox inbox = new DevInbox(out, locale);
        inbox.greenMail.start();
        MessageDeliveryHandler delivery = inbox.greenMail.getUserManager().getMessageDeliveryHandler();
        inbox.greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> {
            if (address.equals(message.getToAddresses().iterator().next())) {
                inbox.arrived(message);
            }
            return delivery.handle(message, address);
        });
        out.println(Texts.get(locale, "devInbox.listening", HOST + ":" + inbox.port()));
        out.flush();
        return inbox;
    }

    private void arrived(MovingMessage message) throws MessagingException {
        List<String> recipients = message.getToAddresses().stream().map(MailAddress::getEmail).toList();
        boolean refused = recipients.stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).endsWith(".invalid"));
        MessageSummary summary = MessageSummary.of(message.getMessage(), recipients, refused);
        synchronized (this) {
            arrivals++;
            out.print(summary.describe(locale, arrivals));
            out.flush();
            if (!refused) {
                received.add(message.getMessage());
            }
            notifyAll();
        }
        if (refused) {
            throw new MessagingException("a recipient is in the reserved .invalid domain");
        }
    }

    public String host() {
        return HOST;
    }

    /** The port the server listens on. */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** The messages accepted so far, in arrival order, as received (one per SMTP transaction). */
    public synchronized List<MimeMessage> received() {
        return List.copyOf(received);
    }

    /** Waits up to {@code timeout} until {@code count} messages were accepted; true if they were. */
    public synchronized boolean awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Stops the server. */
    @Override
    public void close() {
        greenMail.stop();
    }
}
