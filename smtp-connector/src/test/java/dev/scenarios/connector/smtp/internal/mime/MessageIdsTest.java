package dev.scenarios.connector.smtp.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 6: Message-IDs minted by two processes (16 concurrent {@code scenario send}s) differed only by the
 * millisecond. Now: a million ids from four threads here and a second JVM at the same time, no two alike, each with at
 * least 96 random bits.
 */
class MessageIdsTest {

    private static final int PER_JVM = 500_000;
    private static final int THREADS = 4;

    /** The second JVM: prints {@code args[0]} ids, one a line. */
    public static void main(String[] args) {
        PrintStream out =
                new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.US_ASCII);
        for (int i = Integer.parseInt(args[0]); i > 0; i--) {
            out.println(MessageIds.mint("example.com"));
        }
        out.flush();
    }

    @Test
    void aMillionIdsFromSeveralThreadsAndTwoJvmsAreAllDifferent() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(
                        java, "-cp", classPath, MessageIdsTest.class.getName(), String.valueOf(PER_JVM))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<String[]>> parts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            parts.add(pool.submit(() -> {
                String[] ids = new String[PER_JVM / THREADS];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = MessageIds.mint("example.com");
                }
                return ids;
            }));
        }
        List<String> all = new ArrayList<>(2 * PER_JVM);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = lines.readLine()) != null; ) {
                all.add(line);
            }
        }
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(all).hasSize(PER_JVM);
        for (Future<String[]> part : parts) {
            all.addAll(Arrays.asList(part.get(60, TimeUnit.SECONDS)));
        }
        pool.shutdown();

        assertThat(all).hasSize(2 * PER_JVM);
        assertThat(all).allMatch(id -> id.matches("<[a-z2-7]{26}\\.[0-9a-z]+@example\\.com>"));
        String[] sorted = all.toArray(String[]::new);
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            assertThat(sorted[i]).as("id %d of %d", i, sorted.length).isNotEqualTo(sorted[i - 1]);
        }
    }

    @Test
    void anIdCarriesTheSendersDomainInAscii() {
        assertThat(MessageIds.mint("пример.рф")).endsWith("@xn--e1afmkfd.xn--p1ai>");
        assertThat(MessageIds.mint("")).endsWith("@localhost>");
    }
}
