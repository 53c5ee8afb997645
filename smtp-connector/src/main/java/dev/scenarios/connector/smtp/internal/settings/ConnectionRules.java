package dev.scenarios.connector.smtp.internal.settings;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.api.support.Descriptors;
import dev.scenarios.connector.api.support.Durations;
import dev.scenarios.connector.smtp.internal.mime.HeaderSafety;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code smtp} rules the descriptors cannot express: the shape of {@code server}, the system name, strict address
 * parsing, insecure authentication, timeout ranges. Pure; never echoes the password. Called by
 * {@code SmtpConnectionType.validate} after the descriptor checks.
 */
public final class ConnectionRules {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
    private static final Pattern HOST_PORT = Pattern.compile("^([^:\\[\\]]+|\\[[0-9A-Fa-f:.]+\\]):(\\d*)$");
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]?");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private ConnectionRules() {}

    /** Adds the problems of {@code c} (already {@link SmtpSettings#normalize normalized}) to {@code out}. */
    public static void check(Configuration c, Messages messages, ValidationResult.Builder out) {
        c.optionalString("systemName")
                .filter(s -> !out.hasProblem("systemName") && !Descriptors.isSystemName(s))
                .ifPresent(s ->
                        out.add("systemName", "systemName.pattern", messages.message("problem.systemName.pattern", s)));
        c.optionalString("server").filter(s -> !out.hasProblem("server")).ifPresent(s -> checkServer(s, messages, out));
        for (String name : List.of("connectTimeout", "readTimeout", "writeTimeout", "idleTimeout")) {
            if (!out.hasProblem(name) && c.value(name) != null) {
                Durations.parse(String.valueOf(c.value(name)))
                        .filter(d -> d.isZero() || d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0)
                        .ifPresent(d -> out.add(
                                name,
                                name + ".range",
                                messages.message("problem.duration.range", name, c.value(name))));
            }
        }
        c.optionalString("heloName")
                .filter(s -> !out.hasProblem("heloName"))
                .filter(s -> !(HOST_NAME.matcher(s).matches() && heloAscii(s).isPresent())
                        && !ADDRESS_LITERAL.matcher(s).matches())
                .ifPresent(
                        s -> out.add("heloName", "heloName.invalid", messages.message("problem.heloName.invalid", s)));
        boolean credentials = !"none".equals(c.string("authentication"));
        boolean oauth2 = "oauth2".equals(c.string("authentication"));
        if (oauth2 && "none".equals(c.string("encryption"))) {
            // A bearer token is as good as a password to anyone who reads it: no opt-out here.
            out.add(
                    "authentication",
                    "authentication.oauth2.insecure",
                    messages.message("problem.authentication.oauth2.insecure"));
        } else if (credentials
                && "none".equals(c.string("encryption"))
                && !out.hasProblem("allowInsecureAuthentication")
                && !c.bool("allowInsecureAuthentication")) {
            out.add("authentication", "authentication.insecure", messages.message("problem.authentication.insecure"));
        }
        if (oauth2) {
            OAuthRules.check(c, messages, out);
        }
        c.optionalString("senderName")
                .filter(s -> !out.hasProblem("senderName"))
                .filter(HeaderSafety::containsLineBreak)
                .ifPresent(s ->
                        out.add("senderName", "senderName.invalid", messages.message("problem.senderName.invalid")));
        c.optionalString("senderAddress")
                .filter(s -> !out.hasProblem("senderAddress"))
                .ifPresent(s -> checkSender(s, messages, out));
        if (!out.hasProblem("testRecipients")) {
            for (String recipient : c.strings("testRecipients")) {
                strictProblem(recipient)
                        .ifPresent(reason -> out.add(
                                "testRecipients",
                                "testRecipients.invalid",
                                messages.message("problem.testRecipients.invalid", recipient, reason)));
            }
        }
    }

    /**
     * {@code heloName} as sent in EHLO: an internationalized name in punycode (EHLO is ASCII; Angus would mangle other
     * characters), or empty when it cannot be converted. Pure.
     */
    public static Optional<String> heloAscii(String heloName) {
        if (ADDRESS_LITERAL.matcher(heloName).matches()) {
            return Optional.of(heloName);
        }
        try {
            return Optional.of(IDN.toASCII(heloName, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void checkServer(String server, Messages messages, ValidationResult.Builder out) {
        Matcher scheme = SCHEME.matcher(server);
        if (scheme.find()) {
            out.add("server", "server.protocol", messages.message("problem.server.protocol", scheme.group()));
            return;
        }
        if (server.matches("(?i)^(smtps?|https?|ssl|tls):.*")) {
            out.add(
                    "server",
                    "server.protocol",
                    messages.message("problem.server.protocol", server.substring(0, server.indexOf(':') + 1)));
            return;
        }
        Matcher hostPort = HOST_PORT.matcher(server);
        if (hostPort.matches() && !IPV6.matcher(server).matches()) {
            out.add("server", "server.port", messages.message("problem.server.port", ":" + hostPort.group(2)));
            return;
        }
        boolean ipv6 = IPV6.matcher(server).matches()
                && server.chars().filter(ch -> ch == ':').count() >= 2;
        if (!ipv6 && !HOST_NAME.matcher(server).matches()) {
            out.add("server", "server.invalid", messages.message("problem.server.invalid", server));
        }
    }

    private static void checkSender(String address, Messages messages, ValidationResult.Builder out) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (parsed.getPersonal() != null) {
                out.add(
                        "senderAddress",
                        "senderAddress.personal",
                        messages.message("problem.senderAddress.personal", parsed.getPersonal()));
                return;
            }
        } catch (AddressException e) {
            out.add(
                    "senderAddress",
                    "senderAddress.invalid",
                    messages.message("problem.senderAddress.invalid", address, reason(e)));
            return;
        }
        strictProblem(address)
                .ifPresent(reason -> out.add(
                        "senderAddress",
                        "senderAddress.invalid",
                        messages.message("problem.senderAddress.invalid", address, reason)));
    }

    /** Why {@code address} fails Jakarta's strict RFC 822 parse, or empty. */
    private static Optional<String> strictProblem(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (!parsed.getAddress().contains("@")) {
                return Optional.of("missing domain");
            }
            return Optional.empty();
        } catch (AddressException e) {
            return Optional.of(reason(e));
        }
    }

    private static String reason(AddressException e) {
        // The exception's own text repeats the whole input after a semicolon; keep only the reason.
        String text = String.valueOf(e.getMessage());
        int cut = text.indexOf(" in string");
        return cut > 0 ? text.substring(0, cut) : text;
    }
}
