package io.sessionflow.api.catalog;

import java.time.Duration;
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
    private static final Duration ENTRY_WAIT = Duration.ofSeconds(30);
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private final KafkaTemplate<String, byte[]> kafka;

    public CatalogPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /**
     * Publishes every entry of the file and waits until the broker has them all; returns their number. A write
     * that fails or times out (a broker slow or away at start) is tried again after a pause, for as long as it
     * takes: the app stays not ready meanwhile rather than exiting because Kafka was slow. Writing an entry again
     * is harmless, the topic is compacted by key and the value is the same.
     */
    public int publish(CatalogFile file) {
        Map<String, Object> entries = file.entries();
        Instant now = Instant.now();
        for (int attempt = 1; ; attempt++) {
            try {
                write(entries, now);
                LOG.info("Loaded {} catalog entries into {}", entries.size(), Topics.CATALOG.name());
                return entries.size();
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                LOG.warn(
                        "Could not write the catalog to {} yet (attempt {}: {}); trying again in {} ms",
                        Topics.CATALOG.name(),
                        attempt,
                        cause.toString(),
                        RETRY_PAUSE.toMillis());
                try {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while loading the catalog", interrupted);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while loading the catalog", e);
            }
        }
    }

    private void write(Map<String, Object> entries, Instant now)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            put(entry.getKey(), entry.getValue(), now).get(ENTRY_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
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
