package io.sessionflow.bench.overload;

import java.util.List;

import io.sessionflow.bench.load.LatencyStep;
import org.HdrHistogram.Histogram;

/**
 * What the overload phase measured for one provider.
 *
 * @param ramp             the ramp's steps, in order; the last one is the first the app did not sustain (unless
 *                         the ramp reached its top)
 * @param capacity         the highest ramp rate sustained (every call answered 2xx but for one in a thousand
 *                         refused with a 503, p99 within the ramp's bound)
 * @param atCapacity       a step at {@code capacity}, the reference
 * @param overload         the steps past capacity, with the latency of their 503 answers and the admission limit
 * @param recovery         the load at {@code capacity} that follows the last overload step at once, by second
 * @param recoverySeconds  seconds after the overload stopped from which every second was normal; -1 if never
 * @param normalP99Millis  what a normal second's p99 is at most (twice the p99 at capacity)
 */
public record OverloadResult(
        String provider,
        List<Step> ramp,
        int capacity,
        Step atCapacity,
        List<Overloaded> overload,
        List<RecoveryWindows.Window> recovery,
        int recoverySeconds,
        double normalP99Millis) {

    /**
     * A load step, the admission limit the app reported at its end (-1 when it could not be read) and what else its
     * metrics said then.
     */
    public record Step(LatencyStep load, double admissionLimit, AppSignals signals) {}

    /** A step past capacity: its load, the latency of its 503 answers (microseconds), and its multiple of capacity. */
    public record Overloaded(double multiple, Step step, Histogram refusedMicros) {

        public long refused() {
            return step.load().errors().getOrDefault("503", 0L);
        }

        public double refusedMillis(double percentile) {
            if (refusedMicros.getTotalCount() == 0) {
                return Double.NaN;
            }
            return (percentile >= 100 ? refusedMicros.getMaxValue() : refusedMicros.getValueAtPercentile(percentile))
                    / 1000.0;
        }

        /** Errors other than 503. */
        public long otherErrors() {
            return step.load().errorCount() - refused();
        }
    }
}
