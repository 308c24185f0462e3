package io.sessionflow.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.sessionflow.projections.SessionProjectionTopology;
import io.sessionflow.schemas.catalog.CatalogEntry;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the catalog from the projections' global store {@value SessionProjectionTopology#CATALOG_STORE}
 * (every instance holds all of {@code sessionflow.catalog}), so that the API can authenticate a
 * caller and resolve its tenant before anything is published.
 */
public final class CatalogQueries {

    /** The catalog cannot be read yet (the app is starting): the caller should answer a retryable error. */
    public static final class CatalogUnavailableException extends RuntimeException {
        CatalogUnavailableException(Throwable cause) {
            super("The catalog is not available yet", cause);
        }
    }

    private final Supplier<KafkaStreams> streams;

    public CatalogQueries(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    /**
     * @return the entry's payload, empty when there is none or it holds another type
     * @throws CatalogUnavailableException while the store cannot be read
     */
    public <T> Optional<T> get(String catalogKey, Class<T> type) {
        return entry(catalogKey).map(CatalogEntry::getPayload).filter(type::isInstance).map(type::cast);
    }

    /** @throws CatalogUnavailableException while the store cannot be read */
    public Optional<CatalogEntry> entry(String catalogKey) {
        try {
            return Optional.ofNullable(store().get(catalogKey));
        } catch (InvalidStateStoreException e) {
            throw new CatalogUnavailableException(e);
        }
    }

    /** Every entry whose key starts with {@code prefix} (all of them for an empty prefix), in key order. */
    public List<Map.Entry<String, CatalogEntry>> entries(String prefix) {
        List<Map.Entry<String, CatalogEntry>> entries = new ArrayList<>();
        ReadOnlyKeyValueStore<String, CatalogEntry> store = store();
        // a prefix scan cannot take an empty prefix: it needs a next prefix to stop at
        try (KeyValueIterator<String, CatalogEntry> all = prefix.isEmpty() ? store.all()
                : store.prefixScan(prefix, new StringSerializer())) {
            all.forEachRemaining(kv -> entries.add(Map.entry(kv.key, kv.value)));
        } catch (InvalidStateStoreException e) {
            throw new CatalogUnavailableException(e);
        }
        return entries;
    }

    private ReadOnlyKeyValueStore<String, CatalogEntry> store() {
        KafkaStreams kafkaStreams = streams.get();
        if (kafkaStreams == null) {
            throw new CatalogUnavailableException(null);
        }
        try {
            return kafkaStreams.store(StoreQueryParameters.fromNameAndType(SessionProjectionTopology.CATALOG_STORE,
                    QueryableStoreTypes.<String, CatalogEntry>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new CatalogUnavailableException(e);
        }
    }
}
