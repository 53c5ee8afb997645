package dev.scenarios.connector.smtp.internal.settings;

import dev.scenarios.connector.api.Configuration;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The OAuth2 settings of an {@code smtp} connection with {@code authentication: oauth2}: how the access token is
 * obtained and for which mailbox. Presets are resolved here: {@code microsoft} becomes the tenant's v2.0 token
 * endpoint, {@code google} Google's, and the scope defaults per preset and flow. Immutable; {@link #toString()} shows
 * no secret.
 *
 * @param endpoint the token endpoint; null for {@link Flow#STATIC_TOKEN}
 * @param scope the scope to ask for; null when none is configured and the preset has no default
 */
public record OAuthSettings(
        Flow flow,
        Provider provider,
        URI endpoint,
        String clientId,
        String clientSecret,
        String refreshToken,
        String accessToken,
        String scope,
        boolean writeBackRefreshToken) {

    /** The {@code oauthFlow} setting. */
    public enum Flow {
        CLIENT_CREDENTIALS,
        REFRESH_TOKEN,
        STATIC_TOKEN
    }

    /** Whose endpoint it is; decides default scopes and which provider errors to expect. */
    public enum Provider {
        MICROSOFT,
        GOOGLE,
        OTHER
    }

    static final String MICROSOFT_ENDPOINT = "https://login.microsoftonline.com/%s/oauth2/v2.0/token";
    static final String GOOGLE_ENDPOINT = "https://oauth2.googleapis.com/token";
    static final String MICROSOFT_APP_SCOPE = "https://outlook.office365.com/.default";
    static final String MICROSOFT_DELEGATED_SCOPE = "https://outlook.office.com/SMTP.Send offline_access";
    public static final String GOOGLE_SCOPE = "https://mail.google.com/";

    /**
     * Reads the OAuth2 settings of a validated, normalized configuration whose authentication is oauth2. Pure.
     *
     * @throws IllegalArgumentException naming the property when a value has the wrong shape
     */
    static OAuthSettings from(Configuration c) {
        Flow flow = Flow.valueOf(c.string("oauthFlow").toUpperCase(Locale.ROOT));
        if (flow == Flow.STATIC_TOKEN) {
            return new OAuthSettings(
                    flow, Provider.OTHER, null, null, null, null, String.valueOf(c.value("accessToken")), null, false);
        }
        String endpoint = c.string("tokenEndpoint");
        Provider provider = switch (endpoint) {
            case "microsoft" -> Provider.MICROSOFT;
            case "google" -> Provider.GOOGLE;
            default ->
                endpoint.toLowerCase(Locale.ROOT).startsWith("https://login.microsoftonline.com/")
                        ? Provider.MICROSOFT
                        : endpoint.toLowerCase(Locale.ROOT).startsWith(GOOGLE_ENDPOINT)
                                ? Provider.GOOGLE
                                : Provider.OTHER;
        };
        URI uri = URI.create(
                switch (endpoint) {
                    case "microsoft" -> String.format(Locale.ROOT, MICROSOFT_ENDPOINT, c.string("tenantId"));
                    case "google" -> GOOGLE_ENDPOINT;
                    default -> endpoint;
                });
        String scope = c.optionalString("scope").orElseGet(() -> switch (provider) {
            case MICROSOFT -> flow == Flow.CLIENT_CREDENTIALS ? MICROSOFT_APP_SCOPE : MICROSOFT_DELEGATED_SCOPE;
            case GOOGLE -> GOOGLE_SCOPE;
            case OTHER -> null;
        });
        return new OAuthSettings(
                flow,
                provider,
                uri,
                c.string("clientId"),
                c.optionalString("clientSecret").orElse(null),
                flow == Flow.REFRESH_TOKEN ? c.string("refreshToken") : null,
                null,
                scope,
                flow == Flow.REFRESH_TOKEN && c.bool("writeBackRefreshToken"));
    }

    /** Whether a token can be fetched again (false for a static token, which only the user can replace). */
    public boolean renewable() {
        return flow != Flow.STATIC_TOKEN;
    }

    /** The configured secrets, for scrubbing texts that came from outside (provider error descriptions). */
    public List<String> secrets() {
        return Stream.of(clientSecret, refreshToken, accessToken)
                .filter(s -> s != null && !s.isEmpty())
                .toList();
    }

    @Override
    public String toString() {
        return "OAuthSettings[" + flow + " " + provider + (endpoint == null ? "" : " " + endpoint)
                + (clientId == null ? "" : " client " + clientId) + (scope == null ? "" : " scope " + scope) + "]";
    }
}
