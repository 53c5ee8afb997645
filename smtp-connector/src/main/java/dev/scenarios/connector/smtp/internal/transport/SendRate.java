package dev.scenarios.connector.smtp.internal.transport;

import java.util.concurrent.TimeUnit;

/**
 * Spaces the messages of one connection evenly so that at most {@code perMinute} start in any minute (a burst would
 * trip providers' throttles, e.g. Exchange Online's 30 a minute). Senders block in {@link #acquire()} until their slot
 * comes. Thread-safe.
 */
final class SendRate {

    private final long intervalNanos;
    private long nextSlot;

    /** @param perMinute messages per minute; 0 or less means unlimited */
    SendRate(int perMinute) {
        this.intervalNanos = perMinute <= 0 ? 0 : TimeUnit.MINUTES.toNanos(1) / perMinute;
        this.nextSlot = System.nanoTime();
    }

    /** Waits for this caller's slot; returns at once when unlimited. */
    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
