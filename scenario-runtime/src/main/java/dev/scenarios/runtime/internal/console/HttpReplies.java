package dev.scenarios.runtime.internal.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** Writes HTTP responses with the headers every console response carries. Does socket I/O. */
final class HttpReplies {

    static final ObjectMapper JSON = new ObjectMapper();

    private HttpReplies() {}

    /** Sends {@code body} as JSON with {@code status}; {@code body} null sends no content. */
    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (body == null) {
            common(exchange);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        bytes(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Sends {@code {"error": message}} with {@code status}. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Map.of("error", message));
    }

    /** Sends {@code body} of {@code contentType} with {@code status}. */
    static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        common(exchange);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Streams {@code body} of {@code contentType} with status 200 (chunked: the length is not known in advance). */
    static void stream(HttpExchange exchange, String contentType, InputStream body) throws IOException {
        common(exchange);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody();
                body) {
            body.transferTo(out);
        }
    }

    /**
     * The page runs only its own script and style, cannot be framed, and no response is sniffed into another type;
     * nothing is ever sent to another origin.
     */
    private static void common(HttpExchange exchange) {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders()
                .set(
                        "Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
    }
}
