package dev.scenarios.connector.smtp.internal.mime;

/** The characters that must never reach a header value: CR, LF and NUL (header injection). */
public final class HeaderValues {

    private HeaderValues() {}

    /** Whether {@code value} contains CR, LF or NUL. Pure. */
    public static boolean hasForbiddenCharacter(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0;
    }
}
