package dev.scenarios.benchmarks;

import dev.scenarios.connector.api.support.Durations;
import dev.scenarios.testing.DiscardSmtpServer;
import dev.scenarios.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures end-to-end messages per second of the product's path pipeline (scenario route → {@code path:} → smtp
 * connector → SMTP) and, in the same run, of a plain camel-mail route sending the same messages, for each session count
 * and message size; prints the figures and the ratios.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "End-to-end mail throughput: the path pipeline against a plain camel-mail route, in one run.")
public final class ThroughputBenchmark implements Callable<Integer> {

    @Option(
            names = "--server",
            description =
                    "host:port of an SMTP server to use instead of the embedded discard server (plain SMTP, no AUTH).")
    String server;

    @Option(
            names = "--sessions",
            split = ",",
            defaultValue = "1,2,4",
            description = "Concurrent sessions (default: ${DEFAULT-VALUE}).")
    List<Integer> sessions;

    @Option(
            names = "--sizes",
            split = ",",
            defaultValue = "2048,51200",
            description = "Message sizes in bytes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(
            names = "--security",
            split = ",",
            defaultValue = "starttls+auth,plain",
            description = "Embedded server modes: starttls+auth, plain (default: ${DEFAULT-VALUE}).")
    List<String> securities;

    @Option(
            names = "--warm-up",
            defaultValue = "5s",
            description =
                    "Warm-up per cell; with less the JIT is still compiling the pipeline while it is measured (default: ${DEFAULT-VALUE}).")
    String warmUp;

    @Option(
            names = "--measure",
            defaultValue = "5s",
            description = "Measured time per cell (default: ${DEFAULT-VALUE}).")
    String measure;

    @Option(names = "--only", description = "Measure only this candidate: path or camel-mail.")
    String only;

    @Option(
            names = "--smtp-source",
            description =
                    "With --server: also run Postfix's smtp-source at this path (default: found in /usr/sbin) with the same sessions and size; 'none' to skip.")
    String smtpSource;

    @Option(
            names = "--queued",
            description =
                    "Instead of the throughput matrix: hand this many messages to a queued path and report memory (e.g. 100000; run with BENCHMARK_JAVA_OPTS=-Xmx256m).")
    Integer queued;

    @Option(
            names = "--startup",
            description = "Instead of the throughput matrix: the start-up cell, a one-shot `scenario send` of the "
                    + "distribution against a minimal Camel Main application with camel-mail, each in a fresh JVM.")
    boolean startup;

    @Option(
            names = "--runs",
            defaultValue = "7",
            description = "With --startup: measured starts of each candidate (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--scenario-home", hidden = true, description = "With --startup: the unpacked distribution.")
    Path scenarioHome;

    @Option(
            names = "--reference-classpath",
            hidden = true,
            description = "With --startup: the class path of the startup-reference module.")
    String referenceClassPath;

    @Option(
            names = "--store",
            defaultValue = "file",
            description =
                    "With --queued: file (default: the folder, with and without group commit) or postgresql (a server started for the run; see --runtimes).")
    String store;

    @Option(
            names = "--runtimes",
            split = ",",
            defaultValue = "1,2,3",
            description = "With --store postgresql: how many runtimes drain the shared queue, e.g. 1,2,3 (default).")
    List<Integer> runtimeCounts;

    @Option(
            names = "--reply-delay",
            defaultValue = "0ms",
            description =
                    "The embedded server waits this long before each reply, like a relay across a WAN, e.g. 20ms (default: ${DEFAULT-VALUE}).")
    String replyDelay;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ThroughputBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (startup) {
            if (scenarioHome == null || referenceClassPath == null) {
                System.err.println(
                        "--startup needs --scenario-home and --reference-classpath: run it as ./benchmark --startup");
                return 2;
            }
            System.out.print(StartupBenchmark.run(scenarioHome, referenceClassPath, runs));
            return 0;
        }
        if (queued != null && store.equals("postgresql")) {
            Path workspace = Files.createTempDirectory("benchmark-queue");
            try {
                Duration delay = Durations.parse(replyDelay)
                        .orElseThrow(() -> new CommandLine.ParameterException(
                                new CommandLine(this), "--reply-delay: not a duration: " + replyDelay));
                System.out.println(SharedQueueDrain.run(queued, sizes.get(0), runtimeCounts, delay, workspace));
            } finally {
                deleteTree(workspace);
            }
            return 0;
        }
        if (queued != null) {
            Path workspace = Files.createTempDirectory("benchmark-queue");
            try (DiscardSmtpServer sink = new DiscardSmtpServer(null)) {
                System.out.println(QueuedBacklog.run(sink, queued, sizes.get(0), workspace));
            } finally {
                deleteTree(workspace);
            }
            return 0;
        }
        Duration warm = parse(warmUp);
        Duration length = parse(measure);
        TestCertificates certificate = TestCertificates.forHost("localhost");
        Path work = Files.createTempDirectory("benchmark");
        Path trustStore = work.resolve("trust.p12");
        try (var out = Files.newOutputStream(trustStore)) {
            certificate.trustStore().store(out, "benchmark".toCharArray());
        }
        Path pem = certificate.writePem(work.resolve("server.pem"));
        List<Measurement.Result> results = new ArrayList<>();
        List<String> modes = server != null ? List.of("plain") : securities;
        for (String security : modes) {
            boolean secure = security.startsWith("starttls");
            DiscardSmtpServer embedded =
                    server == null ? new DiscardSmtpServer(secure ? certificate.serverContext() : null) : null;
            try {
                Target target = embedded != null
                        ? new Target(
                                "localhost",
                                embedded.port(),
                                secure,
                                secure,
                                DiscardSmtpServer.USER,
                                DiscardSmtpServer.PASSWORD)
                        : new Target(
                                server.substring(0, server.lastIndexOf(':')),
                                Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)),
                                false,
                                false,
                                null,
                                null);
                for (int size : sizes) {
                    for (int n : sessions) {
                        Path source = smtpSource();
                        if (server != null && source != null && only == null) {
                            Measurement.Result r = SmtpSourceRun.run(source, target, n, size, length);
                            results.add(r);
                            System.out.println(Report.line(r));
                        }
                        for (Candidate candidate : candidates(target, work, trustStore, pem, n)) {
                            try (candidate) {
                                Measurement.Result r =
                                        Measurement.run(candidate, target.security(), n, size, warm, length);
                                results.add(r);
                                System.out.println(Report.line(r));
                            }
                        }
                    }
                }
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
        deleteTree(work);
        System.out.println();
        System.out.print(Report.table(results));
        return 0;
    }

    private List<Candidate> candidates(Target target, Path work, Path trustStore, Path pem, int sessions)
            throws Exception {
        List<Candidate> out = new ArrayList<>();
        if (only == null || only.equals("path")) {
            out.add(new PathPipeline(target, work.resolve("ws-" + System.nanoTime()), pem, sessions));
        }
        if (only == null || only.equals("camel-mail")) {
            out.add(new CamelMailRoute(target, trustStore, "benchmark"));
        }
        return out;
    }

    /** Removes a run's scratch folder (a queued run leaves hundreds of megabytes of queue files). */
    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path smtpSource() {
        if ("none".equals(smtpSource)) {
            return null;
        }
        return smtpSource != null ? Path.of(smtpSource) : SmtpSourceRun.find();
    }

    private static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        return s.endsWith("ms")
                ? Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(s.replace("s", "")));
    }
}
