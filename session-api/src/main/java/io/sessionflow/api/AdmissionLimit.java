package io.sessionflow.api;

import java.util.Optional;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

/**
 * How many create calls may be in progress at once (published, their answer awaited): past it a call is
 * refused at once with the retryable 503 and publishes nothing. Adaptive by default: Netflix
 * concurrency-limits' gradient2 raises the limit while the calls' latency stays near its long-run
 * average and cuts it when latency grows, i.e. when calls start to queue (in Tomcat, the producer, the
 * processor's backlog); so past capacity the excess is refused in microseconds instead of joining a queue
 * that makes every call slow and, beyond the wait, useless. Each admitted call reports how it ended:
 * answered (its latency is a sample), not answered within the wait (a drop, which cuts the limit), or
 * failed otherwise (ignored: a broker outage is not a latency signal).
 */
public final class AdmissionLimit {

    private final SimpleLimiter<Void> limiter;

    private AdmissionLimit(Limit limit) {
        this.limiter = SimpleLimiter.newBuilder()
                .named("session-requests")
                .limit(limit)
                .build();
    }

    public static AdmissionLimit of(AdmissionProperties properties) {
        if (!properties.adaptive()) {
            return fixed(properties.maxLimit());
        }
        return new AdmissionLimit(Gradient2Limit.newBuilder()
                .initialLimit(properties.initialLimit())
                .minLimit(properties.minLimit())
                .maxConcurrency(properties.maxLimit())
                .rttTolerance(properties.rttTolerance())
                .build());
    }

    public static AdmissionLimit fixed(int limit) {
        return new AdmissionLimit(FixedLimit.of(limit));
    }

    /** @return the admission, to be told how the call ended; empty when the limit is reached */
    public Optional<Limiter.Listener> tryAdmit() {
        return limiter.acquire(null);
    }

    /** The limit now. */
    public int limit() {
        return limiter.getLimit();
    }

    /** Calls admitted and not ended. */
    public int inFlight() {
        return limiter.getInflight();
    }
}
