package io.sessionflow.query;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.sessionflow.projections.SessionProjectionTopology;
import io.sessionflow.projections.SessionUpdateListener;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers "what became of session key K?" from the projections' store
 * {@value SessionProjectionTopology#SESSIONS_BY_KEY_STORE}, waiting a bounded time for the outcome.
 *
 * <p>The key's metadata names the instance that owns its partition: this one reads its local store,
 * another is asked over HTTP ({@link RemoteSessionQueries}). While metadata is
 * {@code NOT_AVAILABLE} or the store is migrating, it tries again on a timer until the deadline.
 * A local wait is a future parked in {@code waiting}, completed by the projection's update and
 * removed when it completes or times out, so nothing is left behind and no thread sleeps.
 */
public final class SessionQueryService implements SessionUpdateListener {

    private static final Serializer<String> KEY_SERIALIZER = Serdes.String().serializer();
    private static final Duration RETRY_DELAY = Duration.ofMillis(50);

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final RemoteSessionQueries remote;
    private final Executor completions;
    private final ConcurrentHashMap<String, Set<CompletableFuture<SessionEvent>>> waiting = new ConcurrentHashMap<>();

    /**
     * @param streams     the projections' Streams instance (null until started)
     * @param self        this instance's {@code application.server}
     * @param remote      asks the owning instance when that is another one
     * @param completions runs the waiters' continuations, off the stream thread
     */
    public SessionQueryService(Supplier<KafkaStreams> streams, HostInfo self, RemoteSessionQueries remote,
                               Executor completions) {
        this.streams = streams;
        this.self = self;
        this.remote = remote;
        this.completions = completions;
    }

    /** Waits up to {@code wait} for an outcome of the key, wherever it is stored. */
    public CompletableFuture<SessionLookup> await(String sessionKey, Duration wait) {
        return attempt(sessionKey, deadline(wait), true);
    }

    /** Like {@link #await}, but answers only from this instance's store (the endpoint other instances call). */
    public CompletableFuture<SessionLookup> awaitLocal(String sessionKey, Duration wait) {
        return attempt(sessionKey, deadline(wait), false);
    }

    /** Number of requests parked waiting for an outcome. */
    public int waitingCount() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void sessionUpdated(String sessionKey, SessionEvent event) {
        Set<CompletableFuture<SessionEvent>> waiters = waiting.get(sessionKey);
        if (waiters != null) {
            for (CompletableFuture<SessionEvent> waiter : waiters) {
                completions.execute(() -> waiter.complete(event));
            }
        }
    }

    private CompletableFuture<SessionLookup> attempt(String key, long deadline, boolean mayRoute) {
        KafkaStreams kafkaStreams = streams.get();
        KeyQueryMetadata metadata = kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()
                ? KeyQueryMetadata.NOT_AVAILABLE
                : kafkaStreams.queryMetadataForKey(SessionProjectionTopology.SESSIONS_BY_KEY_STORE, key, KEY_SERIALIZER);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return retryLater(key, deadline, mayRoute, "the session store is not available yet");
        }
        if (self.equals(metadata.activeHost())) {
            return waitLocally(kafkaStreams, key, deadline, mayRoute);
        }
        if (!mayRoute) {
            return CompletableFuture.completedFuture(new SessionLookup.Unavailable("this instance does not own the key"));
        }
        return remote.await(metadata.activeHost(), key, remaining(deadline))
                .exceptionally(e -> new SessionLookup.Unavailable("the owning instance did not answer"))
                .thenCompose(lookup -> lookup instanceof SessionLookup.Unavailable unavailable
                        ? retryLater(key, deadline, true, unavailable.reason())
                        : CompletableFuture.completedFuture(lookup));
    }

    private CompletableFuture<SessionLookup> waitLocally(KafkaStreams kafkaStreams, String key, long deadline,
                                                         boolean mayRoute) {
        CompletableFuture<SessionEvent> waiter = new CompletableFuture<>();
        waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        SessionEvent stored;
        try {
            ReadOnlyKeyValueStore<String, SessionEvent> store = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(SessionProjectionTopology.SESSIONS_BY_KEY_STORE,
                            QueryableStoreTypes.<String, SessionEvent>keyValueStore()));
            stored = store.get(key);
        } catch (InvalidStateStoreException e) {
            forget(key, waiter);
            return retryLater(key, deadline, mayRoute, "the session store is migrating");
        }
        if (stored != null) {
            forget(key, waiter);
            return CompletableFuture.completedFuture(new SessionLookup.Found(stored));
        }
        return waiter
                .completeOnTimeout(null, remaining(deadline).toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((event, error) -> forget(key, waiter))
                .thenApply(event -> event == null ? new SessionLookup.NotFound() : new SessionLookup.Found(event));
    }

    private CompletableFuture<SessionLookup> retryLater(String key, long deadline, boolean mayRoute, String reason) {
        Duration remaining = remaining(deadline);
        if (remaining.isZero()) {
            return CompletableFuture.completedFuture(new SessionLookup.Unavailable(reason));
        }
        long delayNanos = Math.min(RETRY_DELAY.toNanos(), remaining.toNanos());
        Executor later = CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, completions);
        return CompletableFuture.supplyAsync(() -> key, later).thenCompose(k -> attempt(k, deadline, mayRoute));
    }

    private void forget(String key, CompletableFuture<SessionEvent> waiter) {
        waiting.computeIfPresent(key, (k, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    private static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }
}
