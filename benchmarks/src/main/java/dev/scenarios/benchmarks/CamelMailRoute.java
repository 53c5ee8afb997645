package dev.scenarios.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The baseline: a plain camel-mail {@code smtp://} route as a Camel user would write it — a String body and a Subject
 * header, To and From as endpoint options (camel-mail 4.22 ignores recipient headers by default), one SMTP session per
 * message (camel-mail's default sender).
 */
final class CamelMailRoute implements Candidate {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final Endpoint start;

    CamelMailRoute(Target target, Path trustStore, String trustStorePassword) throws Exception {
        camel = new DefaultCamelContext();
        MailComponent mail = camel.getComponent("smtp", MailComponent.class);
        var config = mail.getConfiguration();
        config.setConnectionTimeout(15_000);
        // camel-mail 4.22 takes recipients, sender and subject from the endpoint unless told to trust headers.
        config.setTo("sink@example.com");
        config.setFrom("bench@example.com");
        config.setUseHeaderSubject(true);
        if (target.auth()) {
            config.setUsername(target.user());
            config.setPassword(target.password());
        }
        if (target.startTls()) {
            Properties props = new Properties();
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            config.setAdditionalJavaMailProperties(props);
            KeyStoreParameters store = new KeyStoreParameters();
            store.setResource("file:" + trustStore.toAbsolutePath());
            store.setPassword(trustStorePassword);
            store.setType("PKCS12");
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store);
            SSLContextParameters ssl = new SSLContextParameters();
            ssl.setTrustManagers(trust);
            config.setSslContextParameters(ssl);
        }
        String endpoint = "smtp://" + target.host() + ":" + target.port();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(endpoint);
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
        // Resolved once, as a route's consumer would be: a URI per message would be measured too.
        start = camel.getEndpoint("direct:send");
    }

    @Override
    public String name() {
        return "camel-mail";
    }

    @Override
    public void send(long index, int sizeBytes) {
        producer.sendBodyAndHeaders(start, Payloads.text(sizeBytes), Map.of("Subject", "Benchmark message " + index));
    }

    @Override
    public void close() {
        camel.stop();
    }
}
