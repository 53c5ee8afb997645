package dev.scenarios.connector.imap.internal.receive;

import dev.scenarios.connector.api.Configuration;

/**
 * The values of a valid {@code imap-receive} path. Pure.
 *
 * @param systemName the path's system name
 * @param folder the folder mails are received from
 * @param moveAfterSuccess true to move a mail whose scenario succeeded to {@code processedFolder}, false to delete it
 * @param processedFolder where succeeded mails go
 * @param failureFolder where a mail goes after {@code maxFailures} failed scenarios, or when it cannot be read
 * @param maxFailures how many failed scenarios a mail gets
 * @param maxMessageSize the largest mail (RFC822.SIZE, bytes) handed to a scenario
 */
public record ReceiveSettings(
        String systemName,
        String folder,
        boolean moveAfterSuccess,
        String processedFolder,
        String failureFolder,
        int maxFailures,
        int maxMessageSize) {

    /** Reads a configuration that validated. */
    public static ReceiveSettings from(Configuration c) {
        return new ReceiveSettings(
                c.string("systemName"),
                c.string("folder"),
                "move".equals(c.string("afterSuccess")),
                c.string("processedFolder"),
                c.string("failureFolder"),
                c.integer("maxFailures"),
                c.integer("maxMessageSize"));
    }
}
