package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.sessionflow.query.InternalCredential;
import io.sessionflow.query.RemoteSessionQueries;
import io.sessionflow.query.SessionQueryService;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionActivity;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/** At most {@code maxWaiting} calls wait for their answers; the next is refused at once and publishes nothing. */
class SessionRequestsTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer()) {
        @Override
        public void close(Duration timeout) {
            // the template closes its producer after every send; this one lives for the test
        }
    };
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final SessionRequests requests = new SessionRequests(
            new SessionRequestPublisher(new KafkaTemplate<>(() -> producer), GENEROUS, executor),
            new SessionQueryService(() -> null, new HostInfo("localhost", 1), new RemoteSessionQueries(GENEROUS,
                    InternalCredential.of("unused-internal-token-0123456789abcdef")), executor),
            Duration.ofMillis(100), 1, executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aCallBeyondTheWaitingLimitIsRefusedAtOnceWithoutPublishing() throws Exception {
        CompletableFuture<SessionRequests.Outcome> first = submit("k1");
        awaitSends(1);

        SessionRequests.Outcome second = submit("k2").get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

        assertThat(second).isInstanceOf(SessionRequests.Unavailable.class);
        assertThat(producer.history()).hasSize(1);
        assertThat(first).isNotDone();

        producer.errorNext(new RuntimeException("broker gone"));
        assertThat(first.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(SessionRequests.Unavailable.class);
        submit("k3");
        awaitSends(2);
        assertThat(producer.history()).extracting(record -> record.key()).containsExactly("k1", "k3");
    }

    private CompletableFuture<SessionRequests.Outcome> submit(String sessionKey) {
        return requests.submit(Topics.SESSION_ACTIVITY,
                new SessionRequests.RequestIdentity(sessionKey, sessionKey, "fp"),
                SessionActivity.newBuilder().setSessionKey(sessionKey).setOccurredAt(Instant.EPOCH).build());
    }

    /** Sends happen on the publisher's own threads. */
    private void awaitSends(int count) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (producer.history().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
