package dev.scenarios.connector.imap.internal.receive;

import java.time.Duration;

/**
 * How a receiving path waits for mail and for its server, from its connection's settings. Pure.
 *
 * @param pollInterval how often to look for mail without IDLE; also the longest backoff before reconnecting
 * @param idle whether to use IDLE when the server offers it
 * @param idleTimeout how long an IDLE may hear nothing before it is ended, the folder polled and IDLE issued again; at
 *     most 10 minutes
 * @param unreadyAfter how long the path may stay disconnected before the host counts it as down
 */
public record SessionTiming(Duration pollInterval, boolean idle, Duration idleTimeout, Duration unreadyAfter) {}
