package io.sessionflow.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.sessionflow.processor.SessionProcessorTopology;
import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the processor has decided every request published so far: its consumer group's
 * committed offsets reach the end (taken at the call) of every request topic, and of
 * {@code sessionflow.session-activity} too, so a use of a session before the call has extended it. Under exactly-once the offsets commit in
 * the same transaction as the decisions, so afterwards session-events (read committed) holds every
 * event those requests will ever cause; a retried copy still unread cannot add one later unseen.
 */
public final class ProcessorProgress {

    private static final List<Topic<?, ?>> INPUT_TOPICS = Stream.concat(
                    Topics.REQUESTS.stream(), Stream.of(Topics.SESSION_ACTIVITY))
            .toList();

    private ProcessorProgress() {}

    public static void awaitAllRequestsDecided(String bootstrapServers, Duration limit) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Topic<?, ?> topic : INPUT_TOPICS) {
                admin.describeTopics(List.of(topic.name()))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get(topic.name())
                        .partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
            long deadline = System.nanoTime() + limit.toNanos();
            Map<TopicPartition, Long> behind = behind(admin, end);
            while (!behind.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The processor did not decide every request within " + limit
                            + "; committed offsets behind the end " + end + ": " + behind);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                behind = behind(admin, end);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, Long> behind(Admin admin, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        SessionProcessorTopology.APPLICATION_ID)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> behind = new HashMap<>();
        end.forEach((tp, endOffset) -> {
            OffsetAndMetadata offset = committed.get(tp);
            long position = offset == null ? 0 : offset.offset();
            if (position < endOffset) {
                behind.put(tp, position);
            }
        });
        return behind;
    }
}
