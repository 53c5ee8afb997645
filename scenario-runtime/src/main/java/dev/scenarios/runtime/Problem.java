package dev.scenarios.runtime;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a workspace, located so that a user can go and fix it. Printed as {@code file:line: object
 * property: message}, e.g. {@code paths/order.yaml:12: path order_notifications subject: placeholder {OrderNo} names no
 * declared attribute}. Never holds a secret's value.
 *
 * @param file the file's path relative to the workspace, with {@code /} separators
 * @param line the 1-based line the problem is on
 * @param object what the file describes, e.g. {@code connection mail}; empty when the file could not be read
 * @param property the property at fault, e.g. {@code headers[1].value}; empty when the problem is the object's
 * @param message what is wrong, in the language asked for
 * @param code a stable code for machines, e.g. {@code required} or {@code reference} (an unset {@code ${env:…}}), as
 *     the console's API returns it next to the field; empty when none
 */
public record Problem(String file, int line, String object, String property, String message, String code) {

    /** Orders problems by file, then line, as a user reads them. */
    public static final Comparator<Problem> IN_FILE_ORDER =
            Comparator.comparing(Problem::file).thenComparingInt(Problem::line);

    public Problem {
        Objects.requireNonNull(file, "file");
        object = object == null ? "" : object;
        property = property == null ? "" : property;
        Objects.requireNonNull(message, "message");
        code = code == null ? "" : code;
    }

    /** A problem without a code, as {@code scenario validate} prints it. */
    public Problem(String file, int line, String object, String property, String message) {
        this(file, line, object, property, message, "");
    }

    /** This problem with {@code code}; for the console, which answers with codes. */
    public Problem withCode(String code) {
        return new Problem(file, line, object, property, message, code);
    }

    /** {@code file:line: object property: message}, leaving out what is empty. */
    @Override
    public String toString() {
        String where = (object + " " + property).trim();
        return file + ":" + line + ": " + (where.isEmpty() ? "" : where + ": ") + message;
    }
}
