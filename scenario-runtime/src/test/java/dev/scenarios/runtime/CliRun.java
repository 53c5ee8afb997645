package dev.scenarios.runtime;

import dev.scenarios.runtime.cli.ScenarioCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

/** Runs the real picocli command in this JVM with the fake connector and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static final Map<String, String> ENVIRONMENT = Map.of("MAIL_PASSWORD", "s3cret-Pa55");

    static CliRun of(String... args) {
        return with(TestWorkspace.FAKE, args);
    }

    static CliRun with(Connectors connectors, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ScenarioCommand.execute(
                args, new PrintWriter(out, true), new PrintWriter(err, true), connectors, ENVIRONMENT, Locale.ENGLISH);
        return new CliRun(code, out.toString(), err.toString());
    }
}
