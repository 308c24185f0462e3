package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionflow.app.CommittedSessionEvents;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
        Map<String, List<SessionCreated>> created = new LinkedHashMap<>();
        List<ConsumerRecord<String, byte[]>> records =
                CommittedSessionEvents.read(bootstrapServers, Duration.ofSeconds(60));
        for (ConsumerRecord<String, byte[]> record : records) {
            SessionEvent event =
                    Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (event.getPayload() instanceof SessionCreated c) {
                created.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(c);
            }
        }
        return new SessionEventsAudit(created, records.size());
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
