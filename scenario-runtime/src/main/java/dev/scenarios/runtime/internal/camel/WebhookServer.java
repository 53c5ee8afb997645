package dev.scenarios.runtime.internal.camel;

import dev.scenarios.runtime.internal.workspace.ApplicationProperties;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * The HTTP server behind {@code from: platform-http:/orders} (webhook-triggered scenarios), on Vert.x, as Camel Main
 * names its settings: started with the runtime's CamelContext when the workspace's {@code application.properties} sets
 * {@code camel.server.port} ({@code 0}: any free port), bound to {@code camel.server.host} (default {@code 127.0.0.1},
 * so nothing is reachable from other machines unless the operator says so).
 */
public final class WebhookServer {

    /** Checked by name first: the class is absent from a host that did not declare the optional dependency. */
    private static final String VERTX_SERVER = "org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer";

    private WebhookServer() {}

    /**
     * Adds the server to {@code camel} (not started yet: it starts and stops with the context) when {@code properties}
     * set {@link ApplicationProperties#SERVER_PORT}. No I/O here.
     *
     * @throws IllegalStateException if the port is not a number from 0 to 65535, or camel-platform-http-vertx is not on
     *     the class path
     * @throws Exception whatever Camel throws adding a service
     */
    public static void addTo(CamelContext camel, Properties properties) throws Exception {
        String port = properties.getProperty(ApplicationProperties.SERVER_PORT);
        if (port == null) {
            return;
        }
        try {
            Class.forName(VERTX_SERVER, false, WebhookServer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // An embedding host gets camel-platform-http-vertx only when it declares it (an optional dependency).
            throw new IllegalStateException("application.properties sets " + ApplicationProperties.SERVER_PORT
                    + " but camel-platform-http-vertx is not on the class path: add it to the application");
        }
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(properties
                .getProperty(ApplicationProperties.SERVER_HOST, "127.0.0.1")
                .trim());
        configuration.setBindPort(port(port.trim()));
        camel.addService(new VertxPlatformHttpServer(configuration));
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("application.properties: " + ApplicationProperties.SERVER_PORT
                + " must be a port number from 0 to 65535, not \"" + text + "\"");
    }
}
