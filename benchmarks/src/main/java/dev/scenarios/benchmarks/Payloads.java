package dev.scenarios.benchmarks;

import java.util.concurrent.ConcurrentHashMap;

/** Message bodies of a given size: readable ASCII lines, made once per size. */
final class Payloads {

    private static final ConcurrentHashMap<Integer, String> CACHE = new ConcurrentHashMap<>();

    private Payloads() {}

    static String text(int sizeBytes) {
        return CACHE.computeIfAbsent(sizeBytes, n -> {
            String line = "The quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQ.\r\n";
            StringBuilder out = new StringBuilder(n + line.length());
            while (out.length() < n) {
                out.append(line);
            }
            return out.substring(0, n);
        });
    }
}
