package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "done when": the runtime ({@code scenario run} in its own JVM) is killed with {@code kill -9} at a random
 * moment in several rounds — while two scenarios enqueue and the sender delivers to a real SMTP sink, while it enqueues
 * with the relay unreachable, and while it only drains a backlog. A last run drains what is left. Then every message
 * whose step returned was delivered, a message arrived twice only with the same Message-ID and flagged
 * {@code POSSIBLE_DUPLICATE}, no file is left in the queue, and {@code events.log} has exactly one {@code SENT} line
 * for each message the sink received.
 */
class RepeatedCrashTest {

    private static final Pattern ACCEPTED = Pattern.compile("ACCEPTED (R\\d+[ab]-\\d+)");
    private static final Pattern ORDER = Pattern.compile("Order (R\\d+[ab]-\\d+)");

    @TempDir
    Path dir;

    private enum Round {
        /** Scenarios enqueue while the sender delivers to the sink; killed while both go on. */
        ENQUEUE_AND_SEND,
        /** Scenarios enqueue while the relay refuses connections (a backlog builds); killed while enqueuing. */
        ENQUEUE_ONLY,
        /** {@code --queue-only} drains the backlog to the sink; killed while sending. */
        SEND_ONLY
    }

    @Test
    void killedAtRandomMomentsLosesNothingAndDuplicatesOnlyFlagged() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        GreenMail sink = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        try {
            int sinkPort = sink.getSmtp().getPort();
            DeliveryWorkspace ws = DeliveryWorkspace.create(
                    dir, sinkPort, "delivery: queued\nretry:\n  backoff: [200ms]\n  jitter: 0\n");
            ws.connectTo(sinkPort, "5s");
            Set<String> accepted = new HashSet<>();
            List<Round> rounds = List.of(
                    Round.ENQUEUE_AND_SEND,
                    Round.ENQUEUE_ONLY,
                    Round.SEND_ONLY,
                    Round.ENQUEUE_AND_SEND,
                    Round.ENQUEUE_ONLY,
                    Round.SEND_ONLY,
                    Round.ENQUEUE_AND_SEND);
            StringBuilder story = new StringBuilder("seed " + seed + "\n");
            for (int r = 0; r < rounds.size(); r++) {
                Round round = rounds.get(r);
                String log = "round" + r + ".log";
                Process runtime;
                if (round == Round.SEND_ONLY) {
                    ws.connectTo(sinkPort, "5s");
                    Files.deleteIfExists(dir.resolve("scenarios/orders.yaml"));
                    int sentBefore = sentLines(ws);
                    runtime = start(ws, log, "--queue-only");
                    boolean sending =
                            await(Duration.ofSeconds(60), () -> sentLines(ws) > sentBefore || !runtime.isAlive());
                    assertThat(sending).as(read(log)).isTrue();
                } else {
                    ws.connectTo(round == Round.ENQUEUE_ONLY ? refusingPort() : sinkPort, "5s");
                    ws.files.write("scenarios/orders.yaml", scenario("R" + r));
                    runtime = start(ws, log);
                    boolean enqueuing =
                            await(Duration.ofSeconds(60), () -> read(log).contains("ACCEPTED") || !runtime.isAlive());
                    assertThat(enqueuing).as(read(log)).isTrue();
                }
                assertThat(runtime.isAlive()).as(read(log)).isTrue();
                long delay = random.nextInt(1500);
                // A bounded pause, not a sleep for synchronisation: the kill lands at an arbitrary point.
                runtime.waitFor(delay, TimeUnit.MILLISECONDS);
                runtime.destroyForcibly();
                assertThat(runtime.waitFor(20, TimeUnit.SECONDS)).isTrue();
                accepted.addAll(accepted(read(log)));
                story.append(round)
                        .append(" at ")
                        .append(Instant.now())
                        .append(" killed after ")
                        .append(delay)
                        .append(" ms; accepted so far ")
                        .append(accepted.size())
                        .append(", received ")
                        .append(sink.getReceivedMessages().length)
                        .append('\n');
            }

            // The last run: a minute later for the queue (content written just before a kill is adopted only
            // once it is older than a minute, in case a one-shot `scenario send` is still writing it).
            ws.connectTo(sinkPort, "5s");
            Files.deleteIfExists(dir.resolve("scenarios/orders.yaml"));
            olderByTwoMinutes(dir.resolve("data/queue"));
            story.append("drain from ").append(Instant.now()).append('\n');
            Process drain = start(ws, "drain.log", "--queue-only");
            try {
                boolean drained = await(
                        Duration.ofSeconds(90),
                        () -> !drain.isAlive()
                                || ws.queued().isEmpty()
                                        && sentLines(ws) > 0
                                        && received(sink).values().stream()
                                                        .mapToInt(Integer::intValue)
                                                        .sum()
                                                >= accepted.size()
                                        && queueFiles(dir.resolve("data/queue")).isEmpty());
                assertThat(drained)
                        .as(story + read("drain.log") + queueFiles(dir.resolve("data/queue")))
                        .isTrue();
            } finally {
                drain.destroy();
                assertThat(drain.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            story.append("drained at ").append(Instant.now()).append('\n');
            Map<String, Integer> copies = received(sink);
            Map<String, Set<String>> idsByOrder = new HashMap<>();
            for (MimeMessage m : sink.getReceivedMessages()) {
                Matcher order = ORDER.matcher(m.getSubject());
                assertThat(order.find()).as(m.getSubject()).isTrue();
                idsByOrder.computeIfAbsent(order.group(1), k -> new HashSet<>()).add(m.getMessageID());
            }
            String context = story + "accepted " + accepted.size() + ", received "
                    + copies.values().stream().mapToInt(Integer::intValue).sum() + " copies of " + copies.size()
                    + " messages";
            assertThat(accepted).as(context).isNotEmpty();
            assertThat(idsByOrder.keySet())
                    .as("every accepted message delivered; " + context)
                    .containsAll(accepted);
            idsByOrder.forEach((order, ids) ->
                    assertThat(ids).as("one Message-ID per order " + order).hasSize(1));

            List<String> journal = ws.journal();
            Set<String> flagged = journal.stream()
                    .filter(l -> l.contains(" POSSIBLE_DUPLICATE "))
                    .map(l -> l.split(" ")[3])
                    .collect(Collectors.toSet());
            copies.forEach((id, n) -> {
                if (n > 1) {
                    assertThat(flagged)
                            .as("a duplicate must be one the journal flagged; " + context)
                            .contains(id);
                }
            });
            List<String> sent = journal.stream()
                    .filter(l -> l.contains(" SENT "))
                    .map(l -> l.split(" ")[3])
                    .toList();
            assertThat(sent)
                    .as("one SENT line per message the sink received; " + context)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(copies.keySet());
            assertThat(journal)
                    .as("nothing dead or damaged")
                    .noneMatch(l -> l.contains(" DEAD ") || l.contains(" DAMAGED "));
            assertThat(queueFiles(dir.resolve("data/queue")))
                    .as("no file left in the queue")
                    .isEmpty();
            // The rounds' story (seed, kill delays, counts) in the test's output, to reproduce a failure.
            System.out.println(context + ", " + flagged.size() + " flagged as possible duplicates");
        } finally {
            sink.stop();
        }
    }

    /** Two routes enqueue at once, each logging the order after its step returned (the message is then durable). */
    private static String scenario(String round) {
        StringBuilder yaml = new StringBuilder();
        for (String producer : List.of("a", "b")) {
            yaml.append("""
                    - route:
                        from:
                          uri: timer:orders-%2$s?repeatCount=600&period=1&includeMetadata=true
                          steps:
                            - setVariable:
                                name: OrderNo
                                simple: "%1$s%2$s-${header.CamelTimerCounter}"
                            - setVariable:
                                name: To
                                constant: '[{"Address": "anna@example.com"}]'
                            - to: path:orders
                            - log: "ACCEPTED ${variable.OrderNo}"
                    """.formatted(round, producer));
        }
        return yaml.toString();
    }

    private Process start(DeliveryWorkspace ws, String logName, String... options) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java, "-cp", classPath, "dev.scenarios.runtime.cli.ScenarioCommand", "run", ws.files.dir.toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile())
                .start();
    }

    /** A loopback port nobody listens on: connections are refused, so the sender defers every message. */
    private static int refusingPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Set<String> accepted(String log) {
        Set<String> out = new HashSet<>();
        Matcher m = ACCEPTED.matcher(log);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Map<String, Integer> received(GreenMail sink) {
        Map<String, Integer> copies = new HashMap<>();
        try {
            for (MimeMessage m : sink.getReceivedMessages()) {
                copies.merge(m.getMessageID(), 1, Integer::sum);
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return copies;
    }

    private static int sentLines(DeliveryWorkspace ws) {
        return (int) ws.journal().stream().filter(l -> l.contains(" SENT ")).count();
    }

    /** Every file under the queue's folders (events.log and the runtime's lock aside). */
    private static List<Path> queueFiles(Path queue) {
        if (!Files.isDirectory(queue)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(queue)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getParent().equals(queue))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void olderByTwoMinutes(Path queue) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(Duration.ofMinutes(2)));
        try (Stream<Path> files = Files.walk(queue)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, then);
            }
        }
    }

    private String read(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "(no output)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
