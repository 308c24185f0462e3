package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sessionflow.app.TopicReader;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of {@code sessionflow.session-events} that aborted transactions wrote: on the topic (read
 * {@code read_uncommitted}) but never visible {@code read_committed}, as every consumer of outcome events reads
 * it. The topic is read uncommitted first and then committed, so that every record of the first read has its
 * transaction ended by the second (the committed read waits for the open ones); call it once nothing decides
 * any more. Decisions are told apart by their event id: a request decided by a zombie and decided again by the
 * instance that took its task over has the same session key (and, for Algoreg and LivePerson, the same session
 * id) but two event ids, one aborted and one committed.
 *
 * @param records          aborted records
 * @param createdByKey     the event ids of the aborted {@code SessionCreated} events, by session key
 * @param committedCreated the event ids of the committed {@code SessionCreated} events, by session key
 */
record AbortedSessionEvents(
        int records, Map<String, Set<String>> createdByKey, Map<String, Set<String>> committedCreated) {

    private static final Duration WAIT = Duration.ofSeconds(60);

    static AbortedSessionEvents read(String bootstrapServers) {
        String topic = Topics.SESSION_EVENTS.name();
        List<ConsumerRecord<String, byte[]>> uncommitted =
                TopicReader.read(bootstrapServers, topic, "read_uncommitted", WAIT);
        Map<TopicPartition, Set<Long>> committed = new HashMap<>();
        Map<String, Set<String>> committedCreated = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record :
                TopicReader.read(bootstrapServers, topic, "read_committed", WAIT)) {
            committed
                    .computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new HashSet<>())
                    .add(record.offset());
            collectCreated(record, committedCreated);
        }
        List<ConsumerRecord<String, byte[]>> aborted = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : uncommitted) {
            if (!committed
                    .getOrDefault(new TopicPartition(record.topic(), record.partition()), Set.of())
                    .contains(record.offset())) {
                aborted.add(record);
            }
        }
        Map<String, Set<String>> created = new HashMap<>();
        aborted.forEach(record -> collectCreated(record, created));
        return new AbortedSessionEvents(aborted.size(), created, committedCreated);
    }

    private static void collectCreated(ConsumerRecord<String, byte[]> record, Map<String, Set<String>> byKey) {
        SessionEvent event =
                Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (event.getPayload() instanceof SessionCreated) {
            byKey.computeIfAbsent(record.key(), k -> new HashSet<>()).add(event.getEventId());
        }
    }

    /** Aborted {@code SessionCreated} events. */
    int created() {
        return createdByKey.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Of the session keys in {@code keys}, those with an aborted {@code SessionCreated} that was not replaced by
     * exactly one committed decision of its own (another event id): a zombie's decision a client could have got.
     */
    List<String> notReplaced(Set<String> keys) {
        List<String> problems = new ArrayList<>();
        createdByKey.forEach((key, abortedIds) -> {
            if (keys.contains(key)) {
                Set<String> committedIds = committedCreated.getOrDefault(key, Set.of());
                if (committedIds.size() != 1 || abortedIds.containsAll(committedIds)) {
                    problems.add(key + ": aborted " + abortedIds + ", committed " + committedIds);
                }
            }
        });
        return problems;
    }

    /** Of the session keys in {@code keys}, how many had an aborted {@code SessionCreated}. */
    long redecided(Set<String> keys) {
        return createdByKey.keySet().stream().filter(keys::contains).count();
    }
}
