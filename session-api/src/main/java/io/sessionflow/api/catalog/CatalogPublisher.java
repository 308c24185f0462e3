package io.sessionflow.api.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes reference data to the compacted catalog topic {@code sessionflow.catalog}, which the
 * processor reads as a GlobalKTable: the catalog file at start, one entry at a time at run time.
 */
public final class CatalogPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPublisher.class);
    private final KafkaTemplate<String, byte[]> kafka;

    public CatalogPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** Publishes every entry of the file and waits until the broker has them all; returns their number. */
    public int publish(CatalogFile file) {
        Map<String, Object> entries = file.entries();
        Instant now = Instant.now();
        try {
            for (Map.Entry<String, Object> entry : entries.entrySet()) {
                put(entry.getKey(), entry.getValue(), now).get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the catalog", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write the catalog to " + Topics.CATALOG.name(), e);
        }
        LOG.info("Loaded {} catalog entries into {}", entries.size(), Topics.CATALOG.name());
        return entries.size();
    }

    /** Writes a tombstone: the entry is gone once the processor's GlobalKTable reads it. */
    public CompletableFuture<?> delete(String key) {
        return kafka.send(Topics.CATALOG.name(), key, null);
    }

    public CompletableFuture<?> put(String key, Object payload, Instant updatedAt) {
        return kafka.send(Topics.CATALOG.name(), key, encode(payload, updatedAt));
    }

    /** A catalog entry as it is written to the topic. */
    public static byte[] encode(Object payload, Instant updatedAt) {
        CatalogEntry entry = CatalogEntry.newBuilder()
                .setUpdatedAt(updatedAt)
                .setPayload(payload)
                .build();
        return Topics.CATALOG.valueSerde().serializer().serialize(Topics.CATALOG.name(), entry);
    }
}
