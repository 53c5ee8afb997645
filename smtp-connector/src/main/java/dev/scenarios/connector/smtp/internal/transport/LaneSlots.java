package dev.scenarios.connector.smtp.internal.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The session slots of one connection shared out among the host's lanes (the scenario runtime's data buses), so that a
 * backlog on one lane never holds every session while another lane waits:
 *
 * <ul>
 *   <li>with at least as many slots as lanes in use, each lane in use has one slot of its own and the rest are shared
 *       first come, first served;
 *   <li>with fewer, the lowest-numbered lanes have one each and the others share the one slot left (a single slot is
 *       shared by all).
 * </ul>
 *
 * A lane is in use from its first {@link #use} or {@link #acquire} on. Never more than {@code slots} are taken at once.
 * {@link SessionPool} holds one; thread-safe, no I/O.
 */
final class LaneSlots {

    private final int slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final TreeSet<Integer> lanes = new TreeSet<>();
    /** Slots taken, by lane. */
    private final Map<Integer, Integer> taken = new HashMap<>();
    /** The lanes with a slot of their own, recomputed when a lane comes into use. */
    private final TreeSet<Integer> reserved = new TreeSet<>();

    private int total;

    LaneSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a connection needs at least one session slot, not " + slots);
        }
        this.slots = slots;
    }

    /** Counts {@code lane} as in use from now on, so that it has its share before its first message. */
    void use(int lane) {
        lock.lock();
        try {
            if (lanes.add(lane)) {
                reserved.clear();
                int own = lanes.size() <= slots ? lanes.size() : slots - 1;
                lanes.stream().limit(own).forEach(reserved::add);
                // A lane that lost its own slot, or a new share, may let a waiter in.
                freed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a slot for {@code lane}, waiting up to {@code nanos} for one of its share.
     *
     * @return whether a slot was taken; the caller {@linkplain #release releases} it
     */
    boolean acquire(int lane, long nanos) throws InterruptedException {
        use(lane);
        lock.lockInterruptibly();
        try {
            long left = nanos;
            while (!mayTake(lane)) {
                if (left <= 0) {
                    return false;
                }
                left = freed.awaitNanos(left);
            }
            taken.merge(lane, 1, Integer::sum);
            total++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a slot {@link #acquire} took for {@code lane}. */
    void release(int lane) {
        lock.lock();
        try {
            taken.merge(lane, -1, Integer::sum);
            total--;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many slots are taken now, by every lane together. No I/O. */
    int taken() {
        lock.lock();
        try {
            return total;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@code lane} may take a slot now: never past the connection's cap; its own slot if it has one free; else
     * a shared one, the slots beyond the lanes' own.
     */
    private boolean mayTake(int lane) {
        if (total >= slots) {
            return false;
        }
        if (reserved.contains(lane) && taken.getOrDefault(lane, 0) == 0) {
            return true;
        }
        int sharedTaken = 0;
        for (Map.Entry<Integer, Integer> e : taken.entrySet()) {
            sharedTaken += Math.max(0, e.getValue() - (reserved.contains(e.getKey()) ? 1 : 0));
        }
        // Own slots not taken are held back for their lanes: only the rest is shared.
        return sharedTaken < slots - reserved.size();
    }
}
