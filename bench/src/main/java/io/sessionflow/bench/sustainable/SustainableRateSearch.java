package io.sessionflow.bench.sustainable;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.sessionflow.bench.load.LatencyStep;
import io.sessionflow.bench.load.OpenLoopLoad;
import io.sessionflow.bench.workload.ProviderWorkload;

/**
 * The highest rate one provider sustains on a running app (issue 13, item 5): every call answered with
 * success, p99 within a bound and at least 99% of the scheduled rate sent. Short open-loop probes double the
 * rate from the lowest to try until one fails (or the highest holds), then bisect between the last sustained and
 * the first failed rate, until the bracket is narrower than the resolution or the probes are spent; then one long
 * step at the rate found confirms it (the 60 s). Doubling, not a probe at the highest rate at once: a probe
 * far past capacity leaves the app working off its burst, and the probes after it would measure that.
 */
public final class SustainableRateSearch {

    /** The share of the scheduled rate a sustained step must have sent. */
    static final double ACHIEVED_SHARE = 0.99;

    /**
     * @param from       the lowest rate tried (first probe); not sustained, the search ends with none
     * @param to         the highest rate tried (the doubling stops there); sustained, it is the answer
     * @param probe      each probe's duration
     * @param probes     the most probes (the confirmation not counted)
     * @param resolution the bracket's width, as a share of its lower end, below which the search stops
     * @param p99        a sustained step's p99 at most
     * @param confirm    the confirmation step's duration
     */
    public record Settings(
            int from, int to, Duration probe, int probes, double resolution, Duration p99, Duration confirm) {}

    private final Settings settings;
    private final OpenLoopLoad load;
    private final Consumer<String> log;
    private final Duration pause;

    /** @param pause the idle time before each probe and the confirmation */
    public SustainableRateSearch(Settings settings, OpenLoopLoad load, Consumer<String> log, Duration pause) {
        this.pause = pause;
        this.settings = settings;
        this.load = load;
        this.log = log;
    }

    /** @param sequence the first request sequence number to use (unique across the run) */
    public SustainableRateResult run(ProviderWorkload workload, URI baseUri, long sequence)
            throws InterruptedException {
        List<LatencyStep> probes = new ArrayList<>();
        int sustained = 0;
        int failed = Integer.MAX_VALUE;
        int next = settings.from();
        while (next > 0 && probes.size() < settings.probes()) {
            Thread.sleep(pause.toMillis());
            LatencyStep step = load.run(workload, baseUri, next, settings.probe(), sequence);
            sequence += step.sent();
            probes.add(step);
            boolean ok = sustained(step);
            log.accept(describe("probe", step, ok));
            if (ok) {
                sustained = next;
            } else {
                failed = next;
            }
            next = next(sustained, failed);
        }
        if (sustained == 0) {
            return new SustainableRateResult(workload.provider(), probes, 0, null, false);
        }
        Thread.sleep(pause.toMillis());
        LatencyStep confirmation = load.run(workload, baseUri, sustained, settings.confirm(), sequence);
        boolean confirmed = sustained(confirmation);
        log.accept(describe("confirmation", confirmation, confirmed));
        return new SustainableRateResult(workload.provider(), probes, sustained, confirmation, confirmed);
    }

    /** The next rate to probe, or 0 when the search is over. */
    int next(int sustained, int failed) {
        if (sustained == 0) {
            return failed == settings.from() ? 0 : settings.from();
        }
        if (failed == Integer.MAX_VALUE) {
            return sustained >= settings.to() ? 0 : (int) Math.min(settings.to(), 2L * sustained);
        }
        if (failed - sustained <= Math.max(1, sustained * settings.resolution())) {
            return 0;
        }
        return sustained + (failed - sustained) / 2;
    }

    /** Every call answered with success, p99 within the bound, and the schedule kept. */
    boolean sustained(LatencyStep step) {
        return step.errorCount() == 0
                && step.succeeded() == step.sent()
                && step.latencyMillis(99) <= settings.p99().toMillis()
                && !(step.achievedRate() < ACHIEVED_SHARE * step.rate());
    }

    private static String describe(String what, LatencyStep step, boolean ok) {
        return String.format(
                "%s %d req/s for %d s: succeeded %,d of %,d, p50 %.1f ms, p99 %.1f ms, errors %s: %s",
                what,
                step.rate(),
                step.plannedSeconds(),
                step.succeeded(),
                step.sent(),
                step.latencyMillis(50),
                step.latencyMillis(99),
                step.errors(),
                ok ? "sustained" : "not sustained");
    }
}
