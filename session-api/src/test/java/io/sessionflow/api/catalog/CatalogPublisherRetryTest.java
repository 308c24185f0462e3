package io.sessionflow.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** The catalog file at start: a write the broker did not take in time is tried again, not the end of the app. */
class CatalogPublisherRetryTest {

    /** Fails the first {@code failures} sends as a producer whose delivery timed out, then takes every send. */
    private static final class FlakyTemplate extends KafkaTemplate<String, byte[]> {

        private final List<String> sent = new ArrayList<>();
        private int failures;

        FlakyTemplate(int failures) {
            super(new DefaultKafkaProducerFactory<>(Map.of()));
            this.failures = failures;
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] data) {
            if (failures > 0) {
                failures--;
                return CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s): delivery timeout"));
            }
            sent.add(key);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void aWriteThatTimesOutIsTriedAgainUntilTheBrokerHasEveryEntry() throws Exception {
        CatalogFile file = AllCatalogSections.parse(
                new ByteArrayInputStream("chat: {tenants: [{id: t1}, {id: t2}]}".getBytes(StandardCharsets.UTF_8)));
        FlakyTemplate kafka = new FlakyTemplate(2);

        int published = new CatalogPublisher(kafka).publish(file);

        assertThat(published).isEqualTo(file.entries().size()).isPositive();
        assertThat(kafka.sent).containsAll(file.entries().keySet());
    }
}
