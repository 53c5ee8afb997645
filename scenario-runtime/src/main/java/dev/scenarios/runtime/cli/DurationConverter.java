package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.support.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --duration} in the SPI's one duration grammar ({@link Durations}): {@code 500ms}, {@code 10s},
 * {@code 2m}, {@code 1h}, {@code 1d} or {@code PT10S}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value)
                .orElseThrow(() ->
                        new TypeConversionException("'" + value + "' is not a duration such as 10s, 2m, 1d or PT10S"));
    }
}
