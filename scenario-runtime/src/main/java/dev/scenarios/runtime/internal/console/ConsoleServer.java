package dev.scenarios.runtime.internal.console;

import com.sun.net.httpserver.HttpServer;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.internal.ops.ConsoleOps;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The admin console of one workspace: the page and its API, served by the JDK's HTTP server on
 * {@code host}:{@code port}. Started by {@code scenario serve} and by tests; {@link #close()} stops it.
 */
public final class ConsoleServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;

    private ConsoleServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Binds {@code host}:{@code port} (0 picks a free port) and starts serving the workspace in
     * {@code workspace}. {@code checkOverrides} are laid over each connection that is checked
     * (the dev inbox's, or none).
     *
     * @throws IOException if the address cannot be bound
     */
    public static ConsoleServer start(Path workspace, String host, int port, Connectors connectors, Map<String, String> environment,
            AdminToken token, Function<ConnectionType, Map<String, Object>> checkOverrides) throws IOException {
        return start(workspace, host, port, connectors, environment, token, checkOverrides, null);
    }

    /**
     * As {@link #start(Path, String, int, Connectors, Map, AdminToken, Function)}, and serves the
     * messages of {@code inbox} (null without {@code --dev-inbox}) under {@code /api/dev-inbox}.
     * Health and metrics ({@code /health/live}, {@code /health/ready}, {@code /metrics}) are
     * served without the token: they show no secret and no address.
     */
    public static ConsoleServer start(Path workspace, String host, int port, Connectors connectors, Map<String, String> environment,
            AdminToken token, Function<ConnectionType, Map<String, Object>> checkOverrides, DevInbox inbox) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        // checks block for up to their timeouts: a few workers keep the page answering meanwhile
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "console-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        Path dir = workspace.toAbsolutePath().normalize();
        server.createContext("/api/", new ConsoleApi(dir, connectors, environment, token, checkOverrides));
        server.createContext("/api/dev-inbox", new DevInboxApi(inbox, token));
        ConsoleOps.endpoints(dir, inbox).mount(server);
        server.createContext("/", new StaticAssets());
        server.start();
        return new ConsoleServer(server, workers);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = server.getAddress().getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** Stops accepting requests, lets running ones finish for up to a second, then stops. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
