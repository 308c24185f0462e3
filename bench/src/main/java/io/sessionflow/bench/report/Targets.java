package io.sessionflow.bench.report;

import static io.sessionflow.bench.report.Markdown.count;
import static io.sessionflow.bench.report.Markdown.fmt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.sessionflow.bench.app.AppMemory;
import io.sessionflow.bench.load.LatencyStep;
import io.sessionflow.bench.pipeline.PipelineResult;

/**
 * The targets of the benchmark issue, judged from a run's figures. A target whose figure was not
 * measured (a rate not run, one pipeline size only) says so rather than passing.
 */
public final class Targets {

    static final int TARGET_RATE = 1000;
    static final long TARGET_SECONDS = 60;
    static final double P99_MILLIS = 50;
    static final double P50_FACTOR = 4;
    static final double SESSIONS_PER_SECOND = 20_000;
    static final double BROKER_FRACTION = 0.25;
    static final double LINEARITY_TOLERANCE = 0.20;
    static final long TARGET_SESSIONS = 1_000_000;
    static final long MAX_HEAP_BYTES = 512L << 20;
    /** The achieved send rate may fall this far short of the schedule before "sustained" fails. */
    static final double SUSTAINED_FRACTION = 0.99;

    public enum Verdict {
        PASS,
        FAIL,
        NOT_MEASURED
    }

    public record Target(String name, String required, String measured, Verdict verdict) {

        static Target judged(String name, String required, String measured, boolean pass) {
            return new Target(name, required, measured, pass ? Verdict.PASS : Verdict.FAIL);
        }

        static Target notMeasured(String name, String required, String why) {
            return new Target(name, required, why, Verdict.NOT_MEASURED);
        }
    }

    private Targets() {}

    public static List<Target> evaluate(BenchResult run) {
        List<Target> targets = new ArrayList<>();
        run.latencyByProvider().forEach((provider, steps) -> {
            targets.add(p99(provider, steps));
            targets.add(p50(provider, steps, run));
        });
        targets.addAll(pipeline(run));
        targets.add(heap(run.memory()));
        targets.add(new Target(
                "exactly-once on",
                "processing.guarantee=exactly_once_v2",
                run.exactlyOnce() == null ? "not checked" : run.exactlyOnce(),
                run.exactlyOnce() == null ? Verdict.NOT_MEASURED : Verdict.PASS));
        return targets;
    }

    private static Target p99(String provider, List<LatencyStep> steps) {
        String name = provider + ": create-session p99 at " + TARGET_RATE + " req/s sustained " + TARGET_SECONDS + " s";
        String required = "p99 ≤ " + fmt(P99_MILLIS, 0) + " ms, no errors";
        Optional<LatencyStep> step = steps.stream()
                .filter(s -> s.rate() == TARGET_RATE && s.plannedSeconds() >= TARGET_SECONDS)
                .findFirst();
        if (step.isEmpty()) {
            return Target.notMeasured(
                    name, required, "no step at " + TARGET_RATE + " req/s for " + TARGET_SECONDS + " s");
        }
        LatencyStep s = step.get();
        boolean sustained = s.achievedRate() >= SUSTAINED_FRACTION * s.rate();
        boolean pass = s.latencyMillis(99) <= P99_MILLIS && s.errorCount() == 0 && sustained;
        return Target.judged(
                name,
                required,
                "p99 " + fmt(s.latencyMillis(99), 1) + " ms, " + s.errorCount() + " errors, " + fmt(s.achievedRate(), 0)
                        + " req/s sent",
                pass);
    }

    private static Target p50(String provider, List<LatencyStep> steps, BenchResult run) {
        int hops = run.brokerHops().getOrDefault(provider, 2);
        String name = provider + ": create-session p50 against the broker's end-to-end latency";
        String required = "p50 ≤ " + fmt(P50_FACTOR, 0) + " × " + hops + " hops × EndToEndLatency mean";
        Optional<LatencyStep> step = steps.stream()
                .filter(s -> s.rate() == TARGET_RATE)
                .findFirst()
                .or(() -> steps.stream().max(Comparator.comparingInt(LatencyStep::rate)));
        if (step.isEmpty() || run.brokerLimit() == null || run.brokerLimit().e2e() == null) {
            return Target.notMeasured(name, required, "not measured");
        }
        double bound = P50_FACTOR * hops * run.brokerLimit().e2e().avgMillis();
        double p50 = step.get().latencyMillis(50);
        return Target.judged(
                name,
                required,
                "p50 " + fmt(p50, 2) + " ms at " + step.get().rate() + " req/s; bound " + fmt(bound, 2) + " ms ("
                        + fmt(p50 / bound, 2) + "×)",
                p50 <= bound);
    }

    private static List<Target> pipeline(BenchResult run) {
        List<Target> targets = new ArrayList<>();
        Optional<PipelineResult> largest =
                run.pipeline().stream().max(Comparator.comparingLong(PipelineResult::sessions));
        String atSize = largest.map(p -> p.sessions() < TARGET_SESSIONS
                        ? " (indicative only: N = " + count(p.sessions()) + " < " + count(TARGET_SESSIONS) + ")"
                        : "")
                .orElse("");
        String throughput = "pipeline throughput from a standing start";
        String throughputRequired = "≥ " + count((long) SESSIONS_PER_SECOND) + " sessions/s";
        if (largest.isEmpty()) {
            targets.add(Target.notMeasured(throughput, throughputRequired, "not measured"));
        } else {
            double rate = largest.get().sessionsPerSecond();
            targets.add(Target.judged(
                    throughput,
                    throughputRequired,
                    fmt(rate, 0) + " sessions/s at N = " + count(largest.get().sessions()) + atSize,
                    rate >= SESSIONS_PER_SECOND));
        }
        String fraction = "pipeline throughput against the broker's producer throughput";
        String fractionRequired = "≥ " + fmt(BROKER_FRACTION * 100, 0) + "% of ProducerPerformance records/s";
        if (largest.isEmpty() || run.brokerLimit() == null || run.brokerLimit().perf() == null) {
            targets.add(Target.notMeasured(fraction, fractionRequired, "not measured"));
        } else {
            double ratio =
                    largest.get().sessionsPerSecond() / run.brokerLimit().perf().recordsPerSecond();
            double cpuRatio = run.brokerLimit().sessionCostInRecords(largest.get());
            targets.add(Target.judged(
                    fraction,
                    fractionRequired,
                    fmt(ratio * 100, 1) + "% ("
                            + fmt(largest.get().sessionsPerSecond(), 0) + " / "
                            + fmt(run.brokerLimit().perf().recordsPerSecond(), 0)
                            + ")" + atSize
                            + (Double.isNaN(cpuRatio)
                                    ? ""
                                    : "; a session cost the machine " + fmt(cpuRatio, 1)
                                            + " × the CPU of a producer record"),
                    ratio >= BROKER_FRACTION));
        }
        String linear = "cost grows linearly";
        String linearRequired =
                "throughput at N within " + fmt(LINEARITY_TOLERANCE * 100, 0) + "% of throughput at the baseline";
        Optional<PipelineResult> smallest =
                run.pipeline().stream().min(Comparator.comparingLong(PipelineResult::sessions));
        if (largest.isEmpty() || smallest.get().sessions() == largest.get().sessions()) {
            targets.add(Target.notMeasured(linear, linearRequired, "needs two pipeline sizes"));
        } else {
            double ratio = linearity(smallest.get(), largest.get());
            targets.add(Target.judged(
                    linear,
                    linearRequired,
                    fmt(ratio, 2) + "× (" + fmt(largest.get().sessionsPerSecond(), 0)
                            + " sessions/s at " + count(largest.get().sessions()) + " vs "
                            + fmt(smallest.get().sessionsPerSecond(), 0)
                            + " at " + count(smallest.get().sessions()) + ")" + atSize,
                    Math.abs(ratio - 1) <= LINEARITY_TOLERANCE));
        }
        return targets;
    }

    /** Throughput at the larger N over throughput at the smaller. */
    public static double linearity(PipelineResult smaller, PipelineResult larger) {
        return larger.sessionsPerSecond() / smaller.sessionsPerSecond();
    }

    private static Target heap(List<AppMemory> memory) {
        String name = "heap of the all-in-one app";
        String required = "-Xmx ≤ 512m, no OutOfMemoryError";
        if (memory.isEmpty()) {
            return Target.notMeasured(name, required, "no app ran");
        }
        boolean pass = memory.stream().allMatch(m -> heapBytes(m.maxHeap()) <= MAX_HEAP_BYTES && !m.outOfMemory());
        long peak = memory.stream().mapToLong(AppMemory::peakHeapBytes).max().orElse(0);
        String heaps = String.join(
                ", ", memory.stream().map(AppMemory::maxHeap).distinct().toList());
        return Target.judged(
                name,
                required,
                "-Xmx" + heaps + ", peak heap used " + Report.mib(peak)
                        + (memory.stream().anyMatch(AppMemory::outOfMemory) ? ", OutOfMemoryError seen" : ""),
                pass);
    }

    /** Bytes of a JVM size such as 512m, 1g or 524288k. */
    static long heapBytes(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits) * unit;
    }
}
