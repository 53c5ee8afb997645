package dev.scenarios.runtime.internal.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page: {@code /} (index.html), {@code /console.js}, {@code /console.css} (and the dev-inbox view's
 * {@code /devinbox.js}, {@code /devinbox.css}) from the class path, and {@code /texts?lang=} (its labels). Needs no
 * token: it holds no data, and the page asks for the token before it calls the API. When the console listens beyond
 * loopback (plain HTTP), the texts carry {@code page.exposed}, which the page shows as a warning. Reads class path
 * resources.
 */
final class StaticAssets implements HttpHandler {

    private static final String ROOT = "/dev/scenarios/runtime/console/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/console.js", "console.js",
            "/console.css", "console.css",
            "/devinbox.js", "devinbox.js",
            "/devinbox.css", "devinbox.css");

    private final boolean exposed;

    StaticAssets(boolean exposed) {
        this.exposed = exposed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                HttpReplies.error(exchange, 405, "GET only");
            } else if (path.equals("/texts")) {
                Map<String, String> texts = new LinkedHashMap<>(ConsoleTexts.all(Locales.of(exchange)));
                if (!exposed) {
                    // the page shows this text as a warning only when the console is reachable beyond this machine
                    texts.remove("page.exposed");
                }
                HttpReplies.json(exchange, 200, texts);
            } else if (FILES.containsKey(path)) {
                String file = FILES.get(path);
                try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + file)) {
                    if (in == null) {
                        throw new IOException("missing resource " + file);
                    }
                    HttpReplies.bytes(exchange, 200, contentType(file), in.readAllBytes());
                }
            } else {
                HttpReplies.error(exchange, 404, "not found");
            }
        } finally {
            exchange.close();
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    }
}
