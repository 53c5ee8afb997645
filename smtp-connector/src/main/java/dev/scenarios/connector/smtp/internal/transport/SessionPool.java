package dev.scenarios.connector.smtp.internal.transport;

import dev.scenarios.connector.api.SharedLimits;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP sessions of one connection, reused across messages: at most {@code maxConnections} at once, shared out among
 * the host's lanes by {@link LaneSlots} (any idle session serves any lane: only the slots are shared out), idle ones
 * kept newest-first and closed with QUIT once idle longer than the idle timeout (checked when a session is next wanted,
 * so the pool needs no thread of its own). A session that failed in any way is closed, never returned.
 *
 * <p>When the host shares the connection's limits with other processes ({@link SharedLimits}), each session also holds
 * one of the shared slots from before it is made until it is closed, and a session whose slot another process wants is
 * closed when given back instead of kept idle: an idle session is a connection the server counts. Idle sessions are
 * then also looked at every {@value #SWEEP_MILLIS} ms by one daemon thread shared by all pools, so that a process that
 * stopped sending does not keep slots the others wait for. Thread-safe.
 */
final class SessionPool implements AutoCloseable {

    /** How often idle sessions holding shared slots are asked whether to give them up. */
    static final long SWEEP_MILLIS = 200;

    /** How long one ask for a shared slot waits before the pool looks at its idle sessions again. */
    private static final long SLOT_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-shared-slot-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** A connected or not-yet-connected transport with its own dialogue recorder. */
    static final class PooledSession {
        final ObservedSmtpTransport transport;
        final DialogueRecorder recorder;
        long idleSince;
        int messages;
        /** The lane whose slot this session holds while borrowed. */
        int lane;
        /** The shared slot this session holds, or null when the host shares no limits. */
        SharedLimits.SessionSlot shared;

        PooledSession(ObservedSmtpTransport transport, DialogueRecorder recorder) {
            this.transport = transport;
            this.recorder = recorder;
        }
    }

    /** Makes a new, unconnected session. */
    interface Factory {
        PooledSession create() throws MessagingException;
    }

    /** Takes a shared session slot within a wait; see {@link SharedLimits#session}. */
    interface SharedSlots {
        /** @return the slot, or null when none came free within {@code wait} */
        SharedLimits.SessionSlot take(Duration wait) throws IOException, InterruptedException;
    }

    private final LaneSlots slots;
    private final Deque<PooledSession> idle = new ArrayDeque<>();
    private final long idleTimeoutNanos;
    private final Duration waitLimit;
    private final Factory factory;
    private final SharedSlots shared;
    private final ScheduledFuture<?> sweep;
    private boolean closed;

    /** A pool whose limit is this process's alone. */
    SessionPool(int maxConnections, Duration idleTimeout, Duration waitLimit, Factory factory) {
        this(maxConnections, idleTimeout, waitLimit, factory, null);
    }

    /** @param shared the host's shared slots, or null when the host shares no limits */
    SessionPool(int maxConnections, Duration idleTimeout, Duration waitLimit, Factory factory, SharedSlots shared) {
        this.slots = new LaneSlots(maxConnections);
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.waitLimit = waitLimit;
        this.factory = factory;
        this.shared = shared;
        this.sweep = shared == null
                ? null
                : SWEEPER.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Gives {@code lane} its share of the slots from now on, before its first message (see {@link LaneSlots}). */
    void use(int lane) {
        slots.use(lane);
    }

    /**
     * A session for one message of {@code lane}: an idle one (possibly no longer connected; the caller checks) or a new
     * unconnected one. Waits up to the wait limit for a free slot of the lane's share.
     *
     * <p>With shared limits a new session first takes a shared slot within what is left of the wait limit.
     *
     * @return the session, or null if the lane's share (or the shared slots) stayed busy for the whole wait limit
     * @throws IOException when the host cannot tell whether a shared slot is free
     */
    PooledSession borrow(int lane) throws InterruptedException, MessagingException, IOException {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        if (!slots.acquire(lane, waitLimit.toNanos())) {
            return null;
        }
        SharedLimits.SessionSlot slot = null;
        try {
            while (true) {
                PooledSession session = freshIdle();
                if (session != null) {
                    session.lane = lane;
                    return session;
                }
                if (shared == null) {
                    break;
                }
                // A little at a time: a session of this pool given back meanwhile holds a slot already.
                long left = deadline - System.nanoTime();
                slot = shared.take(Duration.ofNanos(Math.max(0, Math.min(left, SLOT_WAIT_NANOS))));
                if (slot != null) {
                    break;
                }
                if (left <= SLOT_WAIT_NANOS) {
                    slots.release(lane);
                    return null;
                }
            }
            PooledSession created = factory.create();
            created.lane = lane;
            created.shared = slot;
            return created;
        } catch (MessagingException | IOException | InterruptedException | RuntimeException e) {
            if (slot != null) {
                slot.close();
            }
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
        // Asked before taking the pool's lock: it may do I/O.
        boolean wanted = session.shared != null && session.shared.giveUp();
        boolean keep;
        synchronized (this) {
            keep = !closed && !wanted;
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
        if (sweep != null) {
            sweep.cancel(false);
        }
        Deque<PooledSession> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(SessionPool::quit);
    }

    /**
     * Closes the idle sessions whose shared slot another process wants, or that idled past the idle timeout. Runs on
     * the sweeper thread; never throws.
     */
    private void sweep() {
        try {
            List<PooledSession> candidates;
            synchronized (this) {
                candidates = new ArrayList<>(idle);
            }
            long now = System.nanoTime();
            for (PooledSession s : candidates) {
                boolean expired = now - s.idleSince >= idleTimeoutNanos;
                if (expired || (s.shared != null && s.shared.giveUp())) {
                    boolean removed;
                    synchronized (this) {
                        removed = idle.remove(s);
                    }
                    if (removed) {
                        quit(s);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The next sweep tries again; a sweep never ends the sweeper.
        }
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

    /** Closes {@code session} with QUIT, then frees its shared slot: never before the server saw it go. */
    private static void quit(PooledSession session) {
        try {
            session.transport.close();
        } catch (MessagingException | RuntimeException e) {
            // QUIT is a courtesy: a session that cannot say goodbye is gone anyway.
        } finally {
            if (session.shared != null) {
                session.shared.close();
                session.shared = null;
            }
        }
    }
}
