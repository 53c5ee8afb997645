package dev.scenarios.connector.smtp.internal.transport;

import javax.net.ssl.SSLSocket;

/**
 * What the socket factories of a mail session report, so a connection check can time the TCP connect and read the TLS
 * session. Called on the thread that connects.
 */
public interface SocketEvents {

    /** Reports nothing: used by sessions that send. */
    SocketEvents NONE = new SocketEvents() {};

    /** The TCP connection is established. */
    default void connected() {}

    /** A TLS socket was layered over the connection; its handshake follows at once. */
    default void tlsLayered(SSLSocket socket) {}
}
