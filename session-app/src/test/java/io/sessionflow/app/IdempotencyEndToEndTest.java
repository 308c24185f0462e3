package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.sessionflow.broker.testing.SharedKafkaBroker;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key contract under concurrency: one key sent many times at once, as a client's
 * parallel retries would, makes one session and the same answer every time; one key sent at once
 * with two bodies makes one session, and the other body is refused. (Sequential retries, another
 * body after the first, keys per tenant: each provider's test; the key's retention:
 * {@code SessionProcessorTopologyTest}.)
 */
class IdempotencyEndToEndTest extends EndToEndTest {

    private static final int AT_ONCE = 20;
    private static final String CHAT_PATH = "/chat/api/public/v1/chat/sessions";
    private static final String CHAT_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final String ALGOREG_PATH = "/algoreg/api/v1/session";

    @Test
    void theSameKeyAndBodySentTwentyTimesAtOnceMakeOneChatSessionAndTwentyIdenticalAnswers() throws Exception {
        String key = "at-once-" + UUID.randomUUID();
        String body = "{\"publicKey\":\"" + CHAT_KEY + "\",\"customerId\":\"cust-7\",\"locale\":\"en-GB\"}";

        List<Response> answers = atOnce(List.of(body), Map.of("Idempotency-Key", key), CHAT_PATH);

        assertThat(answers).extracting(Response::status).containsOnly(200);
        assertThat(answers)
                .extracting(Response::body)
                .as("the same session and token every time")
                .containsOnly(answers.get(0).body());
        assertThat(created(SESSION_KEYS.derivedKey("chat", CHAT_KEY, key)))
                .singleElement()
                .extracting(SessionCreated::getSessionId)
                .isEqualTo(answers.get(0).body().get("conversationId").asString());
    }

    @Test
    void theSameKeyAndBodySentTwentyTimesAtOnceMakeOneAlgoregSession() throws Exception {
        String key = "at-once-" + UUID.randomUUID();
        String body = "{\"scenario_code\":\"default\",\"language\":\"en-GB\",\"external_id\":\"ref-at-once\"}";

        List<Response> answers = atOnce(
                List.of(body),
                Map.of("Idempotency-Key", key, "Authorization", "Bearer alg_demo_northwind_4f8c2d9e7a1b6053"),
                ALGOREG_PATH);

        assertThat(answers).extracting(Response::status).containsOnly(200);
        assertThat(answers)
                .extracting(Response::body)
                .containsOnly(answers.get(0).body());
        assertThat(created(SESSION_KEYS.derivedKey("algoreg", "northwind-bank", key)))
                .singleElement()
                .extracting(SessionCreated::getSessionId)
                .isEqualTo(answers.get(0).body().get("session_id").asString());
    }

    @Test
    void oneKeySentAtOnceWithTwoBodiesMakesOneSessionAndRefusesTheOtherBody() throws Exception {
        String key = "two-bodies-" + UUID.randomUUID();
        String english = "{\"publicKey\":\"" + CHAT_KEY + "\",\"locale\":\"en-GB\"}";
        String french = "{\"publicKey\":\"" + CHAT_KEY + "\",\"locale\":\"fr-FR\"}";

        List<Response> answers = atOnce(List.of(english, french), Map.of("Idempotency-Key", key), CHAT_PATH);

        List<SessionCreated> created = created(SESSION_KEYS.derivedKey("chat", CHAT_KEY, key));
        assertThat(created).hasSize(1);
        List<Response> accepted =
                answers.stream().filter(a -> a.status() == 200).toList();
        List<Response> refused = answers.stream().filter(a -> a.status() != 200).toList();
        assertThat(accepted)
                .as("the body decided first, every time it was sent")
                .hasSize(AT_ONCE / 2)
                .extracting(a -> a.body().get("conversationId").asString())
                .containsOnly(created.get(0).getSessionId());
        assertThat(refused)
                .as("the other body, every time")
                .hasSize(AT_ONCE / 2)
                .allSatisfy(answer -> {
                    assertThat(answer.status()).isEqualTo(422);
                    assertThat(answer.body().get("error").asString()).isEqualTo("validation_failed");
                    assertThat(answer.body().get("details").has("Idempotency-Key"))
                            .isTrue();
                });
    }

    /** Sends {@value #AT_ONCE} requests released together, taking the bodies in turn. */
    private static List<Response> atOnce(List<String> bodies, Map<String, String> headers, String path)
            throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(AT_ONCE);
        try {
            CountDownLatch ready = new CountDownLatch(AT_ONCE);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                String body = bodies.get(i % bodies.size());
                sent.add(senders.submit(() -> {
                    ready.countDown();
                    go.await();
                    return post(path, body, new HashMap<>(headers));
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> response : sent) {
                answers.add(response.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            senders.shutdownNow();
        }
    }

    /** The SessionCreated events of a session key, once every copy of every request sent has been decided. */
    private static List<SessionCreated> created(String sessionKey) {
        ProcessorProgress.awaitAllRequestsDecided(SharedKafkaBroker.bootstrapServers(), Duration.ofSeconds(60));
        List<SessionCreated> created = new ArrayList<>();
        for (SessionEvent event : sessionEventsOf(sessionKey)) {
            if (event.getPayload() instanceof SessionCreated c) {
                created.add(c);
            }
        }
        return created;
    }
}
