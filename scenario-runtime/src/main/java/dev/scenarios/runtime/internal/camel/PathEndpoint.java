package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.PathType;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.internal.delivery.QueuedDelivery;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * The endpoint {@code path:<systemName>}: for a sending path a producer (one message per exchange),
 * for a receiving path a consumer (one exchange per received item).
 */
public final class PathEndpoint extends DefaultEndpoint {

    private final PathComponent.BoundPath path;
    private final SendEvents events;
    private final DeliveryPolicy policy;
    private final QueuedDelivery queued;

    PathEndpoint(String uri, PathComponent component, PathComponent.BoundPath path, SendEvents events, DeliveryPolicy policy,
            QueuedDelivery queued) {
        super(uri, component);
        this.path = path;
        this.events = events;
        this.policy = policy;
        this.queued = queued;
    }

    @Override
    public Producer createProducer() {
        return new PathProducer(this, path, events, policy, queued);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        if (path.definition().type().direction() != PathType.Direction.RECEIVE) {
            throw new UnsupportedOperationException("path " + path.definition().systemName() + " sends; use it in to:, not from:");
        }
        return new PathConsumer(this, processor, path);
    }

    @Override
    public boolean isLenientProperties() {
        return false;
    }
}
