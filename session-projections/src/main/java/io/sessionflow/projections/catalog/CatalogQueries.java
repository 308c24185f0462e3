package io.sessionflow.projections.catalog;

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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the catalog, so that the API can authenticate a caller and resolve its tenant before anything is
 * published: in the all-in-one app and in the projections from the projections' global store
 * {@value SessionProjectionTopology#CATALOG_STORE} (every instance holds all of {@code sessionflow.catalog}),
 * in the standalone API from a read-only replica of the topic ({@link #of(Source)}).
 */
public final class CatalogQueries {

    /** Where the catalog is read from; either method throws {@link CatalogUnavailableException} until it can be. */
    public interface Source {

        Optional<CatalogEntry> get(String catalogKey);

        /** Every entry whose key starts with {@code prefix}, in key order. */
        List<Map.Entry<String, CatalogEntry>> entries(String prefix);
    }

    /** The catalog cannot be read yet (the app is starting): the caller should answer a retryable error. */
    public static final class CatalogUnavailableException extends RuntimeException {
        public CatalogUnavailableException(Throwable cause) {
            super("The catalog is not available yet", cause);
        }
    }

    private final Supplier<KafkaStreams> streams;
    private final Source source;

    /** @param streams the projections' Streams instance (null until started), whose global store is read */
    public CatalogQueries(Supplier<KafkaStreams> streams) {
        this.streams = streams;
        this.source = null;
    }

    private CatalogQueries(Source source) {
        this.streams = () -> null;
        this.source = source;
    }

    /** The catalog as {@code source} holds it (the standalone API's replica of the topic). */
    public static CatalogQueries of(Source source) {
        return new CatalogQueries(source);
    }

    /**
     * @return the entry's payload, empty when there is none or it holds another type
     * @throws CatalogUnavailableException while the store cannot be read
     */
    public <T> Optional<T> get(String catalogKey, Class<T> type) {
        return entry(catalogKey)
                .map(CatalogEntry::getPayload)
                .filter(type::isInstance)
                .map(type::cast);
    }

    /** @throws CatalogUnavailableException while the store cannot be read */
    public Optional<CatalogEntry> entry(String catalogKey) {
        if (source != null) {
            return source.get(catalogKey);
        }
        try {
            return Optional.ofNullable(store().get(catalogKey));
        } catch (InvalidStateStoreException e) {
            throw new CatalogUnavailableException(e);
        }
    }

    /** Every entry whose key starts with {@code prefix} (all of them for an empty prefix), in key order. */
    public List<Map.Entry<String, CatalogEntry>> entries(String prefix) {
        if (source != null) {
            return source.entries(prefix);
        }
        List<Map.Entry<String, CatalogEntry>> entries = new ArrayList<>();
        ReadOnlyKeyValueStore<String, CatalogEntry> store = store();
        // a prefix scan cannot take an empty prefix: it needs a next prefix to stop at
        try (KeyValueIterator<String, CatalogEntry> all =
                prefix.isEmpty() ? store.all() : store.prefixScan(prefix, new StringSerializer())) {
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
            return kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                    SessionProjectionTopology.CATALOG_STORE,
                    QueryableStoreTypes.<String, CatalogEntry>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new CatalogUnavailableException(e);
        }
    }
}
