package io.sessionflow.processor;

import io.sessionflow.schemas.catalog.CatalogEntry;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Read access to the catalog GlobalKTable's store, by catalog key and payload type. */
public final class CatalogView {

    private final KeyValueStore<String, ValueAndTimestamp<CatalogEntry>> store;

    CatalogView(KeyValueStore<String, ValueAndTimestamp<CatalogEntry>> store) {
        this.store = store;
    }

    /** @return the entry's payload, or null when there is none or it holds another type */
    public <T> T get(String catalogKey, Class<T> type) {
        ValueAndTimestamp<CatalogEntry> entry = store.get(catalogKey);
        if (entry == null || entry.value() == null) {
            return null;
        }
        Object payload = entry.value().getPayload();
        return type.isInstance(payload) ? type.cast(payload) : null;
    }
}
