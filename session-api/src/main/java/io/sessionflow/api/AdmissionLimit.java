package io.sessionflow.api;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limit.window.PercentileSampleWindowFactory;

/**
 * How many create calls may be in progress at once, counted from the moment a call was received whole (its
 * body read) to the moment its answer was written: past it a call is refused at once with the retryable 503
 * and publishes nothing. Adaptive by default, additive increase, multiplicative decrease (Netflix
 * concurrency-limits' AIMD over windows of samples): while the 90th percentile of a window's latencies stays
 * within the latency target the limit grows by one a window, and when it does not, or a call ended with a
 * 503 of its own (no answer in time), the limit shrinks by a tenth. So past capacity, where every admitted
 * call would queue behind the others, the limit falls until the admitted calls are answered in time again,
 * and the excess is refused in microseconds instead of joining a queue that makes every call slow.
 *
 * <p>The latency is the service's own, from the call's receipt, not only the wait for its answer: the time it
 * waited for a request thread, was parsed and authenticated counts, which is where a saturated machine
 * queues first (the earlier limit inside {@code SessionRequests} saw only the wait for the answer, which stayed
 * short while calls queued in front of it, and never cut).
 */
public final class AdmissionLimit {

    private static final double BACKOFF = 0.9;
    private static final double PERCENTILE = 0.9;
    private static final int WINDOW_SAMPLES = 100;
    /** The least the library allows: the limit moves at most ten times a second. */
    private static final long MIN_WINDOW_MILLIS = 100;

    private static final long MAX_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Limit limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongSupplier nanoClock;

    AdmissionLimit(Limit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    public static AdmissionLimit of(AdmissionProperties properties) {
        return of(properties, System::nanoTime);
    }

    /** @param nanoClock the clock latencies are measured by, as {@link System#nanoTime} */
    static AdmissionLimit of(AdmissionProperties properties, LongSupplier nanoClock) {
        if (!properties.adaptive()) {
            return fixed(properties.maxLimit());
        }
        long targetNanos = properties.latencyTarget().toNanos();
        Limit aimd = AIMDLimit.newBuilder()
                .initialLimit(properties.initialLimit())
                .minLimit(properties.minLimit())
                .maxLimit(properties.maxLimit())
                .backoffRatio(BACKOFF)
                .timeout(targetNanos, TimeUnit.NANOSECONDS)
                .build();
        return new AdmissionLimit(
                WindowedLimit.newBuilder()
                        .minWindowTime(MIN_WINDOW_MILLIS, TimeUnit.MILLISECONDS)
                        .maxWindowTime(Math.max(2 * targetNanos, MAX_WINDOW_NANOS), TimeUnit.NANOSECONDS)
                        .windowSize(10)
                        .sampleWindowFactory(PercentileSampleWindowFactory.of(PERCENTILE, WINDOW_SAMPLES))
                        .build(aimd),
                nanoClock);
    }

    public static AdmissionLimit fixed(int limit) {
        return new AdmissionLimit(FixedLimit.of(limit), System::nanoTime);
    }

    /**
     * @param receivedNanos when the call was received whole ({@link System#nanoTime}): its latency counts from then
     * @return the admission, to be told how the call ended; empty when the limit is reached
     */
    public Optional<Admission> tryAdmit(long receivedNanos) {
        if (inFlight.incrementAndGet() > limit.getLimit()) {
            inFlight.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Admission(receivedNanos));
    }

    /** Whether a call would be admitted now (without admitting it). */
    public boolean hasRoom() {
        return inFlight.get() < limit.getLimit();
    }

    /** The limit now. */
    public int limit() {
        return limit.getLimit();
    }

    /** Calls admitted and not ended. */
    public int inFlight() {
        return inFlight.get();
    }

    /** One admitted call; the first of its reports counts, later ones are ignored. */
    public final class Admission {

        private final long receivedNanos;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Admission(long receivedNanos) {
            this.receivedNanos = receivedNanos;
        }

        /** Answered: its latency is a sample; {@code unavailable} (its own 503, no answer in time) cuts the limit. */
        public void answered(boolean unavailable) {
            if (ended.compareAndSet(false, true)) {
                int concurrent = inFlight.getAndDecrement();
                limit.onSample(receivedNanos, nanoClock.getAsLong() - receivedNanos, concurrent, unavailable);
            }
        }

        /** Ended without an answer that says anything of the service (the client went away): no sample. */
        public void ignored() {
            if (ended.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        }
    }
}
