package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.sessionflow.broker.testing.SharedKafkaBroker;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/**
 * The health probes on the management port as an orchestrator reads them, once both Streams apps run: liveness
 * and readiness UP. While readiness refuses traffic, create calls answer the provider's retryable 503 at once and
 * publish nothing.
 */
class AvailabilityEndToEndTest extends EndToEndTest {

    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    private static final String CHAT_BODY = "{\"publicKey\":\"pk_live_1a2b3c4d5e6f7890abcd1234ef567890\"}";

    @Autowired
    private ApplicationContext context;

    @Test
    void livenessAndReadinessAreUpOnceBothStreamsAppsRun() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            Response answer = sendTo(MANAGEMENT_PORT, "GET", probe, null, Map.of());

            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.body().get("status").asString()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void whileNotReadyACreateIsTheRetryable503AtOnceAndNothingIsPublished() {
        long requestsBefore = chatRequests();
        // as the Streams apps' availability says it (from the context itself it would be the context closing)
        AvailabilityChangeEvent.publish(context, this, ReadinessState.REFUSING_TRAFFIC);
        try {
            Response readiness = sendTo(MANAGEMENT_PORT, "GET", "/actuator/health/readiness", null, Map.of());
            Response health = sendTo(MANAGEMENT_PORT, "GET", "/actuator/health", null, Map.of());
            Response liveness = sendTo(MANAGEMENT_PORT, "GET", "/actuator/health/liveness", null, Map.of());
            long started = System.nanoTime();
            Response refused = post(CHAT, CHAT_BODY, Map.of("Idempotency-Key", "not-ready-" + System.nanoTime()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(health.status())
                    .as("the whole health includes readiness")
                    .isEqualTo(503);
            assertThat(liveness.status())
                    .as("not ready is no reason to restart")
                    .isEqualTo(200);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().get("Retry-After")).isNotEmpty();
            assertThat(refused.body().get("error").asString()).isEqualTo("service_unavailable");
            assertThat(took).as("answered at once, not after the outcome wait").isLessThan(Duration.ofSeconds(2));
            assertThat(chatRequests()).as("records on the chat request topic").isEqualTo(requestsBefore);
        } finally {
            AvailabilityChangeEvent.publish(context, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(post(CHAT, CHAT_BODY, Map.of()).status()).isEqualTo(200);
    }

    /** The end offsets of the chat request topic, summed. */
    private static long chatRequests() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAT_REQUESTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(20)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}
