package dev.scenarios.connector.imap.internal.receive;

import dev.scenarios.connector.api.Configuration;

/**
 * The values of a valid {@code imap-receive} path. Pure.
 *
 * @param systemName the path's system name
 * @param folder the folder mails are received from
 * @param moveAfterSuccess true to move a mail whose scenario succeeded to {@code processedFolder}, false to delete it
 *     (or, when {@code keyword} is set, to flag it)
 * @param processedFolder where succeeded mails go
 * @param failureFolder where a mail goes after {@code maxFailures} failed scenarios, or when it cannot be read
 * @param maxFailures how many failed scenarios a mail gets
 * @param maxMessageSize the largest mail (RFC822.SIZE, bytes) handed to a scenario
 * @param filter which mails of the folder are handed at all
 * @param keyword with {@code afterSuccess: keyword}, the IMAP keyword set on a mail whose scenario succeeded (the mail
 *     stays in the folder); null otherwise
 */
public record ReceiveSettings(
        String systemName,
        String folder,
        boolean moveAfterSuccess,
        String processedFolder,
        String failureFolder,
        int maxFailures,
        int maxMessageSize,
        MailFilter filter,
        String keyword) {

    /** Reads a configuration that validated. */
    public static ReceiveSettings from(Configuration c) {
        String afterSuccess = c.string("afterSuccess");
        String keyword = "keyword".equals(afterSuccess) ? c.string("keyword") : null;
        return new ReceiveSettings(
                c.string("systemName"),
                c.string("folder"),
                "move".equals(afterSuccess),
                c.string("processedFolder"),
                c.string("failureFolder"),
                c.integer("maxFailures"),
                c.integer("maxMessageSize"),
                new MailFilter(
                        blankToNull(c.string("from")),
                        blankToNull(c.string("subjectContains")),
                        c.bool("unseenOnly"),
                        keyword),
                keyword);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
