package dev.scenarios.connector.smtp.internal.mime;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.Messages;

/**
 * The path type's localized texts ({@code path_messages_en/ru.properties}) and the one way this package turns a bad
 * message into a {@link DeliveryException}.
 */
public final class PathTexts {

    public static final Messages MESSAGES = Messages.of("dev.scenarios.connector.smtp.path_messages", PathTexts.class);

    private PathTexts() {}

    /**
     * A {@link FailureKind#CONFIGURATION} failure with the text of {@code key} in every language (English as its
     * message).
     */
    public static DeliveryException configurationError(String key, Object... args) {
        return DeliveryException.builder(FailureKind.CONFIGURATION)
                .message(MESSAGES.message(key, args))
                .build();
    }
}
