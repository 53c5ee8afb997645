package dev.scenarios.connector.smtp.internal.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves the server's host name within a time limit. The JDK's resolver has no timeout of its own, and Angus resolves
 * the name inside {@code connect}, where {@code connectTimeout} does not reach. Resolving first within the limit also
 * fills the JDK's address cache ({@code networkaddress.cache.ttl}, 30 s by default), so Angus's own lookup right after
 * is answered from it. Each lookup runs on a daemon thread of its own: one that hangs holds up no other.
 */
public final class HostLookup {

    /** A lookup that did not finish within its limit. */
    public static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;

        TimedOut(String host, Duration limit) {
            super("the lookup of " + host + " did not finish within " + limit.toMillis() + " ms");
        }
    }

    /** Looks a name up; the JDK's resolver unless a test gives another. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "smtp-host-lookup");
        thread.setDaemon(true);
        return thread;
    });

    private HostLookup() {}

    /**
     * The addresses of {@code host}, waiting at most {@code limit}. Does network I/O (DNS).
     *
     * @throws UnknownHostException when the name does not resolve
     * @throws TimedOut when the lookup takes longer than {@code limit}
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public static InetAddress[] resolve(String host, Duration limit) throws IOException, InterruptedException {
        return resolve(host, limit, InetAddress::getAllByName);
    }

    static InetAddress[] resolve(String host, Duration limit, Resolver resolver)
            throws IOException, InterruptedException {
        Future<InetAddress[]> lookup = LOOKUPS.submit(() -> resolver.resolve(host));
        try {
            return lookup.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new TimedOut(host, limit);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host + ": " + e.getCause());
        }
    }
}
