package io.sessionflow.projections.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.sessionflow.projections.EncodedSessionEvent;
import io.sessionflow.projections.ProjectedSession;
import io.sessionflow.projections.ProjectionReads;
import io.sessionflow.projections.SessionProjectionTopology;
import io.sessionflow.projections.SessionUpdateListener;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Answers from the projections' stores, wherever they live: "what became of request R of session
 * K?" (waiting a bounded time for the answer) and "what is session K now?" ({@link ProjectionReads}).
 *
 * <p>The session key's metadata names the instance that owns its partition: this one reads its
 * local store, another is asked over HTTP ({@link RemoteSessionQueries}). While metadata is
 * {@code NOT_AVAILABLE} or the store is migrating, it tries again on a timer until the deadline.
 * A wait for an answer is a future parked in {@code waiting}, completed by the projection's update
 * and removed when it completes or times out, so nothing is left behind and no thread sleeps.
 *
 * <p>Once {@link #stop() stopped} (just before its Streams app closes) it answers every query
 * {@link SessionLookup.Unavailable} at once, and so do the waits still parked: a caller asks another
 * instance, which the Streams app's leaving the group makes the owner, rather than wait out its deadline here.
 */
public final class SessionQueryService implements SessionQueries, SessionUpdateListener {

    private static final Serializer<String> KEY_SERIALIZER = Serdes.String().serializer();
    private static final Duration RETRY_DELAY = Duration.ofMillis(50);
    private static final String STOPPED = "this instance is stopping";

    /** What to look up: a request's answer (waited for) or a session's state (read once it can be read). */
    public record Query(String sessionKey, String requestKey) {

        public static Query outcome(String sessionKey, String requestKey) {
            return new Query(sessionKey, requestKey == null ? sessionKey : requestKey);
        }

        public static Query session(String sessionKey) {
            return new Query(sessionKey, null);
        }

        boolean waitsForUpdate() {
            return requestKey != null;
        }

        /** The key waiters park under: the answer's key, or the session key. */
        String storeKey() {
            return waitsForUpdate() ? SessionProjectionTopology.outcomeKey(sessionKey, requestKey) : sessionKey;
        }
    }

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final RemoteSessionQueries remote;
    private final Executor completions;
    private final Duration outcomeRetention;
    private final ConcurrentHashMap<String, Set<CompletableFuture<EncodedSessionEvent>>> waiting =
            new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /**
     * @param streams     the projections' Streams instance (null until started)
     * @param self        this instance's {@code application.server}
     * @param remote      asks the owning instance when that is another one
     * @param completions runs the waiters' continuations, off the stream thread
     */
    public SessionQueryService(
            Supplier<KafkaStreams> streams, HostInfo self, RemoteSessionQueries remote, Executor completions) {
        this(
                streams,
                self,
                remote,
                completions,
                SessionProjectionTopology.Settings.defaults().outcomeRetention());
    }

    /** @param outcomeRetention how long answers are kept (the topology's setting) */
    public SessionQueryService(
            Supplier<KafkaStreams> streams,
            HostInfo self,
            RemoteSessionQueries remote,
            Executor completions,
            Duration outcomeRetention) {
        this.streams = streams;
        this.self = self;
        this.remote = remote;
        this.completions = completions;
        this.outcomeRetention = outcomeRetention;
    }

    @Override
    public CompletableFuture<SessionLookup> awaitOutcome(String sessionKey, String requestKey, Duration wait) {
        return lookup(Query.outcome(sessionKey, requestKey), wait);
    }

    @Override
    public CompletableFuture<SessionLookup> session(String sessionKey, Duration wait) {
        return lookup(Query.session(sessionKey), wait);
    }

    public CompletableFuture<SessionLookup> lookup(Query query, Duration wait) {
        return attempt(query, deadline(wait), true, true);
    }

    /**
     * For a caller over the internal endpoint (the standalone API, or, {@code forwarded}, another instance asking
     * the owner its metadata names, answered from this instance's stores only), which asks elsewhere when this
     * instance cannot answer: while this instance knows no owner for the key (it is starting, its first
     * assignment pending) it says so at once rather than wait. A restarted instance's internal port listens
     * seconds before its Streams app knows anything, and a caller waiting there would wait in vain while the
     * other instances could answer.
     */
    public CompletableFuture<SessionLookup> lookupForCaller(Query query, Duration wait, boolean forwarded) {
        return attempt(query, deadline(wait), !forwarded, false);
    }

    /** Number of requests parked waiting for an answer. */
    public int waitingCount() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /** From now on every query, and every wait still parked, is {@link SessionLookup.Unavailable} at once. */
    public void stop() {
        stopped = true;
        waiting.values().forEach(waiters -> waiters.forEach(waiter -> waiter.complete(null)));
    }

    @Override
    public void outcomeStored(String outcomeKey, EncodedSessionEvent event) {
        Set<CompletableFuture<EncodedSessionEvent>> waiters = waiting.get(outcomeKey);
        if (waiters != null) {
            for (CompletableFuture<EncodedSessionEvent> waiter : waiters) {
                completions.execute(() -> waiter.complete(event));
            }
        }
    }

    /** @param patient whether to wait (retry) while no owner is known, or say so at once */
    private CompletableFuture<SessionLookup> attempt(Query query, long deadline, boolean mayRoute, boolean patient) {
        if (stopped) {
            return CompletableFuture.completedFuture(new SessionLookup.Unavailable(STOPPED));
        }
        KafkaStreams kafkaStreams = streams.get();
        KeyQueryMetadata metadata =
                kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()
                        ? KeyQueryMetadata.NOT_AVAILABLE
                        : kafkaStreams.queryMetadataForKey(
                                SessionProjectionTopology.SESSIONS_STORE, query.sessionKey(), KEY_SERIALIZER);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            String reason = "the session store is not available yet";
            return patient
                    ? retryLater(query, deadline, mayRoute, true, reason)
                    : CompletableFuture.completedFuture(new SessionLookup.Unavailable(reason));
        }
        if (self.equals(metadata.activeHost())) {
            return readLocally(kafkaStreams, metadata.partition(), query, deadline, mayRoute, patient);
        }
        if (!mayRoute) {
            return CompletableFuture.completedFuture(
                    new SessionLookup.Unavailable("this instance does not own the key"));
        }
        return remote.lookup(metadata.activeHost(), query, remaining(deadline), true)
                .exceptionally(e -> new SessionLookup.Unavailable("the owning instance did not answer"))
                .thenCompose(lookup -> lookup instanceof SessionLookup.Unavailable unavailable
                        ? retryLater(query, deadline, true, patient, unavailable.reason())
                        : CompletableFuture.completedFuture(lookup));
    }

    private CompletableFuture<SessionLookup> readLocally(
            KafkaStreams kafkaStreams, int partition, Query query, long deadline, boolean mayRoute, boolean patient) {
        String key = query.storeKey();
        // parked before the read, so that an answer stored between read and park is not missed
        CompletableFuture<EncodedSessionEvent> waiter = query.waitsForUpdate() ? park(key) : null;
        EncodedSessionEvent stored;
        try {
            ProjectionReads reads = reads(kafkaStreams, partition);
            stored = query.waitsForUpdate()
                    ? reads.outcome(query.sessionKey(), query.requestKey(), Instant.now())
                    : reads.session(query.sessionKey());
        } catch (InvalidStateStoreException e) {
            forget(key, waiter);
            return retryLater(query, deadline, mayRoute, patient, "the session store is migrating");
        }
        if (stored != null || waiter == null) {
            forget(key, waiter);
            return CompletableFuture.completedFuture(
                    stored == null ? new SessionLookup.NotFound() : new SessionLookup.Found(stored));
        }
        return waiter.completeOnTimeout(null, remaining(deadline).toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((event, error) -> forget(key, waiter))
                .thenApply(event -> event != null
                        ? new SessionLookup.Found(event)
                        : stopped ? new SessionLookup.Unavailable(STOPPED) : new SessionLookup.NotFound());
    }

    /**
     * The stores of the key's partition only. Its metadata names this instance as the owner as soon as a
     * rebalance decides so, before the task arrives (cooperatively, once the old owner has let it go, and then
     * after its restore): the stores of all local tasks would answer "not found" for a session that exists. With
     * the partition named, Kafka Streams says the store is not here yet, which is a retry.
     */
    private ProjectionReads reads(KafkaStreams kafkaStreams, int partition) {
        return new ProjectionReads(
                kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                                SessionProjectionTopology.SESSIONS_STORE,
                                QueryableStoreTypes.<String, ProjectedSession>keyValueStore())
                        .withPartition(partition)),
                kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                                SessionProjectionTopology.ANSWERS_STORE,
                                QueryableStoreTypes.<String, EncodedSessionEvent>windowStore())
                        .withPartition(partition)),
                kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                                SessionProjectionTopology.LEGACY_OUTCOMES_STORE,
                                QueryableStoreTypes.<String, EncodedSessionEvent>keyValueStore())
                        .withPartition(partition)),
                outcomeRetention);
    }

    private CompletableFuture<EncodedSessionEvent> park(String key) {
        CompletableFuture<EncodedSessionEvent> waiter = new CompletableFuture<>();
        waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        return waiter;
    }

    private CompletableFuture<SessionLookup> retryLater(
            Query query, long deadline, boolean mayRoute, boolean patient, String reason) {
        Duration remaining = remaining(deadline);
        if (remaining.isZero()) {
            return CompletableFuture.completedFuture(new SessionLookup.Unavailable(reason));
        }
        long delayNanos = Math.min(RETRY_DELAY.toNanos(), remaining.toNanos());
        Executor later = CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, completions);
        return CompletableFuture.supplyAsync(() -> query, later)
                .thenCompose(q -> attempt(q, deadline, mayRoute, patient));
    }

    private void forget(String key, CompletableFuture<EncodedSessionEvent> waiter) {
        if (waiter == null) {
            return;
        }
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
