package dev.scenarios.connector.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ConnectionType#check}: overall status, the failure's kind, a message the
 * user can act on (localized), an internal detail for support (e.g. the server's reply or the
 * exception), and every step with its timing. Never contains a secret.
 */
public final class CheckResult {

    /** Whether the whole check succeeded. */
    public enum Status { SUCCEEDED, FAILED }

    private final Status status;
    private final FailureKind failureKind;
    private final LocalizedMessage message;
    private final String detail;
    private final List<CheckStep> steps;

    private CheckResult(Status status, FailureKind failureKind, LocalizedMessage message, String detail, List<CheckStep> steps) {
        this.status = status;
        this.failureKind = failureKind;
        this.message = Objects.requireNonNull(message, "message");
        this.detail = detail == null ? "" : detail;
        this.steps = List.copyOf(steps);
    }

    public static CheckResult succeeded(LocalizedMessage message, String detail, List<CheckStep> steps) {
        return new CheckResult(Status.SUCCEEDED, null, message, detail, steps);
    }

    public static CheckResult failed(FailureKind kind, LocalizedMessage message, String detail, List<CheckStep> steps) {
        return new CheckResult(Status.FAILED, Objects.requireNonNull(kind, "kind"), message, detail, steps);
    }

    public Status status() {
        return status;
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** Why the check failed; empty when it succeeded. */
    public Optional<FailureKind> failureKind() {
        return Optional.ofNullable(failureKind);
    }

    /** What to tell the user, e.g. "the server does not offer STARTTLS". */
    public LocalizedMessage message() {
        return message;
    }

    public String message(Locale locale) {
        return message.in(locale);
    }

    /** What support needs: the server's reply, the exception's class and text. */
    public String detail() {
        return detail;
    }

    public List<CheckStep> steps() {
        return steps;
    }

    /** The sum of the steps' times. */
    public Duration elapsed() {
        return steps.stream().map(CheckStep::elapsed).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return "CheckResult[" + status + (failureKind == null ? "" : " " + failureKind) + ": " + message + "]";
    }
}
