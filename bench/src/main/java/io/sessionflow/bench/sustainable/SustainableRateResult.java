package io.sessionflow.bench.sustainable;

import java.util.List;

import io.sessionflow.bench.load.LatencyStep;

/**
 * What the search for one provider's highest sustainable rate found.
 *
 * @param provider     the workload
 * @param probes       the short probes, in the order run
 * @param rate         the highest rate a probe sustained; 0 when none did
 * @param confirmation the long step at that rate; null when no probe was sustained
 * @param confirmed    whether the confirmation was sustained too
 */
public record SustainableRateResult(
        String provider, List<LatencyStep> probes, int rate, LatencyStep confirmation, boolean confirmed) {}
