package dev.scenarios.connector.api;

/**
 * The standard codes of {@link ValidationResult.Problem}s, reported by the descriptor checks of
 * {@link dev.scenarios.connector.api.support.Descriptors}. A type's own rules may use other codes (e.g.
 * {@code server.protocol}): codes are strings, these are the ones every host can rely on.
 */
public enum ProblemCode {
    /** A property the type does not declare. */
    UNKNOWN("unknown"),
    /** A required property without a value. */
    REQUIRED("required"),
    /** Not {@code true} or {@code false}. */
    BOOLEAN("type.boolean"),
    /** Not a whole number. */
    INTEGER("type.integer"),
    /** A whole number outside the declared range. */
    RANGE("range"),
    /** Not one of the allowed values. */
    ENUM("type.enum"),
    /** Not a duration in the grammar of {@link dev.scenarios.connector.api.support.Durations}. */
    DURATION("type.duration"),
    /** Not an e-mail address. */
    EMAIL("type.email"),
    /** A list or an object where text was expected. */
    TEXT("type.text"),
    /** Not a list. */
    LIST("type.list"),
    /** A list item that is not an object. */
    OBJECT("type.object");

    private final String code;

    ProblemCode(String code) {
        this.code = code;
    }

    /**
     * The code as problems carry it.
     *
     * @return e.g. {@code type.enum}
     */
    public String code() {
        return code;
    }
}
