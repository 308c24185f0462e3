package io.sessionflow.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.sessionflow.api.limits.TenantLimits;
import io.sessionflow.projections.query.SessionLookup;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.events.RejectionReason;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every provider's create call takes: publish the provider's
 * {@code SessionRequested} to its request topic, then wait (bounded) for the answer the
 * projections store for that request. The same mechanism gives idempotency to every provider: a
 * retried request has the same request key, the processor decides it once, and the stored answer
 * is returned again; an answer whose fingerprint differs from this request's is a {@link Conflict}.
 * At most a configured number of calls wait at once, and at most a share of them for one tenant:
 * beyond either a call is {@link Unavailable} at once, as is every call while this instance is not ready
 * (readiness {@code REFUSING_TRAFFIC}: its Streams apps start, restore or rebalance long); a tenant past its
 * rate is {@link Limited}. Nothing is published for any of them. How many create calls may be in progress at
 * once, adapted to their latency, is decided before this, in front of the request's parsing
 * ({@link AdmissionLimit}, applied by {@code AdmissionLimitFilter}).
 *
 * <p>A call waits for its answer until {@code outcomeWait} after it was submitted, and its request event
 * carries that moment ({@code AnswerDeadline}): the processor skips the request if it reads it later, when
 * this call has answered the retryable 503, and a retry is then decided as if it had never been sent.
 */
public final class SessionRequests {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRequests.class);

    /**
     * @param tenant      who the request is for, as the provider names its tenants (widget key, tenant id,
     *                    organisation, account): per-tenant limits count by it
     * @param sessionKey  the Kafka key: the session the request is about
     * @param requestKey  the request's idempotency identity: derived from an Idempotency-Key, or the
     *                    session key for a request without one
     * @param fingerprint the request as understood, keyed ({@link SessionKeys#fingerprint})
     */
    public record RequestIdentity(
            String tenant, String sessionKey, String requestKey, SessionKeys.RequestFingerprint fingerprint) {
        public RequestIdentity {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(sessionKey, "sessionKey");
            Objects.requireNonNull(requestKey, "requestKey");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** How a submitted request ended. */
    public sealed interface Outcome {}

    /** The processor's answer: {@code SessionCreated}, {@code SessionResumed} or {@code SessionRejected}. */
    public record Answered(SessionEvent event) implements Outcome {}

    /** The request key was used before for a request with another body. */
    public record Conflict() implements Outcome {}

    /** No answer within the configured time (broker or processor unavailable): the client may retry. */
    public record Unavailable(String reason) implements Outcome {}

    /** The tenant made too many calls: the client may retry after {@code retryAfter}. */
    public record Limited(Duration retryAfter) implements Outcome {}

    private final SessionRequestPublisher publisher;
    private final SessionQueries queries;
    private final Duration outcomeWait;
    private final Semaphore waiting;
    private final TenantLimits tenants;
    private final Executor lookups;
    private final Predicate<RequestIdentity> admits;
    private final Clock clock;

    /** Calls taken while {@code ready}. */
    public SessionRequests(
            SessionRequestPublisher publisher,
            SessionQueries queries,
            Duration outcomeWait,
            int maxWaiting,
            TenantLimits tenants,
            Executor lookups,
            BooleanSupplier ready) {
        this(
                publisher,
                queries,
                outcomeWait,
                maxWaiting,
                tenants,
                lookups,
                identity -> ready.getAsBoolean(),
                Clock.systemUTC());
    }

    /**
     * @param maxWaiting most calls waiting for their answers at once
     * @param tenants    each tenant's rate and share of {@code maxWaiting}
     * @param lookups    runs the wait for the answer: never the producer's I/O thread, which completes the send
     * @param admits     whether this instance takes the call now: while it is not ready, only the calls of its own
     *                   warm-up at start; otherwise the call is {@link Unavailable}
     * @param clock      the answer deadlines' clock
     */
    public SessionRequests(
            SessionRequestPublisher publisher,
            SessionQueries queries,
            Duration outcomeWait,
            int maxWaiting,
            TenantLimits tenants,
            Executor lookups,
            Predicate<RequestIdentity> admits,
            Clock clock) {
        this.publisher = publisher;
        this.queries = queries;
        this.outcomeWait = outcomeWait;
        this.waiting = new Semaphore(maxWaiting);
        this.tenants = tenants;
        this.lookups = lookups;
        this.admits = admits;
        this.clock = clock;
    }

    /** Never fails: every error ends as {@link Unavailable}. */
    public <V> CompletableFuture<Outcome> submit(Topic<String, V> topic, RequestIdentity identity, V request) {
        if (!admits.test(identity)) {
            return CompletableFuture.completedFuture(new Unavailable("this instance is not ready"));
        }
        String tenant = topic.name() + " " + identity.tenant();
        Optional<Duration> limited = tenants.take(tenant);
        if (limited.isPresent()) {
            return CompletableFuture.completedFuture(new Limited(limited.get()));
        }
        if (!waiting.tryAcquire()) {
            return CompletableFuture.completedFuture(new Unavailable("too many requests are waiting for answers"));
        }
        if (!tenants.enter(tenant)) {
            waiting.release();
            return CompletableFuture.completedFuture(new Unavailable("too many of this tenant's requests are waiting"));
        }
        Instant deadline = clock.instant().plus(outcomeWait);
        return publisher
                .publish(topic, identity.sessionKey(), request, deadline)
                .thenComposeAsync(
                        published -> queries.awaitOutcome(
                                identity.sessionKey(), identity.requestKey(), remainingUntil(deadline)),
                        lookups)
                .thenApply(lookup -> outcome(lookup, identity))
                .exceptionally(error -> {
                    LOG.warn("Request {} on {} failed: {}", identity.requestKey(), topic.name(), error.toString());
                    return new Unavailable("the request could not be published");
                })
                .whenComplete((outcome, error) -> {
                    tenants.leave(tenant);
                    waiting.release();
                });
    }

    private Duration remainingUntil(Instant deadline) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** A rejection's field-level reasons by field, in the order the rules gave them. */
    public static Map<String, String> reasonsByField(SessionRejected rejected) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (RejectionReason reason : rejected.getReasons()) {
            reasons.put(reason.getField(), reason.getMessage());
        }
        return reasons;
    }

    private static Outcome outcome(SessionLookup lookup, RequestIdentity identity) {
        if (lookup instanceof SessionLookup.Found found) {
            return identity.fingerprint().matches(found.event().getRequestFingerprint())
                    ? new Answered(found.event())
                    : new Conflict();
        }
        return new Unavailable(
                lookup instanceof SessionLookup.Unavailable u ? u.reason() : "no answer within the configured wait");
    }
}
