package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.PathDefinition;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.internal.delivery.QueuedDelivery;
import dev.scenarios.runtime.internal.workspace.PathSourceOptions;
import dev.scenarios.runtime.internal.workspace.PathStepOptions;
import dev.scenarios.runtime.internal.workspace.StepResponses;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The Camel component {@code path}: {@code to: path:<systemName>} sends one message through that data transfer path;
 * {@code from: path:<systemName>} of a receiving path starts the route with each item the path receives
 * ({@link PathConsumer}); {@code ?messageVariable=…&ignoreErrors=true…} are a sending step's {@link PathStepOptions}.
 * Registered by the runtime with the senders it bound at startup; an unknown name fails when the route starts
 * (validation reports it earlier).
 */
public final class PathComponent extends DefaultComponent {

    /**
     * A path ready to send or to receive: {@code sender} for a sending path, {@code sources} (a new, unstarted source
     * per call: a route that is stopped and started again gets a fresh one) for a receiving path; both null when the
     * path or its connection is disabled. {@code responses} shape a sending step's response and error variables.
     */
    public record BoundPath(
            PathDefinition definition, PathSender sender, Supplier<PathSource> sources, StepResponses responses) {

        /** A sending path whose file declares no {@code response:} / {@code errorResponse:}, or a disabled one. */
        public BoundPath(PathDefinition definition, PathSender sender) {
            this(definition, sender, null, StepResponses.NONE);
        }
    }

    /** The exchange property carrying the {@link dev.scenarios.connector.api.SendResult} of a successful step. */
    public static final String RESULT_PROPERTY = PathProducer.RESULT_PROPERTY;

    private final Map<String, BoundPath> paths;
    private final SendEvents events;
    private final Function<String, DeliveryPolicy> policies;
    private final QueuedDelivery queued;

    /** Paths that all deliver directly with the default policy; {@code delivery: queued} is refused. */
    public PathComponent(Map<String, BoundPath> paths, SendEvents events) {
        this(paths, events, name -> DeliveryPolicy.DIRECT, null);
    }

    /**
     * @param policies each path's delivery policy, by system name
     * @param queued where {@code delivery: queued} steps put their messages; null when there is no queue
     */
    public PathComponent(
            Map<String, BoundPath> paths,
            SendEvents events,
            Function<String, DeliveryPolicy> policies,
            QueuedDelivery queued) {
        this.paths = Map.copyOf(paths);
        this.events = events;
        this.policies = policies;
        this.queued = queued;
    }

    /** The endpoint of path {@code name}, for sending outside a route (the CLI's {@code send}). */
    public Endpoint endpoint(String name) {
        if (!paths.containsKey(name)) {
            throw new IllegalArgumentException("no path named \"" + name + "\" in this workspace");
        }
        return getCamelContext().getEndpoint("path:" + name);
    }

    /**
     * Makes the endpoint of {@code remaining} ({@code <systemName>}) for a component that delegates to this one
     * ({@code dev.scenarios.runtime.PathCamelComponent}), which then sets {@code parameters}.
     *
     * @throws IllegalArgumentException if no path has that name
     */
    public Endpoint delegatedEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return createEndpoint(uri, remaining, parameters);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String name = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        BoundPath path = paths.get(name);
        if (path == null) {
            throw new IllegalArgumentException("no path named \"" + name + "\" in this workspace");
        }
        // Taken here, not by Camel's property binding, so that validate and the runtime refuse the same options alike.
        if (path.definition().type().direction() == PathType.Direction.RECEIVE) {
            return new PathEndpoint(uri, this, path, PathSourceOptions.take(parameters));
        }
        PathStepOptions options = PathStepOptions.take(parameters);
        return new PathEndpoint(uri, this, path, events, policies.apply(name), queued, options, path.responses());
    }
}
