package dev.scenarios.connector.smtp.internal.transport;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The SMTP sessions of one connection, reused across messages: at most {@code maxConnections} at once, shared out among
 * the host's lanes by {@link LaneSlots} (any idle session serves any lane: only the slots are shared out), idle ones
 * kept newest-first and closed with QUIT once idle longer than the idle timeout (checked when a session is next wanted,
 * so the pool needs no thread of its own). A session that failed in any way is closed, never returned. Thread-safe.
 */
final class SessionPool implements AutoCloseable {

    /** A connected or not-yet-connected transport with its own dialogue recorder. */
    static final class PooledSession {
        final ObservedSmtpTransport transport;
        final DialogueRecorder recorder;
        long idleSince;
        int messages;
        /** The lane whose slot this session holds while borrowed. */
        int lane;

        PooledSession(ObservedSmtpTransport transport, DialogueRecorder recorder) {
            this.transport = transport;
            this.recorder = recorder;
        }
    }

    /** Makes a new, unconnected session. */
    interface Factory {
        PooledSession create() throws MessagingException;
    }

    private final LaneSlots slots;
    private final Deque<PooledSession> idle = new ArrayDeque<>();
    private final long idleTimeoutNanos;
    private final Duration waitLimit;
    private final Factory factory;
    private boolean closed;

    SessionPool(int maxConnections, Duration idleTimeout, Duration waitLimit, Factory factory) {
        this.slots = new LaneSlots(maxConnections);
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.waitLimit = waitLimit;
        this.factory = factory;
    }

    /** Gives {@code lane} its share of the slots from now on, before its first message (see {@link LaneSlots}). */
    void use(int lane) {
        slots.use(lane);
    }

    /**
     * A session for one message of {@code lane}: an idle one (possibly no longer connected; the caller checks) or a new
     * unconnected one. Waits up to the wait limit for a free slot of the lane's share.
     *
     * @return the session, or null if the lane's share stayed busy for the whole wait limit
     */
    PooledSession borrow(int lane) throws InterruptedException, MessagingException {
        if (!slots.acquire(lane, waitLimit.toNanos())) {
            return null;
        }
        try {
            PooledSession session = freshIdle();
            session = session != null ? session : factory.create();
            session.lane = lane;
            return session;
        } catch (MessagingException | RuntimeException e) {
            slots.release(lane);
            throw e;
        }
    }

    /**
     * The sessions open now: those borrowed (connected or connecting) and the idle ones kept for reuse (an idle one the
     * server has dropped counts until it is next wanted). No I/O.
     */
    synchronized int open() {
        return slots.taken() + idle.size();
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
        slots.release(session.lane);
    }

    /** Closes a session that failed or that the caller does not want reused, and frees its slot. */
    void discard(PooledSession session) {
        quit(session);
        slots.release(session.lane);
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
