package dev.scenarios.connector.smtp.internal.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input with a read timeout kept by the {@link SocketWatchdog}, which closes the socket when a read blocks
 * too long; the read then fails with {@link SocketTimeoutException}, as with {@code SO_TIMEOUT}. The socket itself has
 * no {@code SO_TIMEOUT}: with one the JDK makes every read a non-blocking read, a poll and a second read, three system
 * calls where a blocking read needs one, several per message on a pooled session. A timed-out socket is closed, so the
 * session ends, as an SMTP session does after a lost reply anyway. The TLS layer reads through it too.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final Socket socket;
    private final long timeoutNanos;
    private final Callable<Void> expire = this::expire;

    DeadlineInputStream(InputStream in, Socket socket, Duration timeout) {
        super(in);
        this.socket = socket;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<Void> deadline = SocketWatchdog.shared().schedule(expire, timeoutNanos, TimeUnit.NANOSECONDS);
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (deadline.cancel(false)) {
                throw e;
            }
            throw timedOut(e);
        } catch (RuntimeException | Error e) {
            deadline.cancel(false);
            throw e;
        }
        // A read the watchdog ended may also return, as end of stream, rather than throw.
        if (!deadline.cancel(false)) {
            throw timedOut(null);
        }
        return n;
    }

    private static SocketTimeoutException timedOut(IOException cause) {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
        timeout.initCause(cause);
        return timeout;
    }

    private Void expire() throws IOException {
        socket.close();
        return null;
    }
}
