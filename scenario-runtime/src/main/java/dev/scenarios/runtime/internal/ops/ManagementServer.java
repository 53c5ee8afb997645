package dev.scenarios.runtime.internal.ops;

import com.sun.net.httpserver.HttpServer;
import dev.scenarios.runtime.internal.io.HttpRequestDeadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The management port of {@code scenario run --management-port N}: health and metrics ({@link OpsEndpoints}) on the
 * JDK's HTTP server, without the console. Binds loopback unless told otherwise; a request must arrive within
 * {@link HttpRequestDeadline#SECONDS}; {@link #close()} stops it.
 */
public final class ManagementServer implements AutoCloseable {

    static {
        // the JDK reads the request deadline when its first server starts, which may be this one
        HttpRequestDeadline.apply();
    }

    private final HttpServer server;
    private final ExecutorService workers;

    private ManagementServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Binds {@code host}:{@code port} (0 picks a free port) and serves {@code endpoints}.
     *
     * @throws IOException if the address cannot be bound
     */
    public static ManagementServer start(String host, int port, OpsEndpoints endpoints) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        // two threads: a scrape and a health probe may overlap, nothing here blocks for long
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "management-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        endpoints.mount(server);
        server.start();
        return new ManagementServer(server, workers);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base address, e.g. {@code http://127.0.0.1:9090/}. */
    public String url() {
        String host = server.getAddress().getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** Stops accepting requests, lets running ones finish for up to a second. */
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
