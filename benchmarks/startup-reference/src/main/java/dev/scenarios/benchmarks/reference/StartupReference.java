package dev.scenarios.benchmarks.reference;

import org.apache.camel.main.Main;

/**
 * The start-up reference of {@code ./benchmark --startup}: a minimal Camel Main application, as a Camel user writes
 * one, that loads one YAML route (a timer firing once, then {@code smtp://}) and stops after that one exchange. Called
 * by the benchmark in a fresh JVM per run; sends over loopback to the benchmark's server; exits 0 when Camel stopped.
 */
public final class StartupReference {

    private StartupReference() {}

    /** {@code args[0]}: the YAML route file. */
    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.routesIncludePattern", "file:" + args[0]);
        // Camel Main stops by itself once one exchange has completed.
        main.addInitialProperty("camel.main.durationMaxMessages", "1");
        main.run();
    }
}
