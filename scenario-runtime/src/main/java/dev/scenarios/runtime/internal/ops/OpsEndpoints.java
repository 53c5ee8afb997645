package dev.scenarios.runtime.internal.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health/live}, {@code GET /health/ready} and {@code GET /metrics} (Prometheus text format 0.0.4), for a
 * console server or a management port. They need no token: they show states, counts and system names, never a secret,
 * an address or a message text (docs/operations.md). A health answer is 200 when UP and 503 when DOWN, with a JSON
 * body. Called on an HTTP server's threads.
 */
public final class OpsEndpoints implements HttpHandler {

    /** One health answer: {@code up}, and what the body says besides {@code status}. */
    public record Health(boolean up, Map<String, Object> details) {

        /** UP with nothing more to say. */
        public static final Health UP = new Health(true, Map.of());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Supplier<Health> live;
    private final Supplier<Health> ready;

    /**
     * @param live whether the process works (never depends on a mail server)
     * @param ready whether it can do its job now
     */
    public OpsEndpoints(PrometheusMeterRegistry registry, Supplier<Health> live, Supplier<Health> ready) {
        this.registry = registry;
        this.live = live;
        this.ready = ready;
    }

    /** Mounts the endpoints on {@code server}: the contexts {@code /health/} and {@code /metrics}. */
    public void mount(com.sun.net.httpserver.HttpServer server) {
        server.createContext("/health/", this);
        server.createContext("/metrics", this);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(
                        exchange,
                        405,
                        "application/json; charset=utf-8",
                        JSON.writeValueAsBytes(Map.of("error", "only GET and HEAD")));
                return;
            }
            switch (path) {
                case "/health/live" -> health(exchange, live.get());
                case "/health/ready" -> health(exchange, ready.get());
                case "/metrics" ->
                    send(exchange, 200, PROMETHEUS_TEXT, registry.scrape().getBytes(StandardCharsets.UTF_8));
                default ->
                    send(
                            exchange,
                            404,
                            "application/json; charset=utf-8",
                            JSON.writeValueAsBytes(Map.of("error", "not found")));
            }
        }
    }

    private static void health(HttpExchange exchange, Health health) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.up() ? "UP" : "DOWN");
        body.putAll(health.details());
        send(exchange, health.up() ? 200 : 503, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
