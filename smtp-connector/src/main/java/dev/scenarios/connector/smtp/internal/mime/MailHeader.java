package dev.scenarios.connector.smtp.internal.mime;

/**
 * One custom header of an outgoing message, already checked against the allow-list and for line breaks.
 *
 * @param name e.g. {@code X-Order}
 * @param value the unencoded value; non-ASCII text is RFC 2047 encoded when written
 */
public record MailHeader(String name, String value) {}
