package dev.scenarios.connector.smtp.internal;

import dev.scenarios.connector.api.ConnectorContext;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The camel-mail endpoint of one connection, built in code (no URI carries a host, option or
 * credential) with the {@link RecordingMailSender} as its {@code javaMailSender}. Uses the host's
 * CamelContext when the {@link ConnectorContext} offers one, else a private one started on first
 * use and stopped by {@link #close()}. Thread-safe.
 */
public final class CamelDelivery implements AutoCloseable {

    private final ConnectorContext context;
    private final String systemName;
    private final RecordingMailSender sender;
    private CamelContext privateCamel;
    private MailEndpoint endpoint;
    private Producer producer;

    public CamelDelivery(ConnectorContext context, String systemName, RecordingMailSender sender) {
        this.context = context;
        this.systemName = systemName;
        this.sender = sender;
    }

    /** A new exchange whose body is {@code message}, and nothing else. Starts Camel on first use. */
    public synchronized Exchange newExchange(MimeMessage message) {
        start();
        Exchange exchange = endpoint.createExchange();
        exchange.getIn().setBody(message);
        return exchange;
    }

    /**
     * Sends {@code exchange} through camel-mail's producer; blocks until the SMTP session ends.
     *
     * @return the exchange's exception, or null when camel-mail reports success
     */
    public Exception send(Exchange exchange) {
        Producer p;
        synchronized (this) {
            start();
            p = producer;
        }
        try {
            p.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        return exchange.getException();
    }

    private void start() {
        if (producer != null) {
            return;
        }
        CamelContext camel = context.service(CamelContext.class).orElse(null);
        if (camel == null) {
            privateCamel = new DefaultCamelContext();
            privateCamel.getCamelContextExtension().setName("smtp-connection-" + systemName);
            privateCamel.start();
            camel = privateCamel;
        }
        MailConfiguration configuration = new MailConfiguration(camel);
        configuration.configureProtocol(sender.getProtocol());
        configuration.setHost(sender.getHost());
        configuration.setPort(sender.getPort());
        configuration.setJavaMailSender(sender);
        MailComponent component = new MailComponent(camel);
        endpoint = new MailEndpoint("smtp-connection:" + systemName, component, configuration);
        endpoint.setCamelContext(camel);
        try {
            producer = endpoint.createProducer();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the camel-mail producer of " + systemName, e);
        }
        ServiceHelper.startService(endpoint, producer);
    }

    /** The attempt the sender recorded for {@code message}; see {@link RecordingMailSender#take}. */
    public Attempt take(MimeMessage message) {
        return sender.take(message);
    }

    /** Stops the producer and the private CamelContext, if any. Never throws. */
    @Override
    public synchronized void close() {
        ServiceHelper.stopAndShutdownServices(producer);
        producer = null;
        if (privateCamel != null) {
            privateCamel.stop();
            privateCamel = null;
        }
    }
}
