package io.sessionflow.query;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where the API gets answers: in the all-in-one app the projections in the same JVM
 * ({@link SessionQueryService}, routed to the owning instance when another one owns the key), in the
 * standalone API a projections instance over its internal endpoint. Every wait is bounded by the caller's
 * {@code wait} and holds no thread.
 */
public interface SessionQueries {

    /** Waits up to {@code wait} for the answer to a request, wherever it is stored. */
    CompletableFuture<SessionLookup> awaitOutcome(String sessionKey, String requestKey, Duration wait);

    /** The session's current state; tries up to {@code wait} while no instance can answer. */
    CompletableFuture<SessionLookup> session(String sessionKey, Duration wait);
}
