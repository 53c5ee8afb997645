package dev.scenarios.runtime.internal.delivery;

/**
 * What one delivery attempt means for the message (RFC 5321 reply classes plus the network's own failures). Decides
 * whether the runtime tries again.
 */
public enum Outcome {
    /** The server took the message for every recipient still owed it (2yz after the final dot). */
    SENT,
    /** Trying the same message again cannot help: 5yz, bad address, authentication, TLS, configuration, disabled. */
    PERMANENT,
    /**
     * Trying later may help, and nothing was delivered: 4yz (421 included), refused connection, timeout before the data
     * ended.
     */
    TRANSIENT,
    /**
     * The connection was lost or timed out after the final dot: the server may have the message; a retry may duplicate
     * it.
     */
    AMBIGUOUS
}
