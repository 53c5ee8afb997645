package dev.scenarios.runtime;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.runtime.internal.inbox.InboxFolder;
import dev.scenarios.runtime.internal.text.MessageSummary;
import dev.scenarios.runtime.internal.text.Texts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dev inbox: an in-process SMTP server (GreenMail) on 127.0.0.1, at a free port or the one given, for runs with
 * {@code --dev-inbox}. It accepts every message without authentication, prints each one as it arrives (from, envelope
 * recipients, subject, attachments, first lines of the text) and keeps the latest {@value #KEPT} in memory
 * ({@link #kept()}), for the console's {@code /api/dev-inbox}; started with a folder (the CLI's
 * {@code <workspace>/data/dev-inbox/}) it also keeps them there, so that a later process shows an earlier run's mail
 * (see {@link InboxFolder}). A recipient in the reserved {@code .invalid} domain (RFC 2606) is refused at {@code RCPT
 * TO} with {@value #INVALID_DOMAIN_REPLY}, as a real server refuses a domain that does not exist, so that scenario
 * authors can rehearse their error handling; the other recipients of the same message still get it.
 */
public final class DevInbox implements AutoCloseable {

    /** The host the dev inbox listens on. */
    public static final String HOST = "127.0.0.1";

    /** How many received messages are kept; the oldest is dropped first (a rehearsal tool, not an archive). */
    public static final int KEPT = 500;

    /**
     * The reply to {@code RCPT TO} for a {@code .invalid} address: permanent, "bad destination system address" (RFC
     * 3463).
     */
    public static final String INVALID_DOMAIN_REPLY = "550 5.1.2 the reserved .invalid domain does not exist";

    /**
     * One message the inbox accepted.
     *
     * @param id its number in arrival order, from 1
     * @param receivedAt when its DATA ended
     * @param envelopeFrom the {@code MAIL FROM} address, empty for a null reverse path
     * @param recipients the accepted {@code RCPT TO} addresses
     * @param message the message as received
     * @param size its size in bytes as received
     */
    public record KeptMessage(
            long id,
            Instant receivedAt,
            String envelopeFrom,
            List<String> recipients,
            MimeMessage message,
            long size) {}

    private final GreenMail greenMail;
    private final PrintWriter out;
    private final Locale locale;
    private final Clock clock = Clock.systemUTC();
    private final Deque<KeptMessage> kept = new ArrayDeque<>();
    /** Null: memory only. */
    private final InboxFolder folder;
    /** Kept messages that could not be written to {@link #folder}: not dropped when it is read again. */
    private final Set<Long> unsaved = new HashSet<>();
    /** Messages in {@link #folder} that could not be read: said once, not read again at every refresh. */
    private final Set<Long> unreadable = new HashSet<>();

    private int arrivals;
    private long lastId;

    private DevInbox(PrintWriter out, Locale locale, int port, InboxFolder folder) {
        this.out = out;
        this.locale = locale;
        this.folder = folder;
        // The IMAP side (any free port) lets receiving paths rehearse too: a mail sent to an address is in the INBOX of
        // that address, and with authentication disabled GreenMail lets any user log in (with any password).
        this.greenMail = new RefusingGreenMail(
                        new ServerSetup[] {
                            new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP),
                            new ServerSetup(0, HOST, ServerSetup.PROTOCOL_IMAP)
                        },
                        this::refused)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    /** Starts the server on a free port; see {@link #start(PrintWriter, Locale, int)}. */
    public static DevInbox start(PrintWriter out, Locale locale) {
        return start(out, locale, 0);
    }

    /**
     * Starts the server on {@code port} (0 picks a free one) and prints where it listens to {@code out}.
     *
     * @throws IllegalStateException when the port cannot be bound (e.g. it is in use)
     */
    public static DevInbox start(PrintWriter out, Locale locale, int port) {
        return start(out, locale, port, null);
    }

    /**
     * As {@link #start(PrintWriter, Locale, int)}, keeping the messages in {@code folder} too (null: in memory only):
     * the messages already there (the latest {@value #KEPT}) are kept from the start, and new ones are numbered after
     * them. Reads the folder.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static DevInbox start(PrintWriter out, Locale locale, int port, Path folder) {
        DevInbox inbox = new DevInbox(out, locale, port, folder == null ? null : new InboxFolder(folder));
        if (folder != null) {
            synchronized (inbox) {
                inbox.readFolder();
            }
        }
        inbox.greenMail.start();
        MessageDeliveryHandler delivery = inbox.greenMail.getUserManager().getMessageDeliveryHandler();
        inbox.greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> {
            if (address.equals(message.getToAddresses().iterator().next())) {
                inbox.arrived(message);
            }
            return delivery.handle(message, address);
        });
        out.println(Texts.get(locale, "devInbox.listening", HOST + ":" + inbox.port()));
        out.println(Texts.get(locale, "devInbox.imap", HOST + ":" + inbox.imapPort()));
        if (folder != null) {
            synchronized (inbox) {
                out.println(Texts.get(locale, "devInbox.folder", folder, inbox.kept.size()));
            }
        }
        out.flush();
        return inbox;
    }

    private void arrived(MovingMessage message) throws MessagingException {
        List<String> recipients =
                message.getToAddresses().stream().map(MailAddress::getEmail).toList();
        MessageSummary summary = MessageSummary.of(message.getMessage(), recipients);
        String from =
                message.getReturnPath() == null ? "" : message.getReturnPath().getEmail();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            message.getMessage().writeTo(raw);
        } catch (IOException e) {
            throw new MessagingException("cannot read the received message", e);
        }
        synchronized (this) {
            arrivals++;
            long id = lastId + 1;
            boolean saved = false;
            try {
                if (folder != null) {
                    id = folder.claim(Math.max(id, folder.highestId() + 1));
                }
                lastId = id;
                KeptMessage m = new KeptMessage(
                        id, clock.instant(), from == null ? "" : from, recipients, message.getMessage(), raw.size());
                if (folder != null) {
                    folder.write(m, raw.toByteArray());
                    saved = true;
                }
                kept.addLast(m);
            } catch (IOException e) {
                // a full or read-only disk must not lose the message: it stays in memory, the operator is told
                lastId = Math.max(lastId, id);
                kept.addLast(new KeptMessage(
                        id, clock.instant(), from == null ? "" : from, recipients, message.getMessage(), raw.size()));
                unsaved.add(id);
                out.println(Texts.get(
                        locale,
                        "devInbox.unsaved",
                        id,
                        folder.directory(),
                        e.getClass().getSimpleName()));
            }
            out.print(summary.describe(locale, (int) id));
            out.flush();
            trim(saved);
            notifyAll();
        }
    }

    /** Drops the oldest kept messages beyond {@value #KEPT}, in memory and (after a write) in the folder. */
    private void trim(boolean folderToo) {
        while (kept.size() > KEPT) {
            unsaved.remove(kept.removeFirst().id());
        }
        if (folder == null || !folderToo) {
            return;
        }
        try {
            TreeSet<Long> ids = folder.ids();
            while (ids.size() > KEPT) {
                folder.delete(ids.pollFirst());
            }
        } catch (IOException e) {
            out.println(Texts.get(
                    locale,
                    "devInbox.unreadable",
                    folder.directory(),
                    e.getClass().getSimpleName()));
        }
    }

    /**
     * Brings the kept messages in line with the folder, which other processes of the same workspace may write or clear:
     * reads the messages not yet kept, forgets those whose files are gone (unless they could not be written). Under the
     * lock.
     */
    private void readFolder() {
        try {
            TreeSet<Long> ids = folder.ids();
            kept.removeIf(m -> !ids.contains(m.id()) && !unsaved.contains(m.id()));
            Set<Long> known = new HashSet<>();
            kept.forEach(m -> known.add(m.id()));
            TreeSet<Long> wanted = new TreeSet<>(known);
            wanted.addAll(ids);
            while (wanted.size() > KEPT) {
                wanted.pollFirst();
            }
            List<KeptMessage> merged = new ArrayList<>(kept);
            for (long id : wanted) {
                if (known.contains(id) || unreadable.contains(id)) {
                    continue;
                }
                try {
                    merged.add(folder.read(id));
                } catch (IOException | MessagingException | RuntimeException e) {
                    unreadable.add(id);
                    out.println(Texts.get(
                            locale,
                            "devInbox.unreadable",
                            folder.directory().resolve(id + ".eml"),
                            e.getClass().getSimpleName()));
                }
            }
            merged.sort(Comparator.comparingLong(KeptMessage::id));
            kept.clear();
            kept.addAll(merged);
            if (!ids.isEmpty()) {
                lastId = Math.max(lastId, ids.last());
            }
            trim(false);
        } catch (IOException e) {
            out.println(Texts.get(
                    locale,
                    "devInbox.unreadable",
                    folder.directory(),
                    e.getClass().getSimpleName()));
        }
        out.flush();
    }

    /**
     * The reply to {@code RCPT TO:<address>}: the refusal for a {@code .invalid} domain, else null (accepted). Prints a
     * refusal.
     */
    private String refused(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!domain.equals("invalid") && !domain.endsWith(".invalid")) {
            return null;
        }
        synchronized (this) {
            out.println(Texts.get(locale, "devInbox.rcptRefused", address, INVALID_DOMAIN_REPLY));
            out.flush();
        }
        return INVALID_DOMAIN_REPLY;
    }

    public String host() {
        return HOST;
    }

    /** The port the server listens on. */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /**
     * The port of the IMAP side: every address that received mail here is a mailbox whose INBOX holds it; any user name
     * and password log in (no TLS).
     */
    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /**
     * The overrides that point a connection of {@code type} at this inbox
     * ({@link ConnectionType#devInboxOverrides(String, int, int)}): sending types at its SMTP side, receiving ones at
     * its IMAP side. Pure.
     */
    public Map<String, Object> overrides(ConnectionType type) {
        return type.devInboxOverrides(HOST, port(), imapPort());
    }

    /** The kept messages (the latest {@value #KEPT}), in arrival order, as received (one per SMTP transaction). */
    public synchronized List<MimeMessage> received() {
        return kept.stream().map(KeptMessage::message).toList();
    }

    /**
     * The kept messages (the latest {@value #KEPT}) with their envelopes, oldest first; with a folder, those that
     * another process of the workspace wrote there too (reads the folder's listing).
     */
    public synchronized List<KeptMessage> kept() {
        if (folder != null) {
            readFolder();
        }
        return List.copyOf(kept);
    }

    /**
     * Kept message number {@code id}, or empty when there was none or it was dropped to keep the latest {@value #KEPT}.
     */
    public synchronized Optional<KeptMessage> kept(long id) {
        Optional<KeptMessage> found = kept.stream().filter(m -> m.id() == id).findFirst();
        if (found.isEmpty() && folder != null) {
            readFolder();
            found = kept.stream().filter(m -> m.id() == id).findFirst();
        }
        return found;
    }

    /**
     * Forgets every kept message, in memory and in the folder (including those other processes wrote there). Does file
     * I/O.
     *
     * @throws IOException when the folder cannot be cleared; the memory is cleared anyway
     */
    public synchronized void clear() throws IOException {
        kept.clear();
        unsaved.clear();
        if (folder != null) {
            folder.clear();
        }
    }

    /** How many messages were accepted since the start, including any no longer kept. */
    public synchronized int acceptedCount() {
        return arrivals;
    }

    /** Waits up to {@code timeout} until {@code count} messages were accepted; true if they were. */
    public synchronized boolean awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals < count) {
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

    /** What the inbox answers to one {@code RCPT TO}: a full SMTP reply to refuse it, or null to accept it. */
    @FunctionalInterface
    private interface RecipientRule {
        String reply(String address);
    }

    /**
     * GreenMail whose SMTP server asks {@link RecipientRule} at {@code RCPT TO}: GreenMail's own hook for that is
     * {@link SmtpManager#checkRecipient}, reached only through the {@link Managers} its servers are built with.
     */
    private static final class RefusingGreenMail extends GreenMail {
        private final RecipientRule rule;

        RefusingGreenMail(ServerSetup[] setups, RecipientRule rule) {
            super(setups);
            this.rule = rule;
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers mgr) {
            SmtpManager smtp = new SmtpManager(mgr.getImapHostManager(), mgr.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress address) {
                    return rule == null ? null : rule.reply(address.getEmail());
                }
            };
            return super.createServices(config, new Managers() {
                @Override
                public SmtpManager getSmtpManager() {
                    return smtp;
                }

                @Override
                public UserManager getUserManager() {
                    return mgr.getUserManager();
                }

                @Override
                public ImapHostManager getImapHostManager() {
                    return mgr.getImapHostManager();
                }
            });
        }
    }
}
