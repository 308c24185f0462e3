package io.sessionflow.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.sessionflow.schemas.SessionState;
import io.sessionflow.schemas.events.SessionRejected;
import org.springframework.http.ResponseEntity;

/**
 * A provider surface's words for how a create call's submission ended ({@link SessionRequests.Outcome}):
 * an Idempotency-Key already used for another request, no decision in time (retryable), a rejection. The
 * outcome is mapped the same way for every provider by {@link #answer}; only a created or resumed session's
 * answer is the provider's own.
 */
public interface CreateAnswers {

    ProviderSurface surface();

    /** 422: the Idempotency-Key was already used with a different request. */
    ResponseEntity<Object> idempotencyKeyReused();

    /** The retryable 503 for a request not decided within the outcome wait. */
    ResponseEntity<Object> notDecidedInTime();

    ResponseEntity<Object> rejected(SessionRejected rejected);

    /**
     * @param decided the answer for the session the request created or resumed
     * @throws IllegalStateException when the processor answered with an event that decides no request
     */
    default ResponseEntity<Object> answer(
            SessionRequests.Outcome outcome, Function<SessionState, ResponseEntity<Object>> decided) {
        if (outcome instanceof SessionRequests.Limited limited) {
            return SurfaceErrors.tooManyRequests(surface(), limited.retryAfter());
        }
        if (outcome instanceof SessionRequests.Conflict) {
            return idempotencyKeyReused();
        }
        if (!(outcome instanceof SessionRequests.Answered answered)) {
            return notDecidedInTime();
        }
        if (answered.event().getPayload() instanceof SessionRejected rejected) {
            return rejected(rejected);
        }
        return SessionState.of(answered.event())
                .map(decided)
                .orElseThrow(() -> new IllegalStateException("Request answered with "
                        + answered.event().getPayload().getClass().getSimpleName()));
    }

    /** An answer known before anything was submitted. */
    static CompletableFuture<ResponseEntity<Object>> now(ResponseEntity<Object> response) {
        return CompletableFuture.completedFuture(response);
    }
}
