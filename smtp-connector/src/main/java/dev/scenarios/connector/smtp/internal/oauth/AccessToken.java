package dev.scenarios.connector.smtp.internal.oauth;

import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.Messages;
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

    /**
     * What the check shows, in the reader's language: where the token came from, scope, expiry and rotation, never the
     * token. Called by the connection check; pure.
     *
     * @param source where tokens come from ({@link OAuthTokens#source})
     * @param now the check's clock, for the time left
     * @param messages the connection's texts ({@code check.detail.token.*})
     * @return the step's detail
     */
    public LocalizedMessage describe(LocalizedMessage source, Instant now, Messages messages) {
        Object shownScope = scope == null ? messages.message("check.detail.token.noScope") : scope;
        LocalizedMessage described = expiresAt == null
                ? messages.message("check.detail.token.noExpiry", source, shownScope)
                : messages.message(
                        "check.detail.token",
                        source,
                        shownScope,
                        String.valueOf(
                                Math.max(0, Duration.between(now, expiresAt).toSeconds())),
                        expiresAt.toString());
        return refreshTokenRotated ? messages.message("check.detail.token.rotated", described) : described;
    }

    @Override
    public String toString() {
        return "AccessToken[****" + (expiresAt == null ? "" : ", expires " + expiresAt) + "]";
    }
}
