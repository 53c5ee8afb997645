package dev.scenarios.connector.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a connection check, e.g. {@code tcp-connect} or {@code auth}.
 *
 * @param name a stable step id: hosts translate it with the type's messages under {@code step.<name>}
 * @param status whether the step passed, failed or was not reached
 * @param elapsed how long the step took (zero when skipped)
 * @param detail what the step saw, e.g. {@code TLSv1.3 TLS_AES_256_GCM_SHA384, CN=mail.example.com, expires 2027-03-01}; never a secret
 */
public record CheckStep(String name, Status status, Duration elapsed, String detail) {

    /** The outcome of one step. */
    public enum Status { PASSED, FAILED, SKIPPED }

    public CheckStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        detail = detail == null ? "" : detail;
    }
}
