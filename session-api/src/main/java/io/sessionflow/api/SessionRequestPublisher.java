package io.sessionflow.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sessionflow.schemas.Topic;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@code <Provider>SessionRequested} events to their request topic with the idempotent,
 * {@code acks=all} producer. The returned future fails (never hangs) when the broker has not
 * acknowledged within the publish timeout.
 */
public final class SessionRequestPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;

    public SessionRequestPublisher(KafkaTemplate<String, byte[]> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    public <V> CompletableFuture<Void> publish(Topic<String, V> topic, String sessionKey, V request) {
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), request);
        try {
            return kafka.send(topic.name(), sessionKey, value)
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(result -> null);
        } catch (RuntimeException e) {
            // send() itself throws when the producer cannot get metadata within max.block.ms
            return CompletableFuture.failedFuture(e);
        }
    }
}
