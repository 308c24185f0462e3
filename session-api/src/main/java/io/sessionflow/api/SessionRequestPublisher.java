package io.sessionflow.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.sessionflow.schemas.Topic;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@code <Provider>SessionRequested} events to their request topic with the idempotent,
 * {@code acks=all} producer. The returned future fails (never hangs) when the broker has not
 * acknowledged within the publish timeout, counted from the call.
 *
 * <p>The producer's {@code send} itself blocks while it has no metadata for the topic or no buffer
 * space (up to {@code max.block.ms}): during a broker outage, every call. So it runs on
 * {@code sends}, never on the caller's (HTTP request) thread; a send still queued when its request
 * has timed out is dropped, its caller already answered.
 */
public final class SessionRequestPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;
    private final Executor sends;

    public SessionRequestPublisher(KafkaTemplate<String, byte[]> kafka, Duration timeout, Executor sends) {
        this.kafka = kafka;
        this.timeout = timeout;
        this.sends = sends;
    }

    public <V> CompletableFuture<Void> publish(Topic<String, V> topic, String sessionKey, V request) {
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), request);
        CompletableFuture<Void> published = new CompletableFuture<Void>()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            sends.execute(() -> send(topic.name(), sessionKey, value, published));
        } catch (RejectedExecutionException e) {
            published.completeExceptionally(e);
        }
        return published;
    }

    private void send(String topic, String sessionKey, byte[] value, CompletableFuture<Void> published) {
        if (published.isDone()) {
            return;
        }
        try {
            kafka.send(topic, sessionKey, value).whenComplete((result, error) -> {
                if (error == null) {
                    published.complete(null);
                } else {
                    published.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // send() throws when the producer gets no metadata within max.block.ms
            published.completeExceptionally(e);
        }
    }
}
