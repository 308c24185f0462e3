package io.sessionflow.schemas.registry;

import java.time.Duration;

/**
 * How long a call to the schema registry may take: each attempt's connect and answer timeouts, and how often a call
 * that got no answer (timed out, refused, reset) is tried again, after a pause. An answer, even an error, is never
 * retried. A call gives up after at most {@code (retries + 1) × (connect + read) + retries × backoff}.
 *
 * @param connect  an attempt's TCP (and TLS) connection
 * @param read     an attempt's wait for the answer's status and headers, once the request is sent
 * @param retries  attempts after the first, 0 for none
 * @param backoff  the pause before each retry
 */
public record RegistryTimeouts(Duration connect, Duration read, int retries, Duration backoff) {

    public static final RegistryTimeouts DEFAULT =
            new RegistryTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Duration.ofMillis(500));

    public RegistryTimeouts {
        if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("The schema registry's connect and read timeouts must be positive");
        }
        if (retries < 0 || backoff.isNegative()) {
            throw new IllegalArgumentException("The schema registry's retries and retry backoff cannot be negative");
        }
    }
}
