package io.sessionflow.bench.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.sessionflow.bench.workload.ProviderWorkload;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes N request events of a workload to its request topic, as the API would publish them (same
 * keys, same serde, an idempotent {@code acks=all} producer; larger batches than the API's, since
 * only the records matter here), and notes what the pipeline phase needs afterwards: the last session
 * key of each partition and the events' average size.
 */
final class RequestPreProducer {

    /**
     * @param topic              the request topic
     * @param records            how many were written
     * @param nanos              how long writing them took
     * @param avgKeyBytes        average serialized key size
     * @param avgValueBytes      average serialized value size
     * @param lastKeyByPartition the session key of the record at the highest offset of each partition
     */
    record Produced(
            String topic,
            long records,
            long nanos,
            double avgKeyBytes,
            double avgValueBytes,
            Map<Integer, String> lastKeyByPartition) {}

    private RequestPreProducer() {}

    static Produced produce(KafkaSettings settings, ProviderWorkload workload, long records) {
        Map<String, Object> config = settings.producerConfig(Duration.ofMinutes(2));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000); // delivery timeout ≥ linger + request timeout
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "sessionflow-bench-pre-producer");
        // one batch at a time: with five in flight to a broker that had just created the topics, a first batch
        // retried after later ones were appended was refused forever (OutOfOrderSequenceException)
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        Map<Integer, Long> lastOffset = new HashMap<>();
        Map<Integer, String> lastKey = new HashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long keyBytes = 0;
        long valueBytes = 0;
        String topic = null;
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records && failure.get() == null; i++) {
                ProviderWorkload.RequestEvent event = workload.requestEvent(i);
                topic = event.topic();
                keyBytes += event.sessionKey().length();
                valueBytes += event.value().length;
                String key = event.sessionKey();
                producer.send(new ProducerRecord<>(event.topic(), key, event.value()), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                        return;
                    }
                    synchronized (lastOffset) {
                        if (metadata.offset() >= lastOffset.getOrDefault(metadata.partition(), -1L)) {
                            lastOffset.put(metadata.partition(), metadata.offset());
                            lastKey.put(metadata.partition(), key);
                        }
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Pre-producing request events failed: " + failure.get(), failure.get());
        }
        synchronized (lastOffset) {
            return new Produced(
                    topic,
                    records,
                    System.nanoTime() - started,
                    (double) keyBytes / records,
                    (double) valueBytes / records,
                    Map.copyOf(lastKey));
        }
    }
}
