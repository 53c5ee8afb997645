package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.PathType;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.internal.delivery.QueuedDelivery;
import dev.scenarios.runtime.internal.workspace.PathStepOptions;
import dev.scenarios.runtime.internal.workspace.StepResponses;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send or receive one message through a data transfer path of a scenario workspace (the endpoint path:name with the
 * step's options).
 *
 * <p>For a sending path a producer (one message per exchange, options as {@link PathStepOptions}), for a receiving path
 * a consumer (one exchange per received item). The first sentence above is the component's description in Camel's
 * generated descriptor {@code path.json}, hence plain text.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "path",
        title = "Scenario data transfer path",
        syntax = "path:name",
        category = {Category.MAIL},
        generateConfigurer = false)
public final class PathEndpoint extends DefaultEndpoint {

    // The annotated fields below are what Camel's tooling reads (path.json, generated at build time from them).
    @UriPath(description = "The system name of the data transfer path in the workspace (the file paths/NAME.yaml)")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final PathStepOptions options;

    private final PathComponent.BoundPath path;
    private final SendEvents events;
    private final DeliveryPolicy policy;
    private final QueuedDelivery queued;
    private final StepResponses responses;

    PathEndpoint(
            String uri,
            PathComponent component,
            PathComponent.BoundPath path,
            SendEvents events,
            DeliveryPolicy policy,
            QueuedDelivery queued,
            PathStepOptions options,
            StepResponses responses) {
        super(uri, component);
        this.name = path.definition().systemName();
        this.options = options;
        this.responses = responses;
        this.path = path;
        this.events = events;
        this.policy = policy;
        this.queued = queued;
    }

    @Override
    public Producer createProducer() {
        return new PathProducer(this, path, events, policy, queued, options, responses);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        if (path.definition().type().direction() != PathType.Direction.RECEIVE) {
            throw new UnsupportedOperationException(
                    "path " + path.definition().systemName() + " sends; use it in to:, not from:");
        }
        return new PathConsumer(this, processor, path);
    }

    @Override
    public boolean isLenientProperties() {
        return false;
    }
}
