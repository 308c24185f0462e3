package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What {@code sessionflow.session-events} holds, read from the beginning with
 * {@code isolation.level=read_committed} (as every consumer of outcome events reads it): the
 * {@code SessionCreated} events by session key.
 */
final class SessionEventsAudit {

    private final Map<String, List<SessionCreated>> createdByKey;
    private final int records;

    private SessionEventsAudit(Map<String, List<SessionCreated>> createdByKey, int records) {
        this.createdByKey = createdByKey;
        this.records = records;
    }

    static SessionEventsAudit read(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<SessionCreated>> created = new LinkedHashMap<>();
        int records = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // under read_committed: the last stable offsets, so open transactions are waited for, not skipped
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("session-events not read to its end within 60 s: end " + end);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    SessionEvent event = Topics.SESSION_EVENTS.valueSerde().deserializer()
                            .deserialize(record.topic(), record.value());
                    if (event.getPayload() instanceof SessionCreated c) {
                        created.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(c);
                    }
                }
            }
        }
        return new SessionEventsAudit(created, records);
    }

    List<SessionCreated> created(String sessionKey) {
        return createdByKey.getOrDefault(sessionKey, List.of());
    }

    /** Session keys with more than one {@code SessionCreated}: a second session for one key. */
    Map<String, List<SessionCreated>> duplicates() {
        Map<String, List<SessionCreated>> duplicates = new LinkedHashMap<>();
        createdByKey.forEach((key, created) -> {
            if (created.size() > 1) {
                duplicates.put(key, created);
            }
        });
        return duplicates;
    }

    int createdCount() {
        return createdByKey.values().stream().mapToInt(List::size).sum();
    }

    int records() {
        return records;
    }
}
