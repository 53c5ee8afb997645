package dev.scenarios.connector.smtp.internal.check;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The steps of one connection check in the order they run, with a timer on the current one. Steps that do not apply
 * (TLS without encryption, AUTH without authentication) are recorded as skipped when reached; after a failure every
 * remaining step is skipped. Not thread-safe.
 */
final class CheckProgress {

    private final Messages messages;
    private final List<String> plan;
    private final Set<String> notApplicable;
    private final List<CheckResult.Step> steps = new ArrayList<>();
    private int current;
    private long started = System.nanoTime();

    /**
     * {@code messages} hold each step's title under {@code step.<name>} and the skipped steps' details under
     * {@code check.detail.notReached} and {@code check.detail.notConfigured}.
     */
    CheckProgress(Messages messages, List<String> plan, Set<String> notApplicable) {
        this.messages = messages;
        this.plan = List.copyOf(plan);
        this.notApplicable = Set.copyOf(notApplicable);
        skipNotApplicable();
    }

    /** The step running now, or null when all are done. */
    String current() {
        return current < plan.size() ? plan.get(current) : null;
    }

    /** Passes {@code step} if it is the current one; returns whether it was. */
    boolean passIf(String step, LocalizedMessage detail) {
        if (!step.equals(current())) {
            return false;
        }
        steps.add(step(step, CheckResult.Step.Status.PASSED, elapsed(), detail));
        current++;
        started = System.nanoTime();
        skipNotApplicable();
        return true;
    }

    /** Fails the current step and skips the rest. */
    void fail(LocalizedMessage detail) {
        if (current() != null) {
            steps.add(step(current(), CheckResult.Step.Status.FAILED, elapsed(), detail));
            current++;
        }
        while (current() != null) {
            steps.add(step(
                    current(),
                    CheckResult.Step.Status.SKIPPED,
                    Duration.ZERO,
                    messages.message("check.detail.notReached")));
            current++;
        }
    }

    List<CheckResult.Step> steps() {
        return List.copyOf(steps);
    }

    private void skipNotApplicable() {
        while (current() != null && notApplicable.contains(current())) {
            steps.add(step(
                    current(),
                    CheckResult.Step.Status.SKIPPED,
                    Duration.ZERO,
                    messages.message("check.detail.notConfigured")));
            current++;
        }
    }

    private CheckResult.Step step(
            String name, CheckResult.Step.Status status, Duration elapsed, LocalizedMessage detail) {
        return new CheckResult.Step(name, messages.message("step." + name), status, elapsed, detail);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
