package dev.scenarios.connector.smtp.testing;

import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;

import java.nio.file.Path;
import java.util.Map;

/** Connection configurations with {@code authentication: oauth2} against loopback test servers. */
public final class OAuthConfigs {

    public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String CLIENT_SECRET = "cl1ent~S3cret.Value_xyz";
    public static final String REFRESH_TOKEN = "1//refresh-T0ken-original";
    public static final String MAILBOX = "alice";

    private OAuthConfigs() {}

    /**
     * Client credentials against {@code tokenUrl}, implicit TLS to 127.0.0.1:{@code smtpsPort}, trusting
     * {@code trusted}; full journal; sessions idle out after 1 ms so that each message opens (and authenticates) a new
     * SMTP session.
     */
    public static Map<String, Object> clientCredentials(int smtpsPort, String tokenUrl, Path trusted) {
        return with(
                plain(smtpsPort),
                "encryption",
                "ssl",
                "trustedCertificates",
                trusted.toString(),
                "idleTimeout",
                "1ms",
                "authentication",
                "oauth2",
                "username",
                MAILBOX,
                "oauthFlow",
                "client_credentials",
                "tokenEndpoint",
                tokenUrl,
                "clientId",
                CLIENT_ID,
                "clientSecret",
                CLIENT_SECRET,
                "scope",
                "https://outlook.office365.com/.default");
    }

    /** The refresh token flow, otherwise like {@link #clientCredentials}. */
    public static Map<String, Object> refreshToken(int smtpsPort, String tokenUrl, Path trusted) {
        return with(
                clientCredentials(smtpsPort, tokenUrl, trusted),
                "oauthFlow",
                "refresh_token",
                "refreshToken",
                REFRESH_TOKEN,
                "scope",
                "https://mail.google.com/");
    }

    /** A ready access token, no endpoint. */
    public static Map<String, Object> staticToken(int smtpsPort, Path trusted, String accessToken) {
        return with(
                clientCredentials(smtpsPort, "unused", trusted),
                "oauthFlow",
                "static_token",
                "tokenEndpoint",
                null,
                "clientId",
                null,
                "clientSecret",
                null,
                "scope",
                null,
                "accessToken",
                accessToken);
    }

    /**
     * Lets a pooled session's 1 ms idle timeout pass, so the next message opens a new session. A precondition of the
     * session pool (which reads the monotonic clock), not a wait for mail.
     */
    public static void letSessionsIdleOut() {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 3_000_000L) {
            Thread.onSpinWait();
        }
    }
}
