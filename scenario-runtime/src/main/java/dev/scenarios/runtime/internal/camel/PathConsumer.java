package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.ReceivedItem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of {@code from: path:<systemName>} for a receiving path: starts the path's {@link PathSource} with the
 * route and turns each received item into one exchange. The item's attributes (for {@code imap-receive}: {@code From},
 * {@code Subject}, {@code Attachments}, …) are the body, as a map, and the variable {@code message} (or the one
 * {@code ?variable=} names, as the seed's event "Message received" does); the variable {@code possibleDuplicate} says
 * whether the item may have been handed before. When the route has finished with the exchange the item is acknowledged:
 * {@linkplain ReceivedItem#succeeded succeeded} unless the exchange failed (an exception not handled by the route),
 * then {@linkplain ReceivedItem#failed failed} with the exception's message, so the connector moves, retries or sets
 * the item aside. No per-attribute variables are set: a {@code to: path:} step later in the route reads variables of
 * its own attribute names ({@code To}, {@code Subject}), and the received mail's must not become the reply's. Stopping
 * the route closes the source; a disabled path starts nothing.
 */
final class PathConsumer extends DefaultConsumer {

    /** The variable telling whether the item may be a repeat. */
    static final String POSSIBLE_DUPLICATE_VARIABLE = "possibleDuplicate";

    private static final Logger LOG = LoggerFactory.getLogger(PathConsumer.class);

    private final PathComponent.BoundPath path;
    private final String variable;
    private PathSource source;

    /**
     * {@code variable} receives the item's attributes ({@code from: path:x?variable=mail}; default {@code message}).
     */
    PathConsumer(PathEndpoint endpoint, Processor processor, PathComponent.BoundPath path, String variable) {
        super(endpoint, processor);
        this.path = path;
        this.variable = variable;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (path.sources() == null) {
            LOG.warn(
                    "path {} or its connection is disabled: its scenario receives nothing",
                    path.definition().systemName());
            return;
        }
        source = path.sources().get();
        source.start(this::handle);
    }

    /** Called on the source's thread with each item; acknowledges it when the route is done with the exchange. */
    private void handle(ReceivedItem item) {
        Exchange exchange = createExchange(false);
        Map<String, Object> attributes = new LinkedHashMap<>(item.attributes());
        exchange.getMessage().setBody(attributes);
        exchange.setVariable(variable, attributes);
        exchange.setVariable(POSSIBLE_DUPLICATE_VARIABLE, item.possibleDuplicate());
        getAsyncProcessor().process(exchange, doneSync -> {
            Exception failure = exchange.getException();
            if (failure != null) {
                item.failed(failure.getClass().getSimpleName() + ": " + failure.getMessage(), Map.of());
            } else if (exchange.isRollbackOnly()) {
                item.failed("the route rolled the exchange back", Map.of());
            } else {
                item.succeeded(Map.of());
            }
            releaseExchange(exchange, false);
        });
    }

    @Override
    protected void doStop() throws Exception {
        if (source != null) {
            source.close();
            source = null;
        }
        super.doStop();
    }
}
