package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.PathDefinition;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.internal.delivery.DirectDelivery;
import dev.scenarios.runtime.internal.delivery.QueuedDelivery;
import dev.scenarios.runtime.internal.workspace.PathStepOptions;
import dev.scenarios.runtime.internal.workspace.StepResponses;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Sends one message per exchange through a bound path: directly (retrying transient failures as the path's policy says,
 * see {@link DirectDelivery}) or, with {@code delivery: queued}, by storing it durably in the queue
 * ({@link QueuedDelivery}). On success sets the exchange variables {@code messageId}, {@code queued} and then either
 * {@code serverReply} and {@code rejectedRecipients} (direct) or {@code queueId} (queued); on failure sets
 * {@code failureKind}, {@code replyCode}, {@code failureMessage} and {@code rejectedRecipients} and fails the exchange
 * with the {@link DeliveryException}, so {@code doTry}/{@code onException} see it. The body is left as it was.
 *
 * <p>The step's {@linkplain PathStepOptions options} change that: {@code messageVariable} reads the attributes from one
 * variable; {@code responseVariable} / {@code errorVariable} also receive the outcome as a map ({@link StepResults},
 * shaped by the path's {@link StepResponses}); {@code ignoreErrors} lets the route go on after a failure; {@code async}
 * hands the message to the queue as {@code delivery: queued} does, whatever the path's mode.
 */
final class PathProducer extends DefaultProducer {

    /** The exchange property carrying the {@link SendResult}, for the CLI's {@code send}. */
    static final String RESULT_PROPERTY = "dev.scenarios.runtime.sendResult";

    private static final List<String> RESULT_VARIABLES = List.of(
            "messageId",
            "serverReply",
            "rejectedRecipients",
            "failureKind",
            "replyCode",
            "failureMessage",
            "queued",
            "queueId");

    private final PathComponent.BoundPath path;
    private final SendEvents events;
    private final DeliveryPolicy policy;
    private final QueuedDelivery queued;
    private final PathStepOptions options;
    private final StepResponses responses;
    /** The path's attribute names, worked out once: the definition does not change while the producer lives. */
    private final Set<String> attributeNames;

    private final Set<String> arrayAttributeNames;

    PathProducer(
            PathEndpoint endpoint,
            PathComponent.BoundPath path,
            SendEvents events,
            DeliveryPolicy policy,
            QueuedDelivery queued,
            PathStepOptions options,
            StepResponses responses) {
        super(endpoint);
        this.options = options;
        this.responses = responses;
        this.path = path;
        this.events = events;
        this.policy = policy;
        this.queued = queued;
        this.attributeNames = path.definition().attributeNames();
        this.arrayAttributeNames = path.definition().arrayAttributeNames();
    }

    @Override
    public void process(Exchange exchange) throws DeliveryException {
        PathDefinition definition = path.definition();
        RESULT_VARIABLES.forEach(exchange::removeVariable);
        if (options.responseVariable() != null) {
            exchange.removeVariable(options.responseVariable());
        }
        if (options.errorVariable() != null) {
            exchange.removeVariable(options.errorVariable());
        }
        try {
            if (definition.type().direction() == dev.scenarios.connector.api.PathType.Direction.RECEIVE) {
                throw new DeliveryException(
                        FailureKind.CONFIGURATION,
                        0,
                        "path " + definition.systemName() + " receives mail; use it in from:, not to:");
            }
            if (path.sender() == null) {
                throw new DeliveryException(
                        FailureKind.DISABLED, 0, "path " + definition.systemName() + " or its connection is disabled");
            }
            Map<String, Object> attributes = options.messageVariable() == null
                    ? StepAttributes.collect(exchange, attributeNames, arrayAttributeNames)
                    : StepAttributes.fromVariable(
                            exchange, options.messageVariable(), attributeNames, arrayAttributeNames);
            if (policy.mode() == DeliveryPolicy.Mode.QUEUED || options.async()) {
                enqueue(exchange, definition, attributes);
                return;
            }
            SendResult result = DirectDelivery.send(definition.systemName(), path.sender(), attributes, policy);
            exchange.setVariable("messageId", result.messageId());
            exchange.setVariable("queued", false);
            exchange.setVariable("serverReply", result.serverReply());
            exchange.setVariable("rejectedRecipients", RejectedRecipients.asMaps(result.rejectedRecipients()));
            respond(exchange, StepResults.sent(result));
            exchange.setProperty(RESULT_PROPERTY, result);
            events.sent(definition.systemName(), result);
        } catch (DeliveryException e) {
            exchange.setVariable("failureKind", e.kind().name());
            exchange.setVariable("replyCode", e.replyCode());
            exchange.setVariable("failureMessage", e.getMessage());
            exchange.setVariable("rejectedRecipients", RejectedRecipients.asMaps(e.rejectedRecipients()));
            if (options.errorVariable() != null) {
                exchange.setVariable(
                        options.errorVariable(), StepResponses.shape(responses.errorResponse(), StepResults.failed(e)));
            }
            events.failed(definition.systemName(), e);
            if (!options.ignoreErrors()) {
                throw e;
            }
        }
    }

    private void respond(Exchange exchange, Map<String, Object> response) {
        if (options.responseVariable() != null) {
            exchange.setVariable(options.responseVariable(), StepResponses.shape(responses.response(), response));
        }
    }

    /** The step's half of queued delivery: the message is on disk when this returns; the sender reports the outcome. */
    private void enqueue(Exchange exchange, PathDefinition definition, Map<String, Object> attributes)
            throws DeliveryException {
        if (queued == null) {
            throw new DeliveryException(
                    FailureKind.CONFIGURATION,
                    0,
                    "path " + definition.systemName()
                            + (options.async() ? ": an async step needs a queue" : " is set to delivery: queued")
                            + ", but this runtime has no queue");
        }
        QueuedMessage message = queued.enqueue(definition.systemName(), path.sender(), attributes, policy);
        exchange.setVariable("messageId", message.messageId());
        exchange.setVariable("queued", true);
        exchange.setVariable("queueId", message.id());
        respond(exchange, StepResults.queued(message.messageId(), message.id()));
        exchange.setProperty(
                RESULT_PROPERTY,
                new SendResult(
                        message.messageId(), "queued as " + message.id() + ", not sent yet", List.of(), List.of()));
    }
}
