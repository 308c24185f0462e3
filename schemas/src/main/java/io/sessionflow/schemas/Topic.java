package io.sessionflow.schemas;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic of the public contract: its name, how keys and values are encoded, whether it is
 * compacted, and whether it may carry personal data.
 */
public record Topic<K, V>(
        String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted, Classification classification) {

    public enum Classification {
        /** May carry personal data: readable only by the services that need it. */
        RESTRICTED,
        /** No raw personal data: open to analytics. */
        PUBLIC
    }
}
