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

/** A poison pill on a request topic goes to the dead-letter topic, counted, and processing goes on. */
class DeadLetterEndToEndTest extends EndToEndTest {

    @Test
    void bytesThatAreNotARequestLandInTheDeadLetterTopicAndTheNextRequestIsAnswered() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        byte[] poison = "not avro at all".getBytes(StandardCharsets.UTF_8);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CHAT_REQUESTS.name(), key, poison)).get();
        }

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(key);
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(headerNames(dead)).contains("__streams.errors.exception", "__streams.errors.topic");
        assertThat(new String(dead.headers().lastHeader("__streams.errors.topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.CHAT_REQUESTS.name());

        Response next = post("/chat/api/public/v1/chat/sessions",
                "{\"publicKey\":\"pk_live_1a2b3c4d5e6f7890abcd1234ef567890\"}", Map.of());
        assertThat(next.status()).isEqualTo(200);

        Response dropped = eventually(() -> management("/actuator/metrics/sessionflow.streams.dropped.records"),
                r -> r.status() == 200 && r.body().get("measurements").get(0).get("value").asDouble() >= 1);
        assertThat(dropped.body().get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
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
