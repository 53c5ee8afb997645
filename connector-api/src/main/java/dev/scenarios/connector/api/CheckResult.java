package dev.scenarios.connector.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ConnectionType#check}: overall status, the failure's kind, a message the user can act on
 * (localized), an internal detail for support (e.g. the server's reply or the exception), and every step with its
 * timing. Never contains a secret. Immutable.
 */
public final class CheckResult {

    /** Whether the whole check succeeded. */
    public enum Status {
        /** Every step passed. */
        SUCCEEDED,
        /** A step failed; see {@link CheckResult#failureKind()}. */
        FAILED
    }

    /**
     * One step of a connection check, e.g. {@code tcp-connect} or {@code auth}.
     *
     * @param name a stable step id, for journals and machines
     * @param title the step's title for people, e.g. "TCP connection"
     * @param status whether the step passed, failed or was not reached
     * @param elapsed how long the step took (zero when skipped)
     * @param detail what the step saw, in the reader's language, e.g. "server replied: «250 OK»": the connector's own
     *     words are localized, data (addresses, a server's reply) is wrapped in them as it is; never a secret;
     *     {@linkplain LocalizedMessage#verbatim empty} when there is nothing to say
     */
    public record Step(String name, LocalizedMessage title, Status status, Duration elapsed, LocalizedMessage detail) {

        private static final LocalizedMessage NOTHING = LocalizedMessage.verbatim("");

        /** The outcome of one step. */
        public enum Status {
            /** The step did what it should. */
            PASSED,
            /** The step failed; later steps are skipped. */
            FAILED,
            /** The step was not reached or does not apply. */
            SKIPPED
        }

        /**
         * Checks that no component but {@code detail} is null; a null detail becomes empty.
         *
         * @param name the step id
         * @param title the step's title
         * @param status the step's outcome
         * @param elapsed the step's duration
         * @param detail what the step saw, or null
         */
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(elapsed, "elapsed");
            detail = detail == null ? NOTHING : detail;
        }

        /**
         * A step whose detail is only data, the same in every language (e.g. the resolved addresses).
         *
         * @param name the step id
         * @param title the step's title
         * @param status the step's outcome
         * @param elapsed the step's duration
         * @param data what the step saw, shown as it is; null counts as empty
         */
        public Step(String name, LocalizedMessage title, Status status, Duration elapsed, String data) {
            this(name, title, status, elapsed, LocalizedMessage.verbatim(data == null ? "" : data));
        }

        /**
         * What the step saw, in a language.
         *
         * @param locale the reader's language
         * @return the detail in {@code locale}, possibly empty
         */
        public String detail(Locale locale) {
            return detail.in(locale);
        }
    }

    private final Status status;
    private final FailureKind failureKind;
    private final LocalizedMessage message;
    private final String detail;
    private final List<Step> steps;

    private CheckResult(
            Status status, FailureKind failureKind, LocalizedMessage message, String detail, List<Step> steps) {
        this.status = status;
        this.failureKind = failureKind;
        this.message = Objects.requireNonNull(message, "message");
        this.detail = detail == null ? "" : detail;
        this.steps = List.copyOf(steps);
    }

    /**
     * A check that succeeded.
     *
     * @param message what to tell the user
     * @param detail what support needs; null counts as empty
     * @param steps every step, in order
     * @return the result
     */
    public static CheckResult succeeded(LocalizedMessage message, String detail, List<Step> steps) {
        return new CheckResult(Status.SUCCEEDED, null, message, detail, steps);
    }

    /**
     * A check that failed.
     *
     * @param kind why it failed
     * @param message what to tell the user, e.g. "the server does not offer STARTTLS"
     * @param detail what support needs; null counts as empty
     * @param steps every step, in order, the failed one and those skipped after it included
     * @return the result
     */
    public static CheckResult failed(FailureKind kind, LocalizedMessage message, String detail, List<Step> steps) {
        return new CheckResult(Status.FAILED, Objects.requireNonNull(kind, "kind"), message, detail, steps);
    }

    /**
     * The overall status.
     *
     * @return succeeded or failed
     */
    public Status status() {
        return status;
    }

    /**
     * Whether the check succeeded.
     *
     * @return true for {@link Status#SUCCEEDED}
     */
    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /**
     * Why the check failed.
     *
     * @return the failure's kind; empty when the check succeeded
     */
    public Optional<FailureKind> failureKind() {
        return Optional.ofNullable(failureKind);
    }

    /**
     * What to tell the user, e.g. "the server does not offer STARTTLS".
     *
     * @return the message
     */
    public LocalizedMessage message() {
        return message;
    }

    /**
     * What to tell the user, in a language.
     *
     * @param locale the reader's language
     * @return the message in {@code locale}
     */
    public String message(Locale locale) {
        return message.in(locale);
    }

    /**
     * What support needs: the server's reply, the exception's class and text.
     *
     * @return the detail, possibly empty
     */
    public String detail() {
        return detail;
    }

    /**
     * The steps in the order they ran.
     *
     * @return the steps, possibly none
     */
    public List<Step> steps() {
        return steps;
    }

    /**
     * The sum of the steps' times.
     *
     * @return the total duration
     */
    public Duration elapsed() {
        return steps.stream().map(Step::elapsed).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return "CheckResult[" + status + (failureKind == null ? "" : " " + failureKind) + ": " + message + "]";
    }
}
