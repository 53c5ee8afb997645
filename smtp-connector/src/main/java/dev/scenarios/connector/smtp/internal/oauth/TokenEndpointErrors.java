package dev.scenarios.connector.smtp.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.smtp.internal.outcome.Failure;
import dev.scenarios.connector.smtp.internal.settings.OAuthSettings;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong at the token endpoint into a {@link TokenException} a user can act on: the well-known Microsoft
 * Entra ID codes ({@code AADSTS7000215} wrong client secret, {@code AADSTS700016} unknown application,
 * {@code AADSTS90002} unknown tenant) and the RFC 6749 error codes ({@code invalid_grant}, {@code invalid_client}, ...)
 * get their own advice; network failures are UNREACHABLE, TIMEOUT or TLS. The provider's description is kept, scrubbed
 * of every configured secret. Pure. Called by {@link OAuthTokens}.
 */
final class TokenEndpointErrors {

    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");
    private static final List<String> KNOWN_AADSTS = List.of("AADSTS7000215", "AADSTS700016", "AADSTS90002");
    private static final List<String> KNOWN_ERRORS = List.of(
            "invalid_grant",
            "invalid_client",
            "unauthorized_client",
            "invalid_scope",
            "invalid_request",
            "unsupported_grant_type");
    private static final int MAX_DESCRIPTION = 400;

    private final OAuthSettings settings;
    private final Messages messages;

    TokenEndpointErrors(OAuthSettings settings, Messages messages) {
        this.settings = settings;
        this.messages = messages;
    }

    /**
     * The provider refused the request with HTTP {@code status} and the JSON error {@code body} (may be null if not
     * JSON).
     */
    TokenException refused(int status, JsonNode body, String rawBody) {
        String error = body == null ? "" : body.path("error").asText("");
        String description =
                scrub(body == null ? rawBody : body.path("error_description").asText(""));
        String code = aadsts(body, description);
        String detail = endpoint() + ": HTTP " + status + (error.isEmpty() ? "" : " " + error)
                + (description.isEmpty() ? "" : ": " + description);
        if (body == null || error.isEmpty()) {
            return new TokenException(
                    FailureKind.PROTOCOL, messages.message("token.error.response", endpoint(), status), detail);
        }
        String key = code != null && KNOWN_AADSTS.contains(code)
                ? "token.error." + code.toLowerCase(Locale.ROOT)
                : KNOWN_ERRORS.contains(error) ? "token.error." + error : "token.error.other";
        return new TokenException(
                FailureKind.AUTHENTICATION, messages.message(key, withoutTraceIds(description), error, status), detail);
    }

    /** A 2xx answer that holds no usable token. */
    TokenException malformed(int status, String what) {
        return new TokenException(
                FailureKind.PROTOCOL,
                messages.message("token.error.response", endpoint(), status),
                endpoint() + ": HTTP " + status + ", " + what);
    }

    /** The request did not complete: {@code error} is what the HTTP client threw, {@code limit} the time allowed. */
    TokenException unreachable(Throwable error, Duration limit) {
        List<Throwable> chain = Failure.chain(error);
        String detail = endpoint() + ": " + scrub(describe(chain));
        String host = settings.endpoint().getHost();
        if (has(chain, HttpConnectTimeoutException.class)) {
            return new TokenException(
                    FailureKind.TIMEOUT, messages.message("token.error.connect.timeout", host, limit), detail);
        }
        if (has(chain, HttpTimeoutException.class) || has(chain, TimeoutException.class)) {
            return new TokenException(
                    FailureKind.TIMEOUT, messages.message("token.error.timeout", host, limit), detail);
        }
        if (has(chain, UnknownHostException.class) || has(chain, UnresolvedAddressException.class)) {
            return new TokenException(FailureKind.UNREACHABLE, messages.message("token.error.resolve", host), detail);
        }
        if (has(chain, SSLException.class)) {
            return new TokenException(FailureKind.TLS, messages.message("token.error.tls", host), detail);
        }
        // Refused connections (ConnectException) and anything else that broke the exchange.
        return new TokenException(
                FailureKind.UNREACHABLE, messages.message("token.error.unreachable", endpoint()), detail);
    }

    /** {@code text} with every configured secret replaced by {@code ****}, on one line. */
    String scrub(String text) {
        String out = text == null ? "" : text.replaceAll("[\\r\\n]+", " ").trim();
        for (String secret : settings.secrets()) {
            out = out.replace(secret, "****");
        }
        return out;
    }

    private String endpoint() {
        URI uri = settings.endpoint();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath();
    }

    private static String aadsts(JsonNode body, String description) {
        Matcher m = AADSTS.matcher(description);
        if (m.find()) {
            return m.group();
        }
        JsonNode codes = body == null ? null : body.path("error_codes");
        return codes != null && codes.isArray() && codes.size() > 0
                ? "AADSTS" + codes.get(0).asText()
                : null;
    }

    /** The provider's description without Microsoft's trailing trace and correlation ids, bounded. */
    private static String withoutTraceIds(String description) {
        int trace = description.indexOf(" Trace ID:");
        String out = trace > 0 ? description.substring(0, trace) : description;
        return out.length() > MAX_DESCRIPTION ? out.substring(0, MAX_DESCRIPTION) + "…" : out;
    }

    private static boolean has(List<Throwable> chain, Class<?> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static String describe(List<Throwable> chain) {
        StringBuilder out = new StringBuilder();
        for (Throwable t : chain) {
            out.append(out.length() == 0 ? "" : " <- ")
                    .append(t.getClass().getSimpleName())
                    .append(": ")
                    .append(t.getMessage());
        }
        return out.toString();
    }
}
