package io.sessionflow.api.standalone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only copy of a compacted topic in memory, for the standalone API, which runs no Streams app: a plain
 * consumer with no group (every partition assigned, from the beginning, {@code read_committed}) applies each
 * record, a tombstone removes its key. Its memory is bounded by the compacted topic's live keys. Until it has
 * read up to the end offsets seen when it started it is not {@link #ready()}: a read before that could miss a
 * key, so callers answer their retryable error. A value it cannot decode is skipped (the Streams apps send
 * such records to the dead-letter topic; this copy only reads).
 */
public final class CompactedTopicReplica<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReplica.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Topic<String, V> topic;
    private final Map<String, Object> config;
    private final ConcurrentSkipListMap<String, V> entries = new ConcurrentSkipListMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean ready;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;

    /** @param kafka the API component's settings: its principal needs READ on the topic */
    public CompactedTopicReplica(Topic<String, V> topic, KafkaSettings kafka) {
        this.topic = topic;
        this.config = new HashMap<>(kafka.adminConfig());
        config.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sessionflow-api-replica-" + topic.name());
        this.thread = new Thread(this::run, "replica-" + topic.name());
        thread.setDaemon(true);
    }

    public CompactedTopicReplica<V> start() {
        thread.start();
        return this;
    }

    /** Whether every record up to the end offsets seen at start has been read. */
    public boolean ready() {
        return ready;
    }

    /** Waits until this copy first caught up; never gives up (a broker outage only makes it longer). */
    public void awaitReady() throws InterruptedException {
        caughtUp.await();
    }

    /** @return the value, empty when none; only meaningful once {@link #ready()} */
    public Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Every entry whose key starts with {@code prefix}, in key order. */
    public List<Map.Entry<String, V>> entries(String prefix) {
        List<Map.Entry<String, V>> found = new ArrayList<>();
        for (Map.Entry<String, V> entry : entries.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            found.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return found;
    }

    private void run() {
        while (running.get()) {
            try (KafkaConsumer<byte[], byte[]> polling =
                    new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = polling;
                follow(polling);
            } catch (WakeupException closing) {
                return;
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                LOG.warn("Reading {} failed ({}); starting again", topic.name(), e.toString());
                sleep();
            }
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> polling) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo partition : polling.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic.name(), partition.partition()));
        }
        polling.assign(partitions);
        polling.seekToBeginning(partitions);
        ready = false;
        entries.clear();
        Map<TopicPartition, Long> end = new HashMap<>(polling.endOffsets(partitions, Duration.ofSeconds(30)));
        while (running.get()) {
            for (ConsumerRecord<byte[], byte[]> record : polling.poll(POLL)) {
                apply(record);
            }
            if (!ready) {
                end.entrySet().removeIf(partition -> polling.position(partition.getKey()) >= partition.getValue());
                if (end.isEmpty()) {
                    ready = true;
                    caughtUp.countDown();
                    LOG.info("The copy of {} has caught up ({} entries)", topic.name(), entries.size());
                }
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String key;
        try {
            key = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
        } catch (RuntimeException e) {
            return;
        }
        if (key == null) {
            return;
        }
        if (record.value() == null) {
            entries.remove(key);
            return;
        }
        try {
            entries.put(key, topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Skipped a record of {} at offset {} of partition {} that cannot be decoded",
                    topic.name(),
                    record.offset(),
                    record.partition());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        KafkaConsumer<byte[], byte[]> polling = consumer;
        if (polling != null) {
            polling.wakeup();
        }
        thread.join(5000);
    }
}
