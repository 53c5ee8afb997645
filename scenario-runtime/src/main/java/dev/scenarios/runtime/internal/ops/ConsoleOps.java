package dev.scenarios.runtime.internal.ops;

import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.internal.delivery.WorkspaceQueue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * Health and metrics of the console ({@code scenario serve}): the console runs no scenario, so it is ready as soon as
 * it answers, and its metrics are the workspace queue's gauges (the queue a {@code scenario run} on the same workspace
 * fills) and, with {@code --dev-inbox}, the messages the dev inbox accepted.
 */
public final class ConsoleOps {

    private ConsoleOps() {}

    /**
     * The endpoints of the console whose queue is {@code queue} (the store {@code workspace.yaml} names, shared with
     * the console's API); {@code inbox} may be null. No I/O until scraped.
     */
    public static OpsEndpoints endpoints(WorkspaceQueue queue, DevInbox inbox) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueueGauges.register(registry, () -> queue.store().queue(), Clock.systemUTC());
        if (inbox != null) {
            FunctionCounter.builder("scenario.dev.inbox.messages", inbox, DevInbox::acceptedCount)
                    .description("Messages the dev inbox accepted since the start")
                    .register(registry);
        }
        Map<String, Object> noScenarios = Map.of("scenarios", "NONE");
        return new OpsEndpoints(
                registry, () -> OpsEndpoints.Health.UP, () -> new OpsEndpoints.Health(true, noScenarios));
    }
}
