package io.sessionflow.bench.load;

import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One fixed-rate step of the open-loop load: what was sent, what came back, and the latency of
 * every successful answer measured from its intended send time, in microseconds.
 *
 * @param provider          the workload
 * @param rate              the scheduled rate, requests per second
 * @param plannedSeconds    how long the step was scheduled to send
 * @param sent              requests sent (every scheduled request is sent, late or not)
 * @param sendingNanos      from the first request's intended send time to the last request's actual send
 * @param answeringNanos    from the first intended send to the last answer
 * @param succeeded         answers the workload counts as success
 * @param errors            every other outcome: an HTTP status ("503"), or "timeout", "connect", ... for
 *                          calls without an answer, with counts
 * @param errorSamples      the first body seen per error, shortened, to say what went wrong
 * @param latencyMicros     successful answers: answer time minus intended send time
 * @param sendLagMicros     every request: actual minus intended send time (the generator's own health)
 * @param appCpuNanos       the app's CPU time (every thread of its JVM) from the step's start to its last answer;
 *                          -1 when not measured
 */
public record LatencyStep(
        String provider,
        int rate,
        long plannedSeconds,
        long sent,
        long sendingNanos,
        long answeringNanos,
        long succeeded,
        Map<String, Long> errors,
        Map<String, String> errorSamples,
        Histogram latencyMicros,
        Histogram sendLagMicros,
        long appCpuNanos) {

    /** This step with the app's CPU time measured over it. */
    public LatencyStep withAppCpu(long nanos) {
        return new LatencyStep(
                provider,
                rate,
                plannedSeconds,
                sent,
                sendingNanos,
                answeringNanos,
                succeeded,
                errors,
                errorSamples,
                latencyMicros,
                sendLagMicros,
                nanos);
    }

    /** The app's CPU milliseconds per successful answer; NaN when not measured. */
    public double appCpuMillisPerSuccess() {
        return appCpuNanos < 0 || succeeded == 0 ? Double.NaN : appCpuNanos / 1e6 / succeeded;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests sent per second: the intervals between the first intended and the last actual send. */
    public double achievedRate() {
        return sent <= 1 || sendingNanos <= 0 ? Double.NaN : (sent - 1) * 1e9 / sendingNanos;
    }

    /** Successful answers per second, from the first intended send to the last answer. */
    public double succeededPerSecond() {
        return answeringNanos <= 0 ? 0 : succeeded * 1e9 / answeringNanos;
    }

    /** A latency percentile of the successful answers, in milliseconds; 100 is the maximum. */
    public double latencyMillis(double percentile) {
        return millis(latencyMicros, percentile);
    }

    public double sendLagMillis(double percentile) {
        return millis(sendLagMicros, percentile);
    }

    private static double millis(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        long micros = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
        return micros / 1000.0;
    }
}
