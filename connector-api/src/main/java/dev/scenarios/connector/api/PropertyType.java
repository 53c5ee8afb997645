package dev.scenarios.connector.api;

/** The kind of value a property holds, which decides how it is validated and rendered. */
public enum PropertyType {
    /** One line of text. */
    STRING,
    /** Several lines of text, e.g. a message body template. */
    TEXT,
    /** A whole number; see {@link PropertyDescriptor#minimum()} and {@link PropertyDescriptor#maximum()}. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of {@link PropertyDescriptor#allowedValues()}. */
    ENUM,
    /** One e-mail address, optionally with a display name: {@code Name <a@example.com>}. */
    EMAIL,
    /** Comma-separated e-mail addresses, or a list of them. */
    EMAIL_LIST,
    /** A duration written {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT15S}. */
    DURATION,
    /**
     * A path to a file: absolute, or relative to the host's {@link ConnectorContext#baseDirectory()} (the scenario
     * runtime: the workspace).
     */
    FILE,
    /** A list of objects, each described by {@link PropertyDescriptor#items()}. */
    OBJECT_LIST,
    /**
     * One object (a YAML mapping) whose fields {@link PropertyDescriptor#items()} describe, e.g. a group of retry
     * settings.
     */
    OBJECT
}
