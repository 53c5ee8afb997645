package dev.scenarios.connector.smtp.internal.transport;

import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces socket timeouts without waking a thread per socket operation: the write timeout, for which Angus takes it as
 * {@code mail.smtp.executor.writetimeout}, and the read timeout of the sockets this connector creates
 * ({@link DeadlineInputStream}). Angus schedules a task that closes the socket before every write and cancels it after;
 * its own {@code ScheduledThreadPoolExecutor} wakes its timer thread for each of those (a write's task is always the
 * earliest), which on loopback cost ten context switches per message and about a quarter of the throughput. Here a
 * scheduled task is only an entry in a set; one daemon thread looks at the set every {@link #TICK_NANOS} and runs the
 * tasks whose time has come, so a timeout fires between its delay and its delay plus one tick.
 *
 * <p>Only {@code schedule} is offered, which is all Angus calls; the other executor methods throw
 * {@link UnsupportedOperationException}. One instance serves the JVM: its thread starts with the first task and ends
 * after {@link #IDLE_NANOS} without any.
 */
public final class SocketWatchdog extends AbstractExecutorService implements ScheduledExecutorService {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final SocketWatchdog SHARED = new SocketWatchdog();

    private final Set<Deadline<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();

    private SocketWatchdog() {}

    /** The JVM's watchdog. Starts no thread until a task is scheduled. */
    public static SocketWatchdog shared() {
        return SHARED;
    }

    /** How many tasks wait for their time; for tests. */
    int pending() {
        return pending.size();
    }

    /**
     * Registers {@code task} to run on the watchdog thread once {@code delay} has passed, unless it is cancelled first.
     * Called before every socket read or write; no I/O, wakes no thread.
     */
    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        Deadline<V> deadline = new Deadline<>(task, System.nanoTime() + unit.toNanos(delay), pending);
        pending.add(deadline);
        if (!watching.get() && watching.compareAndSet(false, true)) {
            Thread thread = new Thread(this::watch, "smtp-socket-timeouts");
            thread.setDaemon(true);
            thread.start();
        }
        return deadline;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(Executors.callable(task), delay, unit);
    }

    private void watch() {
        long busySince = System.nanoTime();
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            if (!pending.isEmpty()) {
                busySince = now;
                for (Deadline<?> deadline : pending) {
                    if (now - deadline.at >= 0 && pending.remove(deadline)) {
                        deadline.fire();
                    }
                }
            } else if (now - busySince >= IDLE_NANOS) {
                watching.set(false);
                // A task scheduled while this thread was stopping saw it running and started none.
                if (pending.isEmpty() || !watching.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /** A scheduled task: its time, and whether the watchdog has started running it. */
    private static final class Deadline<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long at;
        private final Set<Deadline<?>> pending;
        private volatile boolean fired;

        Deadline(Callable<V> task, long at, Set<Deadline<?>> pending) {
            super(task);
            this.at = at;
            this.pending = pending;
        }

        void fire() {
            fired = true;
            run();
        }

        /**
         * Fails once the watchdog has started the task, so that the caller, whose read or write then failed, reports
         * the timeout rather than the closed socket. Never interrupts the watchdog.
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (fired) {
                return false;
            }
            pending.remove(this);
            return super.cancel(false);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the write watchdog runs one-shot tasks only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the write watchdog runs one-shot tasks only");
    }

    @Override
    public void execute(Runnable command) {
        throw new UnsupportedOperationException("the write watchdog runs scheduled tasks only");
    }

    @Override
    public void shutdown() {
        throw new UnsupportedOperationException(
                "the write watchdog serves the whole JVM and stops by itself when idle");
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException(
                "the write watchdog serves the whole JVM and stops by itself when idle");
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException(
                "the write watchdog serves the whole JVM and stops by itself when idle");
    }
}
