package dev.scenarios.connector.api;

/** Why a check or a send failed, coarse enough for a host to choose an icon or a retry policy. */
public enum FailureKind {
    /** The settings are invalid or contradictory; nothing was sent over the network. */
    CONFIGURATION,
    /** The connection is disabled; nothing was sent over the network. */
    DISABLED,
    /** The host name does not resolve, or the server refused or dropped the TCP connection. */
    UNREACHABLE,
    /**
     * The TLS handshake failed: wrong encryption for the port, untrusted certificate, wrong host name, or STARTTLS not
     * offered.
     */
    TLS,
    /** The server refused the credentials, or offers no mechanism the configuration allows. */
    AUTHENTICATION,
    /** The server refused the sender address ({@code MAIL FROM}). */
    SENDER_REJECTED,
    /** The server refused every recipient ({@code RCPT TO}). */
    RECIPIENT_REJECTED,
    /** The server refused the message content ({@code DATA}), e.g. too large or considered spam. */
    MESSAGE_REJECTED,
    /** The server did not answer within the configured timeout. */
    TIMEOUT,
    /** The server answered with something the protocol does not allow, or closed the session unexpectedly. */
    PROTOCOL,
    /** A failure not covered by the other kinds; see the detail. */
    OTHER
}
