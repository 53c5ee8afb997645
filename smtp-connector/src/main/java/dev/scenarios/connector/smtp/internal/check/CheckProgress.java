package dev.scenarios.connector.smtp.internal.check;

import dev.scenarios.connector.api.CheckStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The steps of one connection check in the order they run, with a timer on the current one.
 * Steps that do not apply (TLS without encryption, AUTH without authentication) are recorded as
 * skipped when reached; after a failure every remaining step is skipped. Not thread-safe.
 */
final class CheckProgress {

    private final List<String> plan;
    private final Set<String> notApplicable;
    private final List<CheckStep> steps = new ArrayList<>();
    private int current;
    private long started = System.nanoTime();

    CheckProgress(List<String> plan, Set<String> notApplicable) {
        this.plan = List.copyOf(plan);
        this.notApplicable = Set.copyOf(notApplicable);
        skipNotApplicable();
    }

    /** The step running now, or null when all are done. */
    String current() {
        return current < plan.size() ? plan.get(current) : null;
    }

    /** Passes {@code step} if it is the current one; returns whether it was. */
    boolean passIf(String step, String detail) {
        if (!step.equals(current())) {
            return false;
        }
        steps.add(new CheckStep(step, CheckStep.Status.PASSED, elapsed(), detail));
        current++;
        started = System.nanoTime();
        skipNotApplicable();
        return true;
    }

    /** Fails the current step and skips the rest. */
    void fail(String detail) {
        if (current() != null) {
            steps.add(new CheckStep(current(), CheckStep.Status.FAILED, elapsed(), detail));
            current++;
        }
        while (current() != null) {
            steps.add(new CheckStep(current(), CheckStep.Status.SKIPPED, Duration.ZERO, "not reached"));
            current++;
        }
    }

    List<CheckStep> steps() {
        return List.copyOf(steps);
    }

    private void skipNotApplicable() {
        while (current() != null && notApplicable.contains(current())) {
            steps.add(new CheckStep(current(), CheckStep.Status.SKIPPED, Duration.ZERO, "not configured"));
            current++;
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
