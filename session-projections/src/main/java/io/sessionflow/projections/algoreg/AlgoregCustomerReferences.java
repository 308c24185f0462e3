package io.sessionflow.projections.algoreg;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the customer references of Algoreg sessions: the restricted compacted topic
 * {@code sessionflow.algoreg.customer-references} as the projections' global store {@value #STORE}
 * ({@link AlgoregCustomerReferencesProjection}), so that every instance answers a session read locally (no routing,
 * so the reference never travels between instances); the standalone API reads its own replica of the topic
 * instead. Only the Algoreg API reads it, after it has authenticated the caller and checked that the session is
 * the caller tenant's.
 */
public final class AlgoregCustomerReferences {

    public static final String STORE = "algoreg-customer-references";
    private static final Duration RETRY_DELAY = Duration.ofMillis(50);

    private final Supplier<KafkaStreams> streams;
    private final Function<String, Optional<AlgoregCustomerReference>> reader;

    /** @param streams the projections' Streams instance (null until started) */
    public AlgoregCustomerReferences(Supplier<KafkaStreams> streams) {
        this.streams = streams;
        this.reader = null;
    }

    private AlgoregCustomerReferences(Function<String, Optional<AlgoregCustomerReference>> reader) {
        this.streams = () -> null;
        this.reader = reader;
    }

    /** The references as {@code reader} finds them (empty while it cannot): the standalone API's replica. */
    public static AlgoregCustomerReferences of(Function<String, Optional<AlgoregCustomerReference>> reader) {
        return new AlgoregCustomerReferences(reader);
    }

    /**
     * The reference of a session that has one. The processor writes it in the transaction that
     * creates the session, but the global store may be read a moment before it has caught up, so
     * this tries again until {@code wait} has passed.
     *
     * @return empty when the store has none for the key within the wait, or cannot be read
     */
    public CompletableFuture<Optional<AlgoregCustomerReference>> await(String sessionKey, Duration wait) {
        return attempt(sessionKey, System.nanoTime() + wait.toNanos());
    }

    private CompletableFuture<Optional<AlgoregCustomerReference>> attempt(String sessionKey, long deadline) {
        Optional<AlgoregCustomerReference> found = read(sessionKey);
        long remaining = deadline - System.nanoTime();
        if (found.isPresent() || remaining <= 0) {
            return CompletableFuture.completedFuture(found);
        }
        return CompletableFuture.supplyAsync(
                        () -> sessionKey,
                        CompletableFuture.delayedExecutor(
                                Math.min(RETRY_DELAY.toNanos(), remaining), TimeUnit.NANOSECONDS))
                .thenCompose(key -> attempt(key, deadline));
    }

    private Optional<AlgoregCustomerReference> read(String sessionKey) {
        if (reader != null) {
            return reader.apply(sessionKey);
        }
        KafkaStreams kafkaStreams = streams.get();
        if (kafkaStreams == null) {
            return Optional.empty();
        }
        try {
            ReadOnlyKeyValueStore<String, AlgoregCustomerReference> store =
                    kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                            STORE, QueryableStoreTypes.<String, AlgoregCustomerReference>keyValueStore()));
            return Optional.ofNullable(store.get(sessionKey));
        } catch (InvalidStateStoreException notReadyYet) {
            return Optional.empty();
        }
    }
}
