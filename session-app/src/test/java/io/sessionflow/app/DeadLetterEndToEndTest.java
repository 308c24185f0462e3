package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.sessionflow.broker.testing.SharedKafkaBroker;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A poison pill on a request topic goes to the dead-letter topic with the reason in Kafka Streams'
 * {@code __streams.errors.*} headers, is counted, and its partition goes on: a request sent to the
 * same partition after it is decided and answered.
 */
class DeadLetterEndToEndTest extends EndToEndTest {

    private static final String CHAT_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final String DROPPED = "/actuator/metrics/sessionflow.streams.dropped.records";

    @Test
    void bytesThatAreNotARequestLandInTheDeadLetterTopicAndTheNextRequestIsAnswered() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        byte[] poison = "not avro at all".getBytes(StandardCharsets.UTF_8);
        double droppedBefore = dropped(management(DROPPED));
        int partition;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            partition = producer.send(new ProducerRecord<>(Topics.CHAT_REQUESTS.name(), key, poison))
                    .get()
                    .partition();
        }

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(key);
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(headerNames(dead))
                .contains(
                        "__streams.errors.exception",
                        "__streams.errors.message",
                        "__streams.errors.topic",
                        "__streams.errors.partition",
                        "__streams.errors.offset");
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(Topics.CHAT_REQUESTS.name());
        assertThat(header(dead, "__streams.errors.partition")).isEqualTo(String.valueOf(partition));
        assertThat(header(dead, "__streams.errors.exception")).as("the reason").isNotBlank();

        String idempotencyKey = keyOnPartition(partition);
        Response next = post(
                "/chat/api/public/v1/chat/sessions",
                "{\"publicKey\":\"" + CHAT_KEY + "\"}",
                Map.of("Idempotency-Key", idempotencyKey));
        assertThat(next.status())
                .as("a request on the poison's partition, after it")
                .isEqualTo(200);
        awaitAllRequestsDecided();
        String sessionKey = SESSION_KEYS.derivedKey("chat", CHAT_KEY, idempotencyKey);
        assertThat(sessionEventsOf(sessionKey))
                .extracting(e -> e.getPayload().getClass().getSimpleName())
                .containsExactly("SessionCreated");

        Response dropped = eventually(() -> management(DROPPED), r -> dropped(r) >= droppedBefore + 1);
        assertThat(dropped(dropped)).as("counted").isGreaterThanOrEqualTo(droppedBefore + 1);
    }

    /** An Idempotency-Key whose chat session key goes to {@code partition} of the request topic. */
    private static String keyOnPartition(int partition) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String candidate = "after-poison-" + UUID.randomUUID();
            if (partitionOf(SESSION_KEYS.derivedKey("chat", CHAT_KEY, candidate)) == partition) {
                return candidate;
            }
        }
        throw new AssertionError("no key on partition " + partition);
    }

    private static double dropped(Response metric) {
        return metric.status() == 200
                ? metric.body().get("measurements").get(0).get("value").asDouble()
                : 0;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter for " + key + " within 30 s");
    }

    private static List<String> headerNames(ConsumerRecord<?, ?> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
        }
        return names;
    }
}
