package dev.scenarios.runtime.internal.console;

import com.sun.net.httpserver.HttpServer;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.internal.delivery.WorkspaceQueue;
import dev.scenarios.runtime.internal.io.HttpRequestDeadline;
import dev.scenarios.runtime.internal.ops.ConsoleOps;
import dev.scenarios.runtime.internal.workspace.ValueResolver;
import dev.scenarios.runtime.internal.workspace.WorkspaceSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The admin console of one workspace: the page and its API, served by the JDK's HTTP server on
 * {@code host}:{@code port}. Started by {@code scenario serve} and by tests; {@link #close()} stops it.
 *
 * <p>Slow and hostile clients: a request's line, headers and body must arrive within {@link #REQUEST_SECONDS} seconds
 * or the JDK server closes the connection (its {@code sun.net.httpserver.maxReqTime}, set here unless the operator set
 * it), requests are served by {@link #WORKERS} threads, and checks, which wait for mail servers, run on a pool of their
 * own ({@link #CHECKS} at a time, a few more queued, the rest refused with 503), so they never hold a request thread.
 */
public final class ConsoleServer implements AutoCloseable {

    /** Seconds a client has to send a whole request. */
    static final int REQUEST_SECONDS = HttpRequestDeadline.SECONDS;

    static final int WORKERS = 16;
    static final int CHECKS = 4;

    static {
        // read once, when the JDK's server first starts: set before any HttpServer exists
        HttpRequestDeadline.apply();
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final ExecutorService checks;
    private final WorkspaceQueue queue;

    private ConsoleServer(HttpServer server, ExecutorService workers, ExecutorService checks, WorkspaceQueue queue) {
        this.server = server;
        this.workers = workers;
        this.checks = checks;
        this.queue = queue;
    }

    /**
     * Binds {@code host}:{@code port} (0 picks a free port) and starts serving the workspace in {@code workspace}.
     * {@code checkOverrides} are laid over each connection that is checked (the dev inbox's, or none).
     *
     * @throws IOException if the address cannot be bound
     */
    public static ConsoleServer start(
            Path workspace,
            String host,
            int port,
            Connectors connectors,
            Map<String, String> environment,
            AdminToken token,
            Function<ConnectionType, Map<String, Object>> checkOverrides)
            throws IOException {
        return start(workspace, host, port, connectors, environment, token, checkOverrides, null);
    }

    /**
     * As {@link #start(Path, String, int, Connectors, Map, AdminToken, Function)}, and serves the messages of
     * {@code inbox} (null without {@code --dev-inbox}) under {@code /api/dev-inbox}. Health and metrics
     * ({@code /health/live}, {@code /health/ready}, {@code /metrics}) are served without the token: they show no secret
     * and no address.
     */
    public static ConsoleServer start(
            Path workspace,
            String host,
            int port,
            Connectors connectors,
            Map<String, String> environment,
            AdminToken token,
            Function<ConnectionType, Map<String, Object>> checkOverrides,
            DevInbox inbox)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService workers = pool(WORKERS, 1000, "console-http");
        ExecutorService checks = pool(CHECKS, CHECKS * 2, "console-check");
        server.setExecutor(workers);
        Path dir = workspace.toAbsolutePath().normalize();
        boolean exposed = exposed(server.getAddress().getAddress());
        // One queue store for the page, the API and the metrics: a PostgreSQL pool is not opened per request.
        WorkspaceQueue queue = new WorkspaceQueue(
                dir,
                () -> WorkspaceSettings.read(
                        dir, new ValueResolver(dir, environment, Locale.ENGLISH), Locale.ENGLISH, new ArrayList<>()));
        server.createContext(
                "/api/", new ConsoleApi(dir, connectors, environment, token, checkOverrides, checks, queue));
        server.createContext("/api/dev-inbox", new DevInboxApi(inbox, token));
        ConsoleOps.endpoints(queue, inbox).mount(server);
        server.createContext("/", new StaticAssets(exposed));
        server.start();
        return new ConsoleServer(server, workers, checks, queue);
    }

    /**
     * {@code threads} daemon threads with a queue of {@code queued}; beyond it, execute throws
     * RejectedExecutionException.
     */
    private static ExecutorService pool(int threads, int queued, String name) {
        return new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queued), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Whether the console listens beyond loopback: it speaks plain HTTP, so the token and every value typed into the
     * page cross the network readable. {@code scenario serve} warns on stderr and the page shows a warning.
     */
    public boolean exposed() {
        return exposed(server.getAddress().getAddress());
    }

    /** Whether listening on {@code address} reaches beyond this machine (the wildcard address does). Pure. */
    static boolean exposed(InetAddress address) {
        return !address.isLoopbackAddress();
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

    /** Stops accepting requests, lets running ones finish for up to a second, then stops and closes the queue store. */
    @Override
    public void close() {
        server.stop(1);
        checks.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.close();
    }
}
