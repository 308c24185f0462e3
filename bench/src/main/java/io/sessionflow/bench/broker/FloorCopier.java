package io.sessionflow.bench.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The least exactly-once read-process-write loop, run as a child JVM by {@link ExactlyOnceFloor}: reads one
 * partition {@code read_committed}, copies each record as it is, and commits the copies with the consumed offsets
 * in one transaction once the commit interval has passed since the last commit, as a Streams app under
 * {@code exactly_once_v2} does ({@code commit.interval.ms}); its producer batches as the processor's does
 * (its linger, 100 ms by default, 512 KiB: the commit flushes). Kafka's own {@code TransactionalMessageCopier}
 * was the first choice, but it copies only what its input holds when it starts and exits once caught up, so it
 * cannot be measured under a steady load.
 *
 * <p>Arguments: bootstrap servers, input topic, output topic, commit interval in ms, records to copy, linger in ms.
 */
public final class FloorCopier {

    private FloorCopier() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        TopicPartition input = new TopicPartition(args[1], 0);
        String output = args[2];
        long commitIntervalMs = Long.parseLong(args[3]);
        long toCopy = Long.parseLong(args[4]);
        int lingerMs = Integer.parseInt(args[5]);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap);
                KafkaProducer<byte[], byte[]> producer = producer(bootstrap, lingerMs)) {
            consumer.assign(List.of(input));
            consumer.seekToBeginning(List.of(input));
            producer.initTransactions();
            long copied = 0;
            long lastCommit = System.nanoTime();
            boolean open = false;
            long nextOffset = -1;
            while (copied < toCopy || open) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                    if (!open) {
                        producer.beginTransaction();
                        open = true;
                    }
                    producer.send(new ProducerRecord<>(output, 0, record.key(), record.value()));
                    nextOffset = record.offset() + 1;
                    copied++;
                }
                if (open && (System.nanoTime() - lastCommit >= commitIntervalMs * 1_000_000 || copied >= toCopy)) {
                    producer.sendOffsetsToTransaction(
                            Map.of(input, new OffsetAndMetadata(nextOffset)), consumer.groupMetadata());
                    producer.commitTransaction();
                    open = false;
                    lastCommit = System.nanoTime();
                }
            }
            System.out.println("copied " + copied);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sessionflow-bench.floor-copier");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sessionflow-bench.floor-copier");
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
