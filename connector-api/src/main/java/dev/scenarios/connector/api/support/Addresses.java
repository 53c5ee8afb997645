package dev.scenarios.connector.api.support;

import java.util.regex.Pattern;

/**
 * A syntax check of e-mail addresses good enough for form validation without a mail library: {@code local@domain} or
 * {@code Name <local@domain>}, RFC 5322 dot-atom local parts, and domains of letters (any script), digits and hyphens.
 * Connectors may check more strictly.
 */
final class Addresses {

    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    private static final Pattern ADDR_SPEC =
            Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern NAME_ADDR = Pattern.compile("[^<>\\r\\n\\x00]*<([^<>]+)>");

    private Addresses() {}

    /** Whether {@code text} is one mailbox: an address with an optional display name. */
    static boolean isMailbox(String text) {
        String s = text.trim();
        var m = NAME_ADDR.matcher(s);
        return ADDR_SPEC.matcher(m.matches() ? m.group(1).trim() : s).matches();
    }
}
