package dev.scenarios.connector.imap.internal.settings;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.api.support.Durations;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code imap} rules the descriptors cannot express: the system name, the shape of {@code server}, credentials over
 * plain text, the range of durations. Pure; never echoes the password. Called by {@code ImapConnectionType.rules}.
 */
public final class ConnectionRules {

    private static final Pattern SYSTEM_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern PORT = Pattern.compile("^[^:\\[\\]]+:\\d*$");
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    private static final Duration MAX_IDLE = Duration.ofMinutes(10);

    private ConnectionRules() {}

    /** Adds the problems of {@code c} to {@code out}. */
    public static void check(Configuration c, Messages messages, ValidationResult.Builder out) {
        c.optionalString("systemName")
                .filter(s ->
                        !out.hasProblem("systemName") && !SYSTEM_NAME.matcher(s).matches())
                .ifPresent(s ->
                        out.add("systemName", "systemName.pattern", messages.message("problem.systemName.pattern", s)));
        c.optionalString("server").filter(s -> !out.hasProblem("server")).ifPresent(s -> {
            if (SCHEME.matcher(s).matches()) {
                out.add("server", "server.scheme", messages.message("problem.server.scheme", s));
            } else if (PORT.matcher(s).matches()) {
                out.add("server", "server.port", messages.message("problem.server.port", s));
            } else if (s.contains("/") || s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
                out.add("server", "server.invalid", messages.message("problem.server.invalid", s));
            }
        });
        for (String name : List.of(
                "connectTimeout", "readTimeout", "writeTimeout", "pollInterval", "idleTimeout", "unreadyAfter")) {
            // RFC 2177 asks for a new IDLE at least every 29 minutes; servers and NATs drop silent ones much sooner.
            Duration max = name.equals("idleTimeout") ? MAX_IDLE : MAX_TIMEOUT;
            if (!out.hasProblem(name) && c.value(name) != null) {
                Durations.parse(String.valueOf(c.value(name)))
                        .filter(d -> d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(max) > 0)
                        .ifPresent(d -> out.add(
                                name,
                                name + ".range",
                                messages.message(
                                        name.equals("idleTimeout")
                                                ? "problem.idleTimeout.range"
                                                : "problem.duration.range",
                                        name,
                                        c.value(name))));
            }
        }
        if ("basic".equals(c.string("authentication"))
                && "none".equals(c.string("encryption"))
                && !out.hasProblem("allowInsecureAuthentication")
                && !c.bool("allowInsecureAuthentication")) {
            out.add("authentication", "authentication.insecure", messages.message("problem.authentication.insecure"));
        }
    }
}
