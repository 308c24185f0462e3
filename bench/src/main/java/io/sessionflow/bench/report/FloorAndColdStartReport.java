package io.sessionflow.bench.report;

import java.util.List;
import java.util.Locale;

import io.sessionflow.bench.broker.ExactlyOnceFloor;
import io.sessionflow.bench.load.LatencyStep;

/**
 * The report's sections for the exactly-once floor and the cold start, appended to {@code report.md}: the floor's
 * latency with the app's create p50 and p99 at the same rate as ratios to it (target: p50 at most 1.5 × the
 * floor's), and the cold start's first seconds, the rest and the warm figure (target: after the first 10 s no
 * errors, the rate held, and p99 at most 2 × the warm p99).
 */
public final class FloorAndColdStartReport {

    private FloorAndColdStartReport() {}

    /**
     * @param steps the latency phase's steps (the first provider's at the floor's rate is compared)
     * @param cold  the cold start's windows: first seconds, the rest, then the warm step; empty when not run
     */
    public static String sections(
            List<LatencyStep> steps,
            ExactlyOnceFloor.Result floor,
            List<LatencyStep> cold,
            java.time.Duration coldSplit) {
        StringBuilder out = new StringBuilder();
        if (floor != null) {
            out.append(String.format(
                    Locale.ROOT,
                    """

                    ## The exactly-once floor (same broker, same run)

                    A producer at %,d records/s (the app's producer settings, our request events' sizes), a \
                    transactional copier (`FloorCopier`: read_committed, copy, commit with the offsets every %d ms, \
                    the processor's commit interval), a `read_committed` consumer; latency from each record's \
                    intended send time to its committed copy read, %d s after a warm-up. Copier output: \
                    `exactly-once-floor.log`.

                    | rate | sent | read | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |
                    | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
                    | %,d | %,d | %,d | %.2f | %.2f | %.2f | %.2f | %.2f |
                    """,
                    floor.rate(),
                    floor.commitIntervalMs(),
                    floor.seconds(),
                    floor.rate(),
                    floor.sent(),
                    floor.received(),
                    floor.latencyMillis(50),
                    floor.latencyMillis(90),
                    floor.latencyMillis(99),
                    floor.latencyMillis(99.9),
                    floor.latencyMillis(100)));
            List<LatencyStep> atRate =
                    steps.stream().filter(s -> s.rate() == floor.rate()).toList();
            if (!atRate.isEmpty()) {
                out.append("""

                        The app's creates at the same rate: a latency step, or the minute that confirmed the \
                        provider's highest sustainable rate (the floor then runs at that rate).

                        | provider | create p50 ms | p50 / floor p50 | create p99 ms | p99 / floor p99 | p50 ≤ 1.5 × floor |
                        | --- | ---: | ---: | ---: | ---: | --- |
                        """);
                for (LatencyStep step : atRate) {
                    double p50 = step.latencyMillis(50) / floor.latencyMillis(50);
                    out.append(String.format(
                            Locale.ROOT,
                            "| %s | %.2f | %.2f | %.2f | %.2f | %s |%n",
                            step.provider(),
                            step.latencyMillis(50),
                            p50,
                            step.latencyMillis(99),
                            step.latencyMillis(99) / floor.latencyMillis(99),
                            p50 <= 1.5 ? "**pass**" : "**FAIL**"));
                }
            }
        }
        if (cold.size() >= 3) {
            LatencyStep first = cold.get(0);
            LatencyStep rest = cold.get(1);
            LatencyStep warm = cold.get(2);
            double ratio = rest.latencyMillis(99) / warm.latencyMillis(99);
            boolean held = rest.errorCount() == 0 && rest.succeeded() >= 0.99 * rest.sent();
            out.append(String.format(
                    Locale.ROOT,
                    """

                    ## Cold start: the highest rate from the ready line

                    A fresh app, loaded from its ready line at %,d req/s (open loop); its first %d s, the rest, then, \
                    after a pause, the same rate warm on the same app.

                    | window | seconds | sent | succeeded | p50 ms | p99 ms | max ms | errors |
                    | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
                    %s%s%s
                    After the first %d s: p99 %.2f ms = %.2f × the warm p99 (%.2f ms); %s. Verdict (no errors, \
                    ≥ 99%% succeeded, p99 ≤ 2 × warm): **%s**.
                    """,
                    first.rate(),
                    coldSplit.toSeconds(),
                    row("first " + coldSplit.toSeconds() + " s", first),
                    row("the rest", rest),
                    row("warm", warm),
                    coldSplit.toSeconds(),
                    rest.latencyMillis(99),
                    ratio,
                    warm.latencyMillis(99),
                    held ? "no errors, rate held" : "errors " + rest.errors(),
                    held && ratio <= 2 ? "pass" : "FAIL"));
        }
        return out.toString();
    }

    private static String row(String name, LatencyStep step) {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %,d | %,d | %.2f | %.2f | %.2f | %s |%n",
                name,
                step.plannedSeconds(),
                step.sent(),
                step.succeeded(),
                step.latencyMillis(50),
                step.latencyMillis(99),
                step.latencyMillis(100),
                step.errors().isEmpty() ? "none" : step.errors().toString());
    }
}
