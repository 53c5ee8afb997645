package dev.scenarios.connector.smtp.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.smtp.internal.settings.OAuthSettings;
import dev.scenarios.connector.smtp.internal.settings.OAuthSettings.Flow;
import dev.scenarios.connector.smtp.internal.settings.OAuthSettings.Provider;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * The OAuth2 access tokens of one connection: fetched from the token endpoint with the JDK's HTTP client (form POST,
 * JSON answer), cached until {@link #EXPIRY_MARGIN} before they expire, fetched anew when expired or when the SMTP
 * server rejected the cached one. A refresh token the endpoint rotates replaces the configured one for the rest of the
 * run and, when the connection opted in with {@code writeBackRefreshToken}, is handed to the host to store
 * ({@code ConnectorContext.replaceSecret}). A static token is returned as configured. Thread-safe: one fetch at a time.
 *
 * <p>Created by {@code SmtpConnection} (one cache per opened connection) and by the connection check (which always
 * fetches). Every request is bounded by the connection's connect and read timeouts; TLS is verified against the JDK's
 * anchors plus {@code trustedCertificates}.
 */
public final class OAuthTokens {

    /** How long before its expiry a cached token is no longer used: covers clock skew and a slow SMTP session. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    /** What a token is assumed to live when the endpoint gives no {@code expires_in} (RFC 6749 only recommends it). */
    private static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OAuthSettings settings;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final TokenEndpointErrors errors;
    private final HttpClient client;
    private final Consumer<String> rotatedRefreshTokens;
    private AccessToken cached;
    private String refreshToken;

    /** @param tls the connection's TLS context (JDK anchors plus trustedCertificates); no I/O here */
    public OAuthTokens(
            OAuthSettings settings,
            SSLContext tls,
            Duration connectTimeout,
            Duration readTimeout,
            Clock clock,
            Messages messages) {
        this(settings, tls, connectTimeout, readTimeout, clock, messages, rotated -> {});
    }

    /** @param rotatedRefreshTokens receives a refresh token the endpoint rotated, to store it for the next start */
    public OAuthTokens(
            OAuthSettings settings,
            SSLContext tls,
            Duration connectTimeout,
            Duration readTimeout,
            Clock clock,
            Messages messages,
            Consumer<String> rotatedRefreshTokens) {
        this.rotatedRefreshTokens = rotatedRefreshTokens;
        this.settings = settings;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.errors = new TokenEndpointErrors(settings, messages);
        this.refreshToken = settings.refreshToken();
        this.client = settings.renewable() ? httpClient(tls, connectTimeout) : null;
    }

    /**
     * The token cache of a connection as the connector uses it: a rotated refresh token goes to
     * {@code context.replaceSecret} when {@code writeBackRefreshToken} is set. No I/O.
     */
    public static OAuthTokens of(SmtpSettings settings, SSLContext tls, ConnectorContext context, Messages messages) {
        OAuthSettings oauth = settings.oauth();
        Consumer<String> store = oauth.writeBackRefreshToken()
                ? rotated -> context.replaceSecret(settings.systemName(), "refreshToken", rotated)
                : rotated -> {};
        return new OAuthTokens(
                oauth, tls, settings.connectTimeout(), settings.readTimeout(), context.clock(), messages, store);
    }

    private static HttpClient httpClient(SSLContext tls, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        // The JDK's client uses no proxy unless given one: honour the JVM's proxy settings (https.proxyHost, ...).
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        return builder.build();
    }

    /** The settings this cache serves. */
    public OAuthSettings settings() {
        return settings;
    }

    /**
     * A token to authenticate with: the cached one unless it expires within the margin, else a new one from the
     * endpoint (network I/O, bounded by the timeouts). Called by the sender before each new SMTP session.
     *
     * @throws TokenException when no token can be obtained; its failure says why, without secrets
     */
    public synchronized AccessToken current() throws TokenException {
        if (!settings.renewable()) {
            return staticToken();
        }
        if (cached == null || cached.expiresWithin(EXPIRY_MARGIN, clock.instant())) {
            cached = request();
        }
        return cached;
    }

    /**
     * A new token after the SMTP server rejected {@code rejected} (revoked early, or permissions changed since it was
     * issued). Fetches unless another thread already replaced it. Network I/O.
     *
     * @throws TokenException when no token can be obtained
     * @throws IllegalStateException for a static token, which cannot be renewed
     */
    public synchronized AccessToken renewAfterRejection(AccessToken rejected) throws TokenException {
        if (!settings.renewable()) {
            throw new IllegalStateException("a static access token cannot be renewed");
        }
        if (cached == null || cached.value().equals(rejected.value())) {
            cached = request();
        }
        return cached;
    }

    /**
     * Always asks the endpoint (or returns the static token), and caches the answer: the connection check's
     * {@code token} step. Network I/O.
     *
     * @throws TokenException when no token can be obtained
     */
    public synchronized AccessToken fetch() throws TokenException {
        if (!settings.renewable()) {
            return staticToken();
        }
        cached = request();
        return cached;
    }

    /** Where tokens come from, for the check's detail: the endpoint URL, or the static token (by its label). */
    public LocalizedMessage source(Messages texts) {
        return settings.endpoint() == null
                ? texts.message("check.detail.token.static")
                : LocalizedMessage.verbatim("POST " + settings.endpoint());
    }

    private AccessToken staticToken() {
        return new AccessToken(settings.accessToken(), null, null, false);
    }

    private AccessToken request() throws TokenException {
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(readTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(), StandardCharsets.UTF_8))
                .build();
        Duration limit = connectTimeout.plus(readTimeout);
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request timeout stops at the response headers; this bounds the body as well.
            response = pending.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw errors.unreachable(e, limit);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw errors.unreachable(e, readTimeout);
        } catch (ExecutionException e) {
            throw errors.unreachable(
                    e.getCause(), e.getCause() instanceof HttpConnectTimeoutException ? connectTimeout : readTimeout);
        }
        return parse(response);
    }

    private AccessToken parse(HttpResponse<byte[]> response) throws TokenException {
        int status = response.statusCode();
        byte[] bytes = response.body();
        String raw = new String(bytes, 0, Math.min(bytes.length, MAX_BODY), StandardCharsets.UTF_8);
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            body = null;
        }
        if (status / 100 != 2) {
            throw errors.refused(
                    status,
                    body != null && body.isObject() ? body : null,
                    raw.length() > 200 ? raw.substring(0, 200) : raw);
        }
        if (body == null || !body.isObject()) {
            throw errors.malformed(status, "the answer is not a JSON object");
        }
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            throw errors.malformed(status, "no access_token in the answer");
        }
        String type = body.path("token_type").asText("Bearer");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw errors.malformed(status, "token_type " + type + " instead of Bearer");
        }
        long seconds = body.path("expires_in").asLong(-1);
        Instant expiresAt = clock.instant().plus(seconds > 0 ? Duration.ofSeconds(seconds) : ASSUMED_LIFETIME);
        String rotated = body.path("refresh_token").asText("");
        boolean rotation = settings.flow() == Flow.REFRESH_TOKEN && !rotated.isEmpty() && !rotated.equals(refreshToken);
        if (rotation) {
            refreshToken = rotated;
            rotatedRefreshTokens.accept(rotated);
        }
        String scope = body.path("scope").asText(settings.scope());
        return new AccessToken(token, expiresAt, scope, rotation);
    }

    /** The form of the token request; holds secrets, so it goes nowhere but the request body. */
    private String form() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", settings.flow() == Flow.CLIENT_CREDENTIALS ? "client_credentials" : "refresh_token");
        form.put("client_id", settings.clientId());
        if (settings.clientSecret() != null) {
            form.put("client_secret", settings.clientSecret());
        }
        if (settings.flow() == Flow.REFRESH_TOKEN) {
            form.put("refresh_token", refreshToken);
        }
        // Google's refresh keeps the scopes granted with the refresh token; only send one when asked to.
        boolean sendScope = settings.scope() != null
                && (settings.provider() != Provider.GOOGLE
                        || settings.flow() == Flow.CLIENT_CREDENTIALS
                        || !OAuthSettings.GOOGLE_SCOPE.equals(settings.scope()));
        if (sendScope) {
            form.put("scope", settings.scope());
        }
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return "OAuthTokens[" + settings + (cached == null ? "" : ", " + cached) + "]";
    }
}
