package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.kafka.AnswerDeadline;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real processor topology with its wall clock fixed: a request read after its answer deadline (its
 * client was told the retryable 503) is skipped without any trace, so that its retry with the same
 * Idempotency-Key is decided as if it were the first; a request read by its deadline, or carrying none,
 * is decided; a request decided once is never undone by a late duplicate.
 */
class AnswerDeadlineTopologyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final String WIDGET_KEY = "pk_live_00000000000000000000000000000001";

    @TempDir
    Path stateDir;

    private ProcessorTopologyFixture fixture;
    private TestInputTopic<String, ChatSessionRequested> requests;
    private TestOutputTopic<String, SessionEvent> events;

    @BeforeEach
    void setUp() {
        fixture = ChatProcessorFixture.start(stateDir, NOW);
        ChatProcessorFixture.putWidgetKey(fixture, WIDGET_KEY, true);
        requests = fixture.input(Topics.CHAT_REQUESTS);
        events = fixture.events;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aRequestReadAfterItsAnswerDeadlineIsSkippedAndLeavesNoState() {
        send(request("s1", "r1"), NOW.minusMillis(1));

        assertThat(events.isEmpty()).as("no answer, no event").isTrue();
        try (var remembered = fixture.driver
                .<String, Long>getWindowStore(SessionProcessorTopology.REQUEST_KEYS_STORE)
                .all()) {
            assertThat(remembered.hasNext())
                    .as("the request key is not remembered")
                    .isFalse();
        }
        assertThat(fixture.state("s1")).isNull();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAfterASkipIsDecidedNormallyAndOnce() {
        send(request("s1", "r1"), NOW.minusMillis(1));
        fixture.driver.advanceWallClockTime(Duration.ofSeconds(2));
        Instant retryDeadline = NOW.plusSeconds(7);

        send(request("s1", "r1"), retryDeadline);
        send(request("s1", "r1"), retryDeadline);

        List<SessionEvent> decided = events.readValuesToList();
        assertThat(decided).singleElement().satisfies(event -> {
            assertThat(event.getSessionKey()).isEqualTo("s1");
            assertThat(event.getRequestKey()).isEqualTo("r1");
            assertThat(event.getPayload()).isInstanceOf(SessionCreated.class);
            assertThat(event.getOccurredAt()).isEqualTo(NOW.plusSeconds(2));
        });
        assertThat(fixture.state("s1").getRequestKey())
                .as("the state remembers the request that made it")
                .isEqualTo("r1");
    }

    @Test
    void aRequestReadByItsDeadlineOrWithoutOneIsDecided() {
        send(request("s1", "r1"), NOW);
        requests.pipeInput("s2", request("s2", "r2"), NOW);

        assertThat(events.readValuesToList())
                .extracting(SessionEvent::getSessionKey)
                .containsExactly("s1", "s2");
    }

    @Test
    void aDecidedRequestStaysDecidedWhenALateDuplicateIsSkipped() {
        send(request("s1", "r1"), NOW.plusSeconds(5));
        SessionEvent answer = events.readValue();
        fixture.driver.advanceWallClockTime(Duration.ofSeconds(10));

        send(request("s1", "r1"), NOW.plusSeconds(1));

        assertThat(events.isEmpty()).isTrue();
        assertThat(fixture.state("s1").getOccurredAt())
                .as("remembered as decided at first")
                .isEqualTo(NOW);
        assertThat(fixture.state("s1").getPayload())
                .isInstanceOfSatisfying(
                        SessionCreated.class,
                        created -> assertThat(created.getSessionId())
                                .isEqualTo(((SessionCreated) answer.getPayload()).getSessionId()));
    }

    private void send(ChatSessionRequested request, Instant answerDeadline) {
        RecordHeaders headers = new RecordHeaders();
        AnswerDeadline.write(headers, answerDeadline);
        requests.pipeInput(new TestRecord<>(request.getSessionKey(), request, headers, NOW));
    }

    private static ChatSessionRequested request(String sessionKey, String requestKey) {
        return ChatSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestKey(requestKey)
                .setRequestedAt(NOW)
                .setRequestFingerprint("fp-" + sessionKey)
                .setPublicKey(WIDGET_KEY)
                .build();
    }
}
