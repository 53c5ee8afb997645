package dev.scenarios.runtime.internal.console;

/**
 * One validation problem as the API returns it (HTTP 422) and the page shows it next to its field.
 *
 * @param property the property at fault, e.g. {@code port} or {@code headers[1].value}
 * @param code a stable code, e.g. {@code required}, {@code reference} (an unset {@code ${env:…}})
 * @param message the text in the requested language; never a secret's value
 */
record FieldProblem(String property, String code, String message) {
}
