package dev.scenarios.runtime.internal.cli;

import picocli.CommandLine.Option;

/** The {@code --dev-inbox} flag of {@code run}, {@code send} and {@code check}. */
public final class DevInboxOption {

    @Option(names = "--dev-inbox", description = "Start an in-process SMTP server on 127.0.0.1, point every connection at it "
            + "for this run only, and print each message it receives.")
    boolean enabled;
}
