package dev.scenarios.connector.imap.internal.receive;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * IMAP IDLE (RFC 2177) with a watchdog, for {@link FolderReceiver}: the receiver's thread waits in IDLE on its selected
 * folder while one timer thread of its own looks every 200 ms whether to end it. An IDLE that has heard nothing from
 * the server for the connection's {@code idleTimeout} (at most 10 minutes) is ended, so the receiver polls once more —
 * which proves the connection alive within the read timeout — and IDLEs again: a server that silently stopped pushing
 * (a known Microsoft 365 failure) or a connection a NAT dropped without a word costs at most {@code idleTimeout}, never
 * a dead consumer. Angus ignores socket read timeouts during IDLE, so without this watchdog an IDLE on a dead
 * connection would never end.
 *
 * <p>Ending an IDLE from the timer thread goes through Angus's own rule: any command on the folder from another thread
 * sends {@code DONE} and waits for the IDLE to finish; a no-op command does exactly that and nothing more.
 */
final class IdleWatch implements AutoCloseable {

    /** Why an IDLE ended. */
    enum Ending {
        /** The server said something (e.g. {@code * 3 EXISTS}). */
        SPOKE,
        /** The receiver asked for it: a mail arrived while it was busy, or it is closing. */
        WOKEN,
        /** Nothing was heard for {@code idleTimeout}; the watchdog ended it. */
        SILENT
    }

    private static final Duration TICK = Duration.ofMillis(200);

    private final ScheduledExecutorService timer;

    /** Starts the timer thread, named after {@code path}. */
    IdleWatch(String path) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-watchdog-" + path);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Waits in IDLE on {@code folder} (open, on a server that offers IDLE) until the server sends a response,
     * {@code wake} turns true, or {@code silence} passes. Blocks; network I/O, ended by the watchdog at the latest
     * after {@code silence} plus the read timeout on a dead connection.
     *
     * @return why it ended
     * @throws MessagingException when the connection fails (e.g. the server closed it during IDLE)
     */
    Ending idle(IMAPFolder folder, Duration silence, BooleanSupplier wake) throws MessagingException {
        long deadline = System.nanoTime() + silence.toNanos();
        AtomicReference<Ending> ended = new AtomicReference<>();
        // Aborted on every tick once decided: an abort that came before the IDLE started had nothing to end.
        ScheduledFuture<?> watchdog = timer.scheduleWithFixedDelay(
                () -> {
                    if (wake.getAsBoolean()) {
                        ended.compareAndSet(null, Ending.WOKEN);
                    } else if (System.nanoTime() - deadline >= 0) {
                        ended.compareAndSet(null, Ending.SILENT);
                    }
                    if (ended.get() != null) {
                        abort(folder);
                    }
                },
                TICK.toMillis(),
                TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            if (!wake.getAsBoolean()) {
                folder.idle(true);
            }
        } finally {
            watchdog.cancel(false);
        }
        Ending why = ended.get();
        return why == null ? (wake.getAsBoolean() ? Ending.WOKEN : Ending.SPOKE) : why;
    }

    /** Ends the folder's IDLE, if one runs: Angus sends DONE before any command on an idling folder. */
    private static void abort(IMAPFolder folder) {
        try {
            folder.doCommand(protocol -> null);
        } catch (MessagingException | RuntimeException e) {
            // The connection failed: the idling thread learns it from its own read.
        }
    }

    /** Stops the timer thread; an IDLE still running is the receiver's to end (it wakes it first). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
