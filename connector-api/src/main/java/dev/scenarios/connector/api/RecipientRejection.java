package dev.scenarios.connector.api;

import java.util.Objects;

/**
 * One envelope recipient the server refused.
 *
 * @param address the recipient's address
 * @param replyCode the server's reply code, e.g. 550, or 0 if not known
 * @param reply the server's reply text, e.g. {@code 550 5.1.1 <x@example.com>: user unknown}
 */
public record RecipientRejection(String address, int replyCode, String reply) {
    public RecipientRejection {
        Objects.requireNonNull(address, "address");
        reply = reply == null ? "" : reply;
    }
}
