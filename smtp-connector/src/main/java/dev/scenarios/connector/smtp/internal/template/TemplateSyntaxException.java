package dev.scenarios.connector.smtp.internal.template;

/**
 * A template that cannot be parsed: an unclosed or unmatched brace, or a placeholder that is not an attribute name.
 * Carries the position so validation can point the author at it.
 */
public final class TemplateSyntaxException extends IllegalArgumentException {

    /** What is wrong, as a stable id that selects the localized text. */
    public enum Reason {
        UNCLOSED_BRACE,
        UNMATCHED_CLOSING_BRACE,
        INVALID_PLACEHOLDER
    }

    private final Reason reason;
    private final int line;
    private final int column;

    TemplateSyntaxException(Reason reason, int line, int column) {
        super(reason + " at line " + line + ", column " + column);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public Reason reason() {
        return reason;
    }

    /** The 1-based line of the offending brace within the template. */
    public int line() {
        return line;
    }

    /** The 1-based column of the offending brace within its line. */
    public int column() {
        return column;
    }
}
