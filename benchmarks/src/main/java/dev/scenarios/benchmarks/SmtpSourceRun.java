package dev.scenarios.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's {@code smtp-source} (a C client, one reused session per worker, no pipelining) against the same server,
 * session count and message size: the reference the path pipeline is held to.
 */
final class SmtpSourceRun {

    private SmtpSourceRun() {}

    /** The {@code smtp-source} found on this machine, if any. */
    static Path find() {
        for (String candidate : List.of("/usr/sbin/smtp-source", "/usr/bin/smtp-source")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs it long enough to fill about {@code measure}: a short calibration run, then the measured one. */
    static Measurement.Result run(Path smtpSource, Target target, int sessions, int sizeBytes, Duration measure)
            throws IOException, InterruptedException {
        long calibration = 2_000L * sessions;
        Duration probe = time(smtpSource, target, sessions, sizeBytes, calibration);
        long messages =
                Math.max(calibration, (long) (calibration * (double) measure.toNanos() / Math.max(1, probe.toNanos())));
        Duration elapsed = time(smtpSource, target, sessions, sizeBytes, messages);
        return new Measurement.Result(
                "smtp-source",
                target.security(),
                sessions,
                sizeBytes,
                messages,
                elapsed,
                messages / (elapsed.toNanos() / 1e9),
                0,
                0);
    }

    private static Duration time(Path smtpSource, Target target, int sessions, int sizeBytes, long messages)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        smtpSource.toString(),
                        "-d",
                        "-s",
                        String.valueOf(sessions),
                        "-m",
                        String.valueOf(messages),
                        "-l",
                        String.valueOf(sizeBytes),
                        "-f",
                        "bench@example.com",
                        "-t",
                        "sink@example.com",
                        target.host() + ":" + target.port())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long start = System.nanoTime();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("smtp-source did not finish within 10 minutes");
        }
        long elapsed = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IOException("smtp-source exited with " + process.exitValue());
        }
        return Duration.ofNanos(elapsed);
    }
}
