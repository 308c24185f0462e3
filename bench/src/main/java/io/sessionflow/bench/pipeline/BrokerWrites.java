package io.sessionflow.bench.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records on every topic of the broker, counted by reading each from its start to its end offset
 * ({@code read_uncommitted}: aborted records are writes too; transaction markers take offsets but are never
 * returned as records, so end offset minus records is the markers). Done after a pipeline run, before any
 * session expires, so nothing was compacted away: each key was written once. Divided by N, the broker writes
 * per created session, by topic.
 */
final class BrokerWrites {

    /** @param records records per topic; {@code endOffsets} the sum of each topic's end offsets */
    record Count(Map<String, Long> records, Map<String, Long> endOffsets) {

        String describe(long sessions) {
            StringBuilder out = new StringBuilder(
                    String.format(
                            Locale.ROOT,
                            "| topic | records | per session | end offsets (records + markers) |%n| --- | ---: | ---: | ---: |%n"));
            records.forEach((topic, n) -> out.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %,d | %.3f | %,d |%n",
                    topic,
                    n,
                    (double) n / sessions,
                    endOffsets.get(topic))));
            return out.toString();
        }
    }

    private BrokerWrites() {}

    static Count count(Map<String, Object> adminConfig) throws Exception {
        Map<String, Long> records = new TreeMap<>();
        Map<String, Long> endOffsets = new TreeMap<>();
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sessionflow-bench-write-counter");
        try (Admin admin = Admin.create(adminConfig);
                KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (String topic :
                    new TreeMap<>(admin.listTopics().namesToListings().get(30, TimeUnit.SECONDS)).keySet()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long n = 0;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                        && System.nanoTime() < deadline) {
                    n += consumer.poll(Duration.ofMillis(200)).count();
                }
                records.put(topic, n);
                endOffsets.put(
                        topic, end.values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return new Count(records, endOffsets);
    }
}
