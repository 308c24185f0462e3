package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.sessionflow.broker.testing.SharedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@link TopicReader} on the shared broker: a transaction open when a read starts is waited out, never cut off. */
class TopicReaderTest {

    @Test
    void aTransactionOpenAtTheStartIsWaitedForAndItsRecordsReturned() throws Exception {
        String topic = newTopic();
        try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "open", new byte[] {1})).get();

            CompletableFuture<List<ConsumerRecord<String, byte[]>>> read =
                    CompletableFuture.supplyAsync(() -> TopicReader.read(
                            SharedKafkaBroker.bootstrapServers(), topic, "read_committed", Duration.ofSeconds(30)));
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            assertThat(read).as("still waiting for the open transaction").isNotDone();
            producer.commitTransaction();

            assertThat(read.get(30, TimeUnit.SECONDS))
                    .extracting(ConsumerRecord::key)
                    .containsExactly("open");
        }
    }

    @Test
    void aTransactionLeftOpenFailsTheReadRatherThanReturnPart() throws Exception {
        String topic = newTopic();
        try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "open", new byte[] {1})).get();

            assertThatThrownBy(() -> TopicReader.read(
                            SharedKafkaBroker.bootstrapServers(), topic, "read_committed", Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("high watermark");
            producer.abortTransaction();
        }
    }

    private static String newTopic() throws Exception {
        String topic = "topic-reader-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static KafkaProducer<String, byte[]> transactionalProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "topic-reader-test-" + UUID.randomUUID());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
