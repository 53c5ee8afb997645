package dev.scenarios.benchmarks;

/** One way of sending mail that the benchmark measures. Thread-safe: sessions send concurrently. */
interface Candidate extends AutoCloseable {

    /** A short name for the report, e.g. {@code path} or {@code camel-mail}. */
    String name();

    /** Sends message number {@code index} of {@code sizeBytes}; returns when the server accepted it. */
    void send(long index, int sizeBytes) throws Exception;

    @Override
    void close() throws Exception;
}
