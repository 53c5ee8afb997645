package dev.scenarios.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a candidate with {@code sessions} concurrent senders for a fixed time and reports messages per second, process
 * CPU time per message and the peak heap. Time-boxed rather than count-boxed so that a slow candidate (22 msg/s) and a
 * fast one (thousands) cost the same wall time.
 */
final class Measurement {

    record Result(
            String candidate,
            String security,
            int sessions,
            int sizeBytes,
            long messages,
            Duration elapsed,
            double messagesPerSecond,
            double cpuMicrosPerMessage,
            long peakHeapBytes) {}

    private Measurement() {}

    static Result run(
            Candidate candidate, String security, int sessions, int sizeBytes, Duration warmUp, Duration measure)
            throws Exception {
        drive(candidate, sessions, sizeBytes, warmUp);
        System.gc();
        resetPeakHeap();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long sent = drive(candidate, sessions, sizeBytes, measure);
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        return new Result(
                candidate.name(),
                security,
                sessions,
                sizeBytes,
                sent,
                Duration.ofNanos(elapsed),
                sent / (elapsed / 1e9),
                sent == 0 ? 0 : cpu / 1e3 / sent,
                peakHeap());
    }

    private static long drive(Candidate candidate, int sessions, int sizeBytes, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        AtomicLong counter = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        candidate.send(counter.getAndIncrement(), sizeBytes);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return counter.get();
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static void resetPeakHeap() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
    }
}
