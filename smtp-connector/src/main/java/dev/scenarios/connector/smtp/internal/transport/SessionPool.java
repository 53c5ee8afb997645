package dev.scenarios.connector.smtp.internal.transport;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP sessions of one connection, reused across messages: at most {@code maxConnections} at once, idle ones kept
 * newest-first and closed with QUIT once idle longer than the idle timeout (checked when a session is next wanted, so
 * the pool needs no thread of its own). A session that failed in any way is closed, never returned. Thread-safe.
 */
final class SessionPool implements AutoCloseable {

    /** A connected or not-yet-connected transport with its own dialogue recorder. */
    static final class PooledSession {
        final ObservedSmtpTransport transport;
        final DialogueRecorder recorder;
        long idleSince;
        int messages;

        PooledSession(ObservedSmtpTransport transport, DialogueRecorder recorder) {
            this.transport = transport;
            this.recorder = recorder;
        }
    }

    /** Makes a new, unconnected session. */
    interface Factory {
        PooledSession create() throws MessagingException;
    }

    private final int maxConnections;
    private final Semaphore permits;
    private final Deque<PooledSession> idle = new ArrayDeque<>();
    private final long idleTimeoutNanos;
    private final Duration waitLimit;
    private final Factory factory;
    private boolean closed;

    SessionPool(int maxConnections, Duration idleTimeout, Duration waitLimit, Factory factory) {
        this.maxConnections = maxConnections;
        this.permits = new Semaphore(maxConnections, true);
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.waitLimit = waitLimit;
        this.factory = factory;
    }

    /**
     * A session for one message: an idle one (possibly no longer connected; the caller checks) or a new unconnected
     * one. Waits up to the wait limit for a free slot.
     *
     * @return the session, or null if every slot stayed busy for the whole wait limit
     */
    PooledSession borrow() throws InterruptedException, MessagingException {
        if (!permits.tryAcquire(waitLimit.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        try {
            PooledSession session = freshIdle();
            return session != null ? session : factory.create();
        } catch (MessagingException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * The sessions open now: those borrowed (connected or connecting) and the idle ones kept for reuse (an idle one the
     * server has dropped counts until it is next wanted). No I/O.
     */
    synchronized int open() {
        return maxConnections - permits.availablePermits() + idle.size();
    }

    /** Returns a healthy, connected session for reuse. */
    void giveBack(PooledSession session) {
        session.idleSince = System.nanoTime();
        boolean keep;
        synchronized (this) {
            keep = !closed;
            if (keep) {
                idle.push(session);
            }
        }
        if (!keep) {
            quit(session);
        }
        permits.release();
    }

    /** Closes a session that failed or that the caller does not want reused, and frees its slot. */
    void discard(PooledSession session) {
        quit(session);
        permits.release();
    }

    /** Closes every idle session with QUIT; sessions in use are closed when given back. Never throws. */
    @Override
    public void close() {
        Deque<PooledSession> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(SessionPool::quit);
    }

    private PooledSession freshIdle() {
        long now = System.nanoTime();
        Deque<PooledSession> expired = new ArrayDeque<>();
        PooledSession found = null;
        synchronized (this) {
            while (!idle.isEmpty()) {
                PooledSession candidate = idle.pop();
                if (now - candidate.idleSince < idleTimeoutNanos) {
                    found = candidate;
                    break;
                }
                expired.add(candidate);
            }
            // Older sessions lie below the newest one: anything left that has expired goes too.
            idle.removeIf(s -> now - s.idleSince >= idleTimeoutNanos && expired.add(s));
        }
        expired.forEach(SessionPool::quit);
        return found;
    }

    private static void quit(PooledSession session) {
        try {
            session.transport.close();
        } catch (MessagingException | RuntimeException e) {
            // QUIT is a courtesy: a session that cannot say goodbye is gone anyway.
        }
    }
}
