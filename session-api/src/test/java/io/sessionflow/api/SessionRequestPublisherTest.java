package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionActivity;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * While the broker is unreachable the producer's {@code send} blocks (waiting for metadata, up to
 * {@code max.block.ms}); the publisher must neither hold its caller (an HTTP request thread) there nor
 * answer later than its timeout.
 */
class SessionRequestPublisherTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private final BlockingProducer producer = new BlockingProducer();
    private final ExecutorService sends = Executors.newSingleThreadExecutor();
    private final SessionRequestPublisher publisher =
            new SessionRequestPublisher(new KafkaTemplate<>(() -> producer), TIMEOUT, sends);

    @AfterEach
    void release() {
        producer.unblock.countDown();
        sends.shutdownNow();
    }

    @Test
    void aPublishedRequestCompletesWhenTheBrokerAcknowledgesIt() throws Exception {
        producer.unblock.countDown();

        publisher.publish(Topics.SESSION_ACTIVITY, "k1", activity("k1")).get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.SESSION_ACTIVITY.name());
            assertThat(record.key()).isEqualTo("k1");
        });
    }

    @Test
    void aBlockedSendHoldsNeitherTheCallerNorTheAnswerPastTheTimeout() {
        CompletableFuture<Void> published = assertTimeoutPreemptively(
                GENEROUS,
                () -> publisher.publish(Topics.SESSION_ACTIVITY, "k1", activity("k1")),
                "publish held its caller");

        assertThatThrownBy(() -> published.get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
                .as("failed at the publish timeout, the send still blocked")
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(producer.blockedSends.get()).isEqualTo(1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aSendStillQueuedWhenItsRequestTimedOutIsNeverSent() throws Exception {
        CompletableFuture<Void> first = publisher.publish(Topics.SESSION_ACTIVITY, "k1", activity("k1"));
        CompletableFuture<Void> queued = publisher.publish(Topics.SESSION_ACTIVITY, "k2", activity("k2"));
        assertThatThrownBy(() -> queued.get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> first.get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(TimeoutException.class);

        producer.unblock.countDown();
        Future<?> drained = sends.submit(() -> {});
        drained.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

        assertThat(producer.history())
                .extracting(ProducerRecord::key)
                .as("the queued send was dropped")
                .containsExactly("k1");
    }

    private static SessionActivity activity(String sessionKey) {
        return SessionActivity.newBuilder()
                .setSessionKey(sessionKey)
                .setOccurredAt(Instant.EPOCH)
                .build();
    }

    /** A producer whose send blocks (outside MockProducer's lock), as KafkaProducer's does without metadata. */
    private static final class BlockingProducer extends MockProducer<String, byte[]> {

        final CountDownLatch unblock = new CountDownLatch(1);
        final AtomicInteger blockedSends = new AtomicInteger();

        BlockingProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            blockedSends.incrementAndGet();
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            blockedSends.decrementAndGet();
            return super.send(record, callback);
        }

        @Override
        public void close(Duration timeout) {
            // the template closes its producer after every send; this one lives for the test
        }
    }
}
