package io.sessionflow.runtime.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm-up between "every Streams app runs" and readiness: runs every {@link WarmUp} of the JVM
 * in turn, within one time budget ({@code sessionflow.readiness.warm-up-time}), unless turned off
 * ({@code sessionflow.readiness.warm-up=false}). {@link StreamsAvailability} runs it before start-up
 * ends, so readiness turns {@code ACCEPTING_TRAFFIC} only after it. While it runs ({@link #inProgress}),
 * the create gate, which refuses calls while the instance is not ready, lets the warm-up's own calls
 * through, and only them: the Streams apps run, and the instance is still out of its load balancer.
 */
public final class WarmUpPhase {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUpPhase.class);

    private final List<WarmUp> warmUps;
    private final boolean enabled;
    private final Duration budget;
    private final Clock clock;
    private volatile boolean inProgress;
    private volatile Instant finished;

    public WarmUpPhase(List<WarmUp> warmUps, boolean enabled, Duration budget, Clock clock) {
        this.warmUps = List.copyOf(warmUps);
        this.enabled = enabled;
        this.budget = budget;
        this.clock = clock;
    }

    /** Runs the warm-ups, bounded by the budget; returns at once when turned off or when there is none. */
    public void run() throws InterruptedException {
        if (!enabled || warmUps.isEmpty()) {
            return;
        }
        Instant started = clock.instant();
        Instant deadline = started.plus(budget);
        inProgress = true;
        try {
            for (WarmUp warmUp : warmUps) {
                try {
                    warmUp.warmUp(deadline);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Warm-up {} failed; going on without it",
                            warmUp.getClass().getSimpleName(),
                            e);
                }
            }
        } finally {
            finished = clock.instant();
            inProgress = false;
        }
        LOG.info(
                "Warm-up done in {} ms",
                Duration.between(started, clock.instant()).toMillis());
    }

    /** When the warm-up ended, or null when it did not run (yet). */
    public Instant finished() {
        return finished;
    }

    /** Whether the warm-up runs now. */
    public boolean inProgress() {
        return inProgress;
    }
}
