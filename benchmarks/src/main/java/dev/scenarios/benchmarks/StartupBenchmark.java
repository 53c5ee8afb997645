package dev.scenarios.benchmarks;

import dev.scenarios.testing.DiscardSmtpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The start-up cell ({@code ./benchmark --startup}): wall time of a one-shot {@code scenario send} of the unpacked
 * distribution, from process start to exit, against a minimal Camel Main application that loads one YAML route and
 * sends one mail with camel-mail ({@code StartupReference}), each in a fresh JVM, interleaved round by round in one run
 * so that both see the same machine. Prints each candidate's median and its ratio to the reference's. Starts processes;
 * the embedded discard server on loopback receives the mails that do not go to the dev inbox.
 */
final class StartupBenchmark {

    /** No start may take longer; a hung one fails the cell rather than the machine. */
    private static final long TIMEOUT_SECONDS = 60;

    private record Candidate(String name, List<String> command, Map<String, String> environment) {}

    private StartupBenchmark() {}

    /**
     * Runs one warm-up round (which also lets {@code bin/scenario} make its class-data sharing archive) and
     * {@code runs} measured rounds; returns the report.
     *
     * @param scenarioHome the unpacked distribution
     * @param referenceClassPath the class path of the startup-reference module (its jar first)
     * @throws IllegalStateException when a start fails or a mail does not arrive
     */
    static String run(Path scenarioHome, String referenceClassPath, int runs) throws Exception {
        Path work = Files.createTempDirectory("benchmark-startup");
        try (DiscardSmtpServer server = new DiscardSmtpServer(null)) {
            Path workspace = workspace(work.resolve("workspace"), server.port());
            Path route = Files.writeString(work.resolve("send.camel.yaml"), """
                    - route:
                        from:
                          uri: timer:once?repeatCount=1&delay=0
                          steps:
                            - setBody:
                                constant: "Your order 2024-1 is on its way."
                            - to: smtp://127.0.0.1:%d?to=anna@example.com&from=shop@example.com&subject=Order+2024-1
                    """.formatted(server.port()));
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String scenario = scenarioHome.resolve("bin/scenario").toString();
            List<String> send = List.of(
                    scenario,
                    "send",
                    workspace.toString(),
                    "orders",
                    "--attr",
                    "OrderNo=2024-1",
                    "--to",
                    "anna@example.com");
            List<String> devInbox = new ArrayList<>(send);
            devInbox.add("--dev-inbox");
            List<Candidate> candidates = List.of(
                    new Candidate(
                            "camel main + yaml route + camel-mail (reference)",
                            List.of(
                                    java,
                                    "-cp",
                                    referenceClassPath,
                                    "dev.scenarios.benchmarks.reference.StartupReference",
                                    route.toString()),
                            Map.of()),
                    new Candidate("scenario send --dev-inbox", devInbox, Map.of()),
                    new Candidate("scenario send (loopback server)", send, Map.of()),
                    new Candidate(
                            "scenario send --dev-inbox, SCENARIO_CDS=off", devInbox, Map.of("SCENARIO_CDS", "off")));

            Map<String, List<Long>> millis = new LinkedHashMap<>();
            candidates.forEach(c -> millis.put(c.name(), new ArrayList<>()));
            for (int round = 0; round <= runs; round++) {
                for (Candidate c : candidates) {
                    long took = start(c, work);
                    if (round > 0) {
                        millis.get(c.name()).add(took);
                    }
                }
            }
            long expected = (runs + 1L) * 2; // the reference's and the plain send's, each round
            if (server.received() != expected) {
                throw new IllegalStateException(
                        "the loopback server received " + server.received() + " mails, not " + expected);
            }
            return report(millis, candidates.get(0).name(), runs);
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** One start: wall milliseconds from process start to exit; fails unless it exits 0. */
    private static long start(Candidate c, Path work) throws IOException, InterruptedException {
        Path output = work.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(c.command())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("SCENARIO_JAVA_OPTS");
        builder.environment().putAll(c.environment());
        long begin = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(c.name() + ": no exit within " + TIMEOUT_SECONDS + " s");
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(c.name() + ": exit code " + process.exitValue() + "\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return took;
    }

    /** A workspace whose one connection points at the loopback server, plain SMTP; one path {@code orders}. */
    private static Path workspace(Path dir, int port) throws IOException {
        Files.createDirectories(dir.resolve("connections"));
        Files.createDirectories(dir.resolve("paths"));
        Files.writeString(dir.resolve("connections/mail.yaml"), """
                type: smtp
                systemName: mail
                server: 127.0.0.1
                port: %d
                encryption: none
                authentication: none
                connectTimeout: 5s
                readTimeout: 5s
                writeTimeout: 5s
                senderAddress: shop@example.com
                checkWithoutSending: true
                """.formatted(port));
        Files.writeString(dir.resolve("paths/orders.yaml"), """
                type: smtp-send
                systemName: orders
                connection: mail
                attributes:
                  - name: OrderNo
                    required: true
                subject: "Order {OrderNo}"
                body: "Your order {OrderNo} is on its way."
                """);
        return dir;
    }

    private static String report(Map<String, List<Long>> millis, String reference, int runs) {
        long base = median(millis.get(reference));
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, "start-up, wall time from process start to exit, median of %d runs%n", runs));
        out.append("| candidate | median ms | min ms | max ms | / reference |\n|---|---|---|---|---|\n");
        millis.forEach((name, values) -> {
            long median = median(values);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %.2f× |%n",
                    name,
                    median,
                    values.stream().mapToLong(Long::longValue).min().orElse(0),
                    values.stream().mapToLong(Long::longValue).max().orElse(0),
                    (double) median / base));
        });
        return out.toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
