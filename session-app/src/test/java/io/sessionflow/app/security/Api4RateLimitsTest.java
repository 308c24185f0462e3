package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.sessionflow.app.EndToEndTest;
import io.sessionflow.broker.testing.SharedKafkaBroker;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * OWASP API4 and API6 (an anonymous flood of creates, each remembered for a day): past its rate, a client
 * address is answered 429 with {@code Retry-After} in each provider's format, and nothing is published for
 * the calls refused; other addresses are not affected. Addresses come from {@code X-Forwarded-For}, which
 * the app trusts from loopback, so this test's limits never reach the other tests (all on 127.0.0.1).
 */
class Api4RateLimitsTest extends EndToEndTest {

    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    private static final String OPEN_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";

    @Test
    void anAddressPastItsRateIsRefusedInEverySurfacesFormatAndNothingIsPublished() {
        Map<String, String> flooder = Map.of("X-Forwarded-For", "203.0.113.7");
        // a widget key of this test alone: unknown to the catalog, so refused by the processor, but published
        String widgetKey = "pk_live_" + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"publicKey\":\"" + widgetKey + "\"}";

        // the bucket refills one call every 30 s in tests: one or two more may pass while these are answered
        int accepted = 0;
        while (post(CHAT, body, flooder).status() != 429) {
            accepted++;
            assertThat(accepted).as("calls accepted before the first 429").isLessThanOrEqualTo(ADDRESS_REQUESTS + 2);
        }
        assertThat(accepted).isGreaterThanOrEqualTo(ADDRESS_REQUESTS);
        for (int i = 0; i < 5; i++) {
            Response refused = post(CHAT, body, flooder);
            assertThat(refused.status()).isEqualTo(429);
            assertRetryAfter(refused);
            assertThat(refused.body().path("error").asString()).isEqualTo("rate_limited");
            assertThat(fieldNames(refused.body())).containsExactly("error", "message", "details");
        }
        assertThat(published(widgetKey))
                .as("requests published for the flooder's widget key")
                .isEqualTo(accepted);

        Response algoreg = post(
                "/algoreg/api/v1/session",
                "{}",
                Map.of(
                        "X-Forwarded-For",
                        "203.0.113.7",
                        "Authorization",
                        "Bearer alg_demo_northwind_4f8c2d9e7a1b6053"));
        assertThat(algoreg.status()).isEqualTo(429);
        assertRetryAfter(algoreg);
        assertThat(algoreg.body().path("error").path("code").asString()).isEqualTo("rate_limited");
        assertThat(algoreg.body().path("error").path("details").isArray()).isTrue();

        Response zenskar = post(
                "/zenskar/customers/session",
                "{}",
                Map.of(
                        "X-Forwarded-For",
                        "203.0.113.7",
                        "x-api-key",
                        "zsk_demo_acme_5b8e2f71c4d94a06",
                        "organisation",
                        "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36"));
        assertThat(zenskar.status()).isEqualTo(429);
        assertRetryAfter(zenskar);
        assertThat(zenskar.body().path("detail").asString()).isEqualTo("Too Many Requests");

        Response liveperson = post(
                "/liveperson/api/account/12345678/app/engagement/visitors?v=1.0", "{\"appType\":\"MSDK\"}", flooder);
        assertThat(liveperson.status()).isEqualTo(429);
        assertRetryAfter(liveperson);
        assertThat(liveperson.body().path("internalCode").asInt()).isEqualTo(106);
        assertThat(fieldNames(liveperson.body())).containsExactlyInAnyOrder("time", "message", "internalCode");

        Response other = post(CHAT, "{\"publicKey\":\"" + OPEN_KEY + "\"}", Map.of("X-Forwarded-For", "203.0.113.8"));
        assertThat(other.status()).as("another address").isEqualTo(200);
    }

    private static void assertRetryAfter(Response response) {
        List<String> retryAfter = response.headers().getOrDefault("retry-after", List.of());
        assertThat(retryAfter).hasSize(1);
        assertThat(Long.parseLong(retryAfter.get(0))).isBetween(1L, 30L);
    }

    /** Records on {@code sessionflow.chat.requests} that name this widget key (its bytes are in the Avro value). */
    private static long published(String widgetKey) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        byte[] needle = widgetKey.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAT_REQUESTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read to the end in time").isLessThan(deadline);
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    count += contains(record.value(), needle) ? 1 : 0;
                }
            }
            return count;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; haystack != null && i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
