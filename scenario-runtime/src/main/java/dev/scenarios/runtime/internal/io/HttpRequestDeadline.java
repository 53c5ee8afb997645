package dev.scenarios.runtime.internal.io;

/**
 * The time a client has to send a whole request to one of the runtime's HTTP servers (the console, the management
 * port): the JDK server's {@code sun.net.httpserver.maxReqTime}, which it reads once, when its first server starts.
 * Every server of the runtime calls {@link #apply()} before it creates one, so whichever starts first, slow clients are
 * cut off.
 */
public final class HttpRequestDeadline {

    /** Seconds a client has to send a whole request. */
    public static final int SECONDS = 10;

    private HttpRequestDeadline() {}

    /** Sets the deadline unless the operator set {@code sun.net.httpserver.maxReqTime} already. */
    public static void apply() {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(SECONDS));
        }
    }
}
