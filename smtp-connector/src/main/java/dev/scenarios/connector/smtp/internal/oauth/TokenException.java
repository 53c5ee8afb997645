package dev.scenarios.connector.smtp.internal.oauth;

import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.smtp.internal.outcome.Failure;
import java.util.List;
import java.util.Locale;

/**
 * No access token could be obtained: the endpoint was unreachable, timed out, failed TLS, or the provider refused the
 * request. Carries the classified {@link Failure}; its message and detail never contain a secret or a token. Thrown by
 * {@link OAuthTokens}.
 */
public final class TokenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    TokenException(FailureKind kind, LocalizedMessage message, String detail) {
        super(message.in(Locale.ENGLISH) + " [" + detail + "]");
        this.failure = new Failure(kind, message, 0, List.of(), false, detail);
    }

    /** The failure to report: kind, localized message and support detail. */
    public Failure failure() {
        return failure;
    }
}
