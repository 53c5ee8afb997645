package dev.scenarios.runtime.internal;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.RecipientRejection;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.PathDefinition;
import dev.scenarios.runtime.SendEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Sends one message per exchange through a bound path, synchronously. On success sets the exchange
 * variables {@code messageId}, {@code serverReply} and {@code rejectedRecipients}; on failure sets
 * {@code failureKind}, {@code replyCode}, {@code failureMessage} and {@code rejectedRecipients} and
 * fails the exchange with the {@link DeliveryException}, so {@code doTry}/{@code onException} see it.
 * The body is left as it was.
 */
final class PathProducer extends DefaultProducer {

    /** The exchange property carrying the {@link SendResult}, for the CLI's {@code send}. */
    static final String RESULT_PROPERTY = "dev.scenarios.runtime.sendResult";

    private static final List<String> RESULT_VARIABLES =
            List.of("messageId", "serverReply", "rejectedRecipients", "failureKind", "replyCode", "failureMessage");

    private final PathComponent.BoundPath path;
    private final SendEvents events;

    PathProducer(PathEndpoint endpoint, PathComponent.BoundPath path, SendEvents events) {
        super(endpoint);
        this.path = path;
        this.events = events;
    }

    @Override
    public void process(Exchange exchange) throws DeliveryException {
        PathDefinition definition = path.definition();
        RESULT_VARIABLES.forEach(exchange::removeVariable);
        try {
            if (path.sender() == null) {
                throw new DeliveryException(FailureKind.DISABLED, 0, "path " + definition.systemName() + " or its connection is disabled");
            }
            Map<String, Object> attributes = StepAttributes.collect(exchange, definition.attributeNames(), definition.arrayAttributeNames());
            SendResult result = path.sender().send(attributes);
            exchange.setVariable("messageId", result.messageId());
            exchange.setVariable("serverReply", result.serverReply());
            exchange.setVariable("rejectedRecipients", rejections(result.rejectedRecipients()));
            exchange.setProperty(RESULT_PROPERTY, result);
            events.sent(definition.systemName(), result);
        } catch (DeliveryException e) {
            exchange.setVariable("failureKind", e.kind().name());
            exchange.setVariable("replyCode", e.replyCode());
            exchange.setVariable("failureMessage", e.getMessage());
            exchange.setVariable("rejectedRecipients", rejections(e.rejectedRecipients()));
            events.failed(definition.systemName(), e);
            throw e;
        }
    }

    private static List<Map<String, Object>> rejections(List<RecipientRejection> rejected) {
        return rejected.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", r.address());
            m.put("replyCode", r.replyCode());
            m.put("reply", r.reply());
            return m;
        }).toList();
    }
}
