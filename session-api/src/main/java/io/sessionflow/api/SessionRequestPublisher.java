package io.sessionflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.kafka.AnswerDeadline;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@code <Provider>SessionRequested} events to their request topic with the idempotent,
 * {@code acks=all} producer. The returned future fails (never hangs) when the broker has not
 * acknowledged within the publish timeout, counted from the call.
 *
 * <p>The producer's {@code send} itself blocks while it has no metadata for the topic or no buffer
 * space (up to {@code max.block.ms}): during a broker outage, every call. So it runs on
 * {@code sends}, never on the caller's (HTTP request) thread; a send still queued when its request
 * has timed out is dropped, its caller already answered. A request event may carry the moment its
 * caller stops waiting ({@link AnswerDeadline}), so that the processor skips it once nobody waits.
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
        return publish(topic, sessionKey, request, null);
    }

    /** @param answerDeadline when the caller stops waiting for the answer, or null when nobody waits */
    public <V> CompletableFuture<Void> publish(
            Topic<String, V> topic, String sessionKey, V request, Instant answerDeadline) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topic.name(), sessionKey, topic.valueSerde().serializer().serialize(topic.name(), request));
        if (answerDeadline != null) {
            AnswerDeadline.write(record.headers(), answerDeadline);
        }
        CompletableFuture<Void> published =
                new CompletableFuture<Void>().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            sends.execute(() -> send(record, published));
        } catch (RejectedExecutionException e) {
            published.completeExceptionally(e);
        }
        return published;
    }

    private void send(ProducerRecord<String, byte[]> record, CompletableFuture<Void> published) {
        if (published.isDone()) {
            return;
        }
        try {
            kafka.send(record).whenComplete((result, error) -> {
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
