package io.sessionflow.projections.query;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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

    /**
     * Two daemon threads that complete lookups and what follows them, never an HTTP client's or a
     * producer's I/O thread: the work after an answer takes microseconds.
     */
    static ExecutorService completions() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "session-query-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
