package dev.scenarios.benchmarks;

import java.util.List;
import java.util.Locale;

/** Formats results: one line per cell while running, then a table with ours/baseline ratios. */
final class Report {

    private Report() {}

    static String line(Measurement.Result r) {
        return String.format(
                Locale.ROOT,
                "%-10s %-14s sessions=%d size=%6d  %9.1f msg/s  %8.1f µs CPU/msg  peak heap %5d MiB  (%d msgs in %.1f s)",
                r.candidate(),
                r.security(),
                r.sessions(),
                r.sizeBytes(),
                r.messagesPerSecond(),
                r.cpuMicrosPerMessage(),
                r.peakHeapBytes() >> 20,
                r.messages(),
                r.elapsed().toMillis() / 1000.0);
    }

    private static Measurement.Result same(
            List<Measurement.Result> results, String candidate, Measurement.Result ours) {
        return results.stream()
                .filter(b -> b.candidate().equals(candidate)
                        && b.security().equals(ours.security())
                        && b.sessions() == ours.sessions()
                        && b.sizeBytes() == ours.sizeBytes())
                .findFirst()
                .orElse(null);
    }

    private static String rate(Measurement.Result r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.0f", r.messagesPerSecond());
    }

    private static String ratio(Measurement.Result ours, Measurement.Result other) {
        return other == null || other.messagesPerSecond() == 0
                ? "-"
                : String.format(
                        Locale.ROOT,
                        other.messagesPerSecond() > ours.messagesPerSecond() ? "%.2f×" : "%.1f×",
                        ours.messagesPerSecond() / other.messagesPerSecond());
    }

    static String table(List<Measurement.Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "| security | sessions | size | path msg/s | camel-mail msg/s | path / camel-mail | smtp-source msg/s | path / smtp-source | path µs CPU/msg | camel-mail µs CPU/msg | path peak heap MiB |%n"));
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Measurement.Result ours : results) {
            if (!ours.candidate().equals("path")) {
                continue;
            }
            Measurement.Result base = same(results, "camel-mail", ours);
            Measurement.Result source = same(results, "smtp-source", ours);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d KB | %.0f | %s | %s | %s | %s | %.0f | %s | %d |%n",
                    ours.security(),
                    ours.sessions(),
                    ours.sizeBytes() / 1024,
                    ours.messagesPerSecond(),
                    rate(base),
                    ratio(ours, base),
                    rate(source),
                    ratio(ours, source),
                    ours.cpuMicrosPerMessage(),
                    base == null ? "-" : String.format(Locale.ROOT, "%.0f", base.cpuMicrosPerMessage()),
                    ours.peakHeapBytes() >> 20));
        }
        return out.toString();
    }
}
