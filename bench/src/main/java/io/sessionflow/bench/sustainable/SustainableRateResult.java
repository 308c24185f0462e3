package io.sessionflow.bench.sustainable;

import java.util.List;
import java.util.Optional;

import io.sessionflow.bench.load.LatencyStep;

/**
 * What the search for one provider's highest sustainable rate found.
 *
 * @param provider      the workload
 * @param probes        the short probes, in the order run
 * @param probed        the highest rate a probe sustained; 0 when none did
 * @param confirmations the long steps from that rate down, in the order run; empty when no probe was sustained
 * @param confirmed     the rate a confirmation sustained (the answer); 0 when none did
 */
public record SustainableRateResult(
        String provider, List<LatencyStep> probes, int probed, List<LatencyStep> confirmations, int confirmed) {

    /** The minute that held the highest sustainable rate, if one did. */
    public Optional<LatencyStep> sustainedConfirmation() {
        return confirmed == 0 ? Optional.empty() : Optional.of(confirmations.get(confirmations.size() - 1));
    }
}
