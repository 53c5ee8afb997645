package dev.scenarios.connector.smtp.internal;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.Messages;
import java.util.Locale;

/**
 * The path type's localized texts ({@code path_messages_en/ru.properties}) and the one way this
 * package turns a bad message into a {@link DeliveryException}.
 */
public final class PathTexts {

    public static final Messages MESSAGES = Messages.of("dev.scenarios.connector.smtp.path_messages", PathTexts.class);

    private PathTexts() {
    }

    /**
     * A {@link FailureKind#CONFIGURATION} failure with the English text of {@code key}: the SPI's
     * exception carries one plain message, and English is what journals and logs use.
     */
    public static DeliveryException configurationError(String key, Object... args) {
        return new DeliveryException(FailureKind.CONFIGURATION, 0, MESSAGES.get(key, Locale.ENGLISH, args));
    }
}
