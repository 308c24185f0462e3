package io.sessionflow.bench.sustainable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.sessionflow.bench.load.LatencyStep;

/**
 * The highest rate one provider sustains on a running app (issue 13, item 5): every call answered with
 * success, p99 within a bound and at least 99% of the scheduled rate sent. Short open-loop probes double the
 * rate from the first one until one fails (or the highest holds), or halve it while none holds; then they
 * bisect between the last sustained and the first failed rate, until the bracket is narrower than the
 * resolution or the probes are spent. Then long steps (the 60 s) confirm the rate found, stepping down
 * while one fails.
 * <ul>
 * <li>Doubling, not a probe at the highest rate at once: a probe far past capacity leaves the app working off
 * its burst, and the probes after it would measure that.</li>
 * <li>A probe that failed only on its p99, by less than half the bound, runs once more: over a few seconds
 * one collection or one slow commit decides the p99, and the rate is failed only when both probes fail.</li>
 * </ul>
 */
public final class SustainableRateSearch {

    /** The share of the scheduled rate a sustained step must have sent. */
    static final double ACHIEVED_SHARE = 0.99;

    /** A p99 up to this multiple of the bound, with nothing else wrong, is near enough to probe again. */
    static final double NEAR_BOUND = 1.5;

    /** Each confirmation after a failed one runs at this share of the failed one's rate. */
    static final double CONFIRM_STEP_DOWN = 0.85;

    /**
     * @param from          the first rate tried; not sustained, the probes halve it down to an eighth of it
     * @param to            the highest rate tried (the doubling stops there); sustained, it is the answer
     * @param probe         each probe's duration
     * @param probes        the most probes (the confirmations not counted)
     * @param resolution    the bracket's width, as a share of its lower end, below which the search stops
     * @param p99           a sustained step's p99 at most
     * @param confirm       each confirmation step's duration
     * @param confirmations the most confirmation steps
     */
    public record Settings(
            int from,
            int to,
            Duration probe,
            int probes,
            double resolution,
            Duration p99,
            Duration confirm,
            int confirmations) {

        /** The lowest rate the halving probes. */
        int lowest() {
            return Math.max(1, from / 8);
        }
    }

    /** One provider's open-loop load at a rate (the bench's {@code OpenLoopLoad} on the app). */
    @FunctionalInterface
    public interface Load {
        LatencyStep run(int rate, Duration duration, long firstSequence) throws InterruptedException;
    }

    private final Settings settings;
    private final Load load;
    private final Consumer<String> log;
    private final Duration pause;

    /** @param pause the idle time before each probe and each confirmation */
    public SustainableRateSearch(Settings settings, Load load, Consumer<String> log, Duration pause) {
        this.pause = pause;
        this.settings = settings;
        this.load = load;
        this.log = log;
    }

    /** @param sequence the first request sequence number to use (unique across the run) */
    public SustainableRateResult run(String provider, long sequence) throws InterruptedException {
        List<LatencyStep> probes = new ArrayList<>();
        Set<Integer> repeated = new HashSet<>();
        int sustained = 0;
        int failed = Integer.MAX_VALUE;
        int next = settings.from();
        while (next > 0 && probes.size() < settings.probes()) {
            LatencyStep step = step(next, settings.probe(), sequence);
            sequence += step.sent();
            probes.add(step);
            boolean ok = sustained(step);
            log.accept(describe("probe", step, ok));
            if (ok) {
                sustained = next;
            } else if (nearBound(step) && repeated.add(next)) {
                continue;
            } else {
                failed = next;
            }
            next = next(sustained, failed);
        }
        List<LatencyStep> confirmations = new ArrayList<>();
        int confirmed = 0;
        for (int rate = sustained; rate > 0 && confirmations.size() < settings.confirmations(); ) {
            LatencyStep confirmation = step(rate, settings.confirm(), sequence);
            sequence += confirmation.sent();
            confirmations.add(confirmation);
            boolean ok = sustained(confirmation);
            log.accept(describe("confirmation", confirmation, ok));
            if (ok) {
                confirmed = rate;
                break;
            }
            rate = (int) (rate * CONFIRM_STEP_DOWN);
        }
        return new SustainableRateResult(provider, probes, sustained, confirmations, confirmed);
    }

    private LatencyStep step(int rate, Duration duration, long sequence) throws InterruptedException {
        Thread.sleep(pause.toMillis());
        return load.run(rate, duration, sequence);
    }

    /** The next rate to probe, or 0 when the search is over. */
    int next(int sustained, int failed) {
        if (sustained == 0) {
            if (failed == Integer.MAX_VALUE) {
                return settings.from();
            }
            return failed / 2 >= settings.lowest() ? failed / 2 : 0;
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
        return keptSchedule(step) && step.latencyMillis(99) <= settings.p99().toMillis();
    }

    /** Failed on its p99 alone, by less than half the bound: worth a second probe. */
    boolean nearBound(LatencyStep step) {
        return keptSchedule(step)
                && step.latencyMillis(99) <= NEAR_BOUND * settings.p99().toMillis();
    }

    private static boolean keptSchedule(LatencyStep step) {
        return step.errorCount() == 0
                && step.succeeded() == step.sent()
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
