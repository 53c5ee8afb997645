package dev.scenarios.connector.smtp.internal.oauth;

import java.time.Duration;
import java.time.Instant;

/**
 * An OAuth2 access token and what is known about it. {@link #toString()} never shows the token.
 *
 * @param value the bearer token, sent as the XOAUTH2 password: never log it
 * @param expiresAt when the provider says it expires; null when unknown (a static token)
 * @param scope the scope the provider granted, or the one asked for, or null
 * @param refreshTokenRotated whether the provider returned a new refresh token with it
 */
public record AccessToken(String value, Instant expiresAt, String scope, boolean refreshTokenRotated) {

    /** Whether the token expires within {@code margin} of {@code now} (never, when the expiry is unknown). */
    boolean expiresWithin(Duration margin, Instant now) {
        return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
    }

    /** What the check shows: expiry, scope and rotation, never the token. */
    public String describe(Instant now) {
        String expiry = expiresAt == null
                ? "expiry unknown"
                : "expires in " + Math.max(0, Duration.between(now, expiresAt).toSeconds()) + "s (" + expiresAt + ")";
        return "Bearer token" + (scope == null ? "" : " for " + scope) + ", " + expiry
                + (refreshTokenRotated ? ", refresh token rotated (kept for this run)" : "");
    }

    @Override
    public String toString() {
        return "AccessToken[****" + (expiresAt == null ? "" : ", expires " + expiresAt) + "]";
    }
}
