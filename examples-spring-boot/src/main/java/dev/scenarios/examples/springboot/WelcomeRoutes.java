package dev.scenarios.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The application's Java DSL route, a Spring bean that camel-spring-boot adds to the CamelContext: a {@code Map} sent
 * to {@code direct:welcome} (the path's attributes) goes out through the workspace's path {@code welcome}; the exchange
 * comes back with the variables {@code messageId} and {@code serverReply}.
 */
@Component
public class WelcomeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:welcome").routeId("welcome-java").to("path:welcome");
    }
}
