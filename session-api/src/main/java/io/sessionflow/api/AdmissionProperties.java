package io.sessionflow.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admission limit of create calls ({@code sessionflow.api.admission.*}); README's Configuration table
 * documents each.
 *
 * @param adaptive     whether the limit follows latency ({@link AdmissionLimit}: AIMD); when false it is
 *                     {@code maxLimit}, fixed
 * @param initialLimit the adaptive limit at start
 * @param minLimit     the adaptive limit never goes below this (a floor, so that a burst of slow answers, e.g.
 *                     a cold start, cannot shut the service)
 * @param maxLimit     the adaptive limit never goes above this (and the fixed limit); at most
 *                     {@code sessionflow.api.max-waiting} matters, which stays the hard bound
 * @param latencyTarget the latency, from a call's receipt to its answer, that the 90th percentile of admitted
 *                     calls should stay within: over it the limit shrinks
 * @param maxArrivalDelay a create that waited longer than this inside Tomcat before our first filter (for CPU,
 *                     behind the other requests) is refused at once: it is already late, and serving it would
 *                     make the calls behind it late too; zero: never
 */
@ConfigurationProperties("sessionflow.api.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean adaptive,
        @DefaultValue("100") int initialLimit,
        @DefaultValue("100") int minLimit,
        @DefaultValue("500") int maxLimit,
        @DefaultValue("100ms") Duration latencyTarget,
        @DefaultValue("0ms") Duration maxArrivalDelay) {

    public AdmissionProperties {
        if (maxLimit < 1) {
            throw new IllegalArgumentException(
                    "sessionflow.api.admission.max-limit must be at least 1, got " + maxLimit);
        }
        if (adaptive && (minLimit < 1 || maxLimit < minLimit || initialLimit < minLimit || initialLimit > maxLimit)) {
            throw new IllegalArgumentException("sessionflow.api.admission needs 1 <= min-limit <= initial-limit"
                    + " <= max-limit, got " + minLimit + ", " + initialLimit + ", " + maxLimit);
        }
        if (latencyTarget.isNegative() || latencyTarget.isZero()) {
            throw new IllegalArgumentException("sessionflow.api.admission.latency-target must be positive");
        }
        if (maxArrivalDelay.isNegative()) {
            throw new IllegalArgumentException("sessionflow.api.admission.max-arrival-delay must not be negative");
        }
    }
}
