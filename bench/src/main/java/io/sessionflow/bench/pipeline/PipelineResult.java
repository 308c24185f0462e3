package io.sessionflow.bench.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sessionflow.bench.app.AppMemory;
import io.sessionflow.bench.app.MachineCpu;

/**
 * One pipeline run: N request events written before the app started, then decided by the processor
 * and projected, from a standing start.
 *
 * @param provider        the workload
 * @param sessions        N
 * @param partitions      partitions of the topics
 * @param produceNanos    how long pre-producing took (not part of the measure)
 * @param avgKeyBytes     average request key size
 * @param avgValueBytes   average request value size
 * @param launchedAt      the app's JVM was started
 * @param readyAt         the app logged that both Streams apps run
 * @param firstDecisionAt the earliest {@code occurredAt} on session-events: the processor's first decision
 * @param lastDecisionAt  the latest {@code occurredAt}
 * @param doneAt          the last session of every partition was queryable through the projections
 * @param eventsByType    session-events read back (read_committed) by payload type
 * @param avgEventBytes   average session-event value size
 * @param decisionRatesByTenth the processor's decisions per second in each tenth of its decisions, in
 *                        order: flat when the cost of a decision does not grow with what the stores hold
 * @param memory          the app's memory during the run
 * @param cpu             the machine's CPU from the first decision until done (null where unknown)
 */
public record PipelineResult(
        String provider,
        long sessions,
        int partitions,
        long produceNanos,
        double avgKeyBytes,
        double avgValueBytes,
        Instant launchedAt,
        Instant readyAt,
        Instant firstDecisionAt,
        Instant lastDecisionAt,
        Instant doneAt,
        Map<String, Long> eventsByType,
        double avgEventBytes,
        List<Double> decisionRatesByTenth,
        AppMemory memory,
        MachineCpu.Usage cpu) {

    /** Decisions per second in each tenth of the sorted decision times (epoch millis); NaN for an empty tenth. */
    public static List<Double> ratesByTenth(long[] sortedDecisionMillis) {
        int n = sortedDecisionMillis.length;
        Double[] rates = new Double[10];
        for (int tenth = 0; tenth < 10; tenth++) {
            int from = (int) ((long) n * tenth / 10);
            int to = (int) ((long) n * (tenth + 1) / 10) - 1;
            long millis = to > from ? sortedDecisionMillis[to] - sortedDecisionMillis[from] : 0;
            rates[tenth] = millis <= 0 ? Double.NaN : (to - from) * 1000.0 / millis;
        }
        return List.of(rates);
    }

    /** The measure: N over the time from the first decision until the last session is queryable. */
    public double sessionsPerSecond() {
        return rate(firstDecisionAt, doneAt);
    }

    /** N over the time from the ready line until the last session is queryable. */
    public double sessionsPerSecondFromReady() {
        return rate(readyAt, doneAt);
    }

    /** N over the processor's own decision window (first to last occurredAt). */
    public double processorDecisionsPerSecond() {
        return rate(firstDecisionAt, lastDecisionAt);
    }

    /** The machine's CPU per session from the first decision until done, in microseconds (NaN where unknown). */
    public double machineCpuMicrosPerSession() {
        return cpu == null ? Double.NaN : cpu.microsEach(sessions);
    }

    public Duration startup() {
        return Duration.between(launchedAt, readyAt);
    }

    public Duration processing() {
        return Duration.between(firstDecisionAt, doneAt);
    }

    public long created() {
        return eventsByType.getOrDefault("SessionCreated", 0L);
    }

    private double rate(Instant from, Instant to) {
        long nanos = Duration.between(from, to).toNanos();
        return nanos <= 0 ? Double.NaN : sessions * 1e9 / nanos;
    }
}
