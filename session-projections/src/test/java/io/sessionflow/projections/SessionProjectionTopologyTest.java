package io.sessionflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.sessionflow.schemas.SessionEventKinds;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestion;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.kafka.WarmUpHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real projection topology, driven with a fixed clock. */
class SessionProjectionTopologyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path stateDir;

    private final List<String> notified = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionEvent> events;
    private ProjectionReads reads;
    private Instant now = NOW;

    @BeforeEach
    void setUp() {
        ProjectionTopologyFixture fixture = new ProjectionTopologyFixture(
                stateDir,
                NOW,
                new SessionProjectionTopology.Settings(Duration.ofHours(25), Duration.ofSeconds(10)),
                (key, event) -> notified.add(key),
                List.of());
        driver = fixture.driver;
        events = fixture.input(Topics.SESSION_EVENTS);
        reads = new ProjectionReads(
                driver.getKeyValueStore(SessionProjectionTopology.SESSIONS_STORE),
                driver.getWindowStore(SessionProjectionTopology.ANSWERS_STORE),
                driver.getKeyValueStore(SessionProjectionTopology.LEGACY_OUTCOMES_STORE),
                Duration.ofHours(25));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void aCreatedSessionIsTheAnswerToItsRequestAndTheSessionsState() {
        SessionEvent created = event("s1", null, created("conv-1"));

        events.pipeInput("s1", created);

        assertThat(outcome("s1/s1")).isEqualTo(created);
        assertThat(session("s1")).isEqualTo(created);
        assertThat(notified).containsExactly("s1/s1");
        assertThat(reads.outcome("s1", null, now).bytes())
                .as("kept as it arrived")
                .isEqualTo(Topics.SESSION_EVENTS
                        .valueSerde()
                        .serializer()
                        .serialize(Topics.SESSION_EVENTS.name(), created));
    }

    @Test
    void theSessionsStateLeavesOutTheCatalogListsOnlyTheAnswerNeeds() {
        SessionCreated withLists = SessionCreated.newBuilder(created("conv-9"))
                .setDetails(ChatSessionDetails.newBuilder(details())
                        .setIntents(List.of(ChatIntent.newBuilder()
                                .setName("returns")
                                .setDisplayLabel("Returns")
                                .build()))
                        .setQuickQuestions(List.of(ChatQuickQuestion.newBuilder()
                                .setQuestion("Where is my order?")
                                .setPageType("home")
                                .build()))
                        .build())
                .build();
        SessionEvent created = event("s9", null, withLists);

        events.pipeInput("s9", created);

        assertThat(outcome("s9/s9")).isEqualTo(created);
        assertThat(session("s9")).isEqualTo(event("s9", null, created("conv-9")));
    }

    @Test
    void aRejectionIsAnAnswerButNoSession() {
        SessionEvent rejected = event(
                "s2",
                null,
                SessionRejected.newBuilder()
                        .setCode("widget_disabled")
                        .setHttpStatus(403)
                        .setMessage("This widget is disabled")
                        .build());

        events.pipeInput("s2", rejected);

        assertThat(outcome("s2/s2")).isEqualTo(rejected);
        assertThat(session("s2")).isNull();
    }

    @Test
    void aWarmUpAnswerIsToldToItsWaitingCallButNeverStored() {
        SessionEvent created = event("w1", null, created("conv-w1"));

        events.pipeInput(
                new TestRecord<>("w1", created, new RecordHeaders().add(WarmUpHeader.NAME, WarmUpHeader.VALUE), NOW));

        assertThat(notified).containsExactly("w1/w1");
        assertThat(outcome("w1/w1")).as("no answer stored").isNull();
        assertThat(session("w1")).as("no session stored").isNull();
        assertThat(driver.producedTopicNames())
                .as("no store written, so no changelog record")
                .noneMatch(topic -> topic.endsWith("-changelog"));
    }

    @Test
    void eachRequestOfOneSessionHasItsOwnAnswerAndTheLatestIsTheSessionsState() {
        SessionEvent first = event("s3", "r1", created("conv-3"));
        SessionEvent second = event(
                "s3",
                "r2",
                SessionResumed.newBuilder()
                        .setSessionId("conv-3")
                        .setCreatedAt(NOW)
                        .setExpiresAt(NOW.plusSeconds(3600))
                        .setDetails(details())
                        .build());

        events.pipeInput("s3", first);
        events.pipeInput("s3", second);

        assertThat(outcome("s3/r1")).isEqualTo(first);
        assertThat(outcome("s3/r2")).isEqualTo(second);
        assertThat(session("s3")).isEqualTo(second);
        assertThat(notified).containsExactly("s3/r1", "s3/r2");
    }

    @Test
    void anExpiredSessionLeavesTheSessionsStoreButItsAnswerStays() {
        events.pipeInput("s4", event("s4", null, created("conv-4")));

        events.pipeInput(
                "s4",
                event(
                        "s4",
                        null,
                        SessionExpired.newBuilder()
                                .setSessionId("conv-4")
                                .setExpiresAt(NOW.plusSeconds(3600))
                                .build()));

        assertThat(session("s4")).isNull();
        assertThat(outcome("s4/s4")).isNotNull();
        assertThat(notified).containsExactly("s4/s4");
    }

    @Test
    void anExtendedSessionKeepsItsStateWithTheNewExpiry() {
        SessionEvent created = event("s6", null, created("conv-6"));
        events.pipeInput("s6", created);

        events.pipeInput(
                "s6",
                event(
                        "s6",
                        null,
                        SessionExtended.newBuilder()
                                .setSessionId("conv-6")
                                .setExpiresAt(NOW.plusSeconds(7200))
                                .build()));

        assertThat(((SessionCreated) session("s6").getPayload()).getExpiresAt()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(outcome("s6/s6"))
                .as("the answer to the request is unchanged")
                .isEqualTo(created);
    }

    @Test
    void answersArePurgedAfterTheirRetention() {
        events.pipeInput("s5", event("s5", "r5", created("conv-5")));

        advance(Duration.ofHours(24));
        assertThat(outcome("s5/r5")).isNotNull();
        advance(Duration.ofHours(1));

        assertThat(outcome("s5/r5")).isNull();
        KeyValueStore<String, String> deadlines = driver.getKeyValueStore(SessionProjectionTopology.DEADLINES_STORE);
        try (KeyValueIterator<String, String> all = deadlines.all()) {
            assertThat(all.hasNext())
                    .as("no deadline entries: retention needs no writes")
                    .isFalse();
        }
    }

    @Test
    void anExpiredSessionsAnswerIsKeptForItsRetentionThenForgotten() {
        SessionEvent created = event("s7", "r7", created("conv-7"));
        events.pipeInput("s7", created);
        advance(Duration.ofHours(1));
        events.pipeInput(
                "s7",
                event(
                        "s7",
                        null,
                        SessionExpired.newBuilder()
                                .setSessionId("conv-7")
                                .setExpiresAt(NOW.plusSeconds(3600))
                                .build()));

        assertThat(session("s7")).isNull();
        assertThat(outcome("s7/r7")).isEqualTo(created);
        advance(Duration.ofHours(24));
        assertThat(outcome("s7/r7")).isNull();
    }

    @Test
    void entriesOfTheOldLayoutAreStillRead() {
        SessionEvent state = event("s8", "r8", created("conv-8"));
        byte[] oldEntry =
                Topics.SESSION_EVENTS.valueSerde().serializer().serialize(Topics.SESSION_EVENTS.name(), state);
        driver.<String, ProjectedSession>getKeyValueStore(SessionProjectionTopology.SESSIONS_STORE)
                .put("s8", ProjectedSession.SERDE.deserializer().deserialize(Topics.SESSION_EVENTS.name(), oldEntry));
        driver.<String, EncodedSessionEvent>getKeyValueStore(SessionProjectionTopology.LEGACY_OUTCOMES_STORE)
                .put("s8/r8", EncodedSessionEvent.decode(oldEntry));

        assertThat(session("s8")).isEqualTo(state);
        assertThat(outcome("s8/r8")).isEqualTo(state);
        events.pipeInput(
                "s8",
                event(
                        "s8",
                        null,
                        SessionExtended.newBuilder()
                                .setSessionId("conv-8")
                                .setExpiresAt(NOW.plusSeconds(7200))
                                .build()));
        assertThat(((SessionCreated) session("s8").getPayload()).getExpiresAt()).isEqualTo(NOW.plusSeconds(7200));
    }

    private void advance(Duration by) {
        driver.advanceWallClockTime(by);
        now = now.plus(by);
    }

    private SessionEvent outcome(String key) {
        String[] parts = key.split("/");
        EncodedSessionEvent stored = reads.outcome(parts[0], parts[1], now);
        return stored == null ? null : stored.event();
    }

    private SessionEvent session(String key) {
        EncodedSessionEvent stored = reads.session(key);
        return stored == null ? null : stored.event();
    }

    /** An event as the processor writes it, with the kind of its payload. */
    private static SessionEvent event(String sessionKey, String requestKey, Object payload) {
        return SessionEventKinds.stamped(SessionEvent.newBuilder()
                .setEventId("e-" + sessionKey + "-" + requestKey)
                .setSessionKey(sessionKey)
                .setRequestKey(requestKey)
                .setRequestFingerprint("fp")
                .setProvider(Provider.CHAT)
                .setTenantId("acme")
                .setOccurredAt(NOW)
                .setPayload(payload)
                .build());
    }

    private static SessionCreated created(String sessionId) {
        return SessionCreated.newBuilder()
                .setSessionId(sessionId)
                .setCreatedAt(NOW)
                .setExpiresAt(NOW.plusSeconds(3600))
                .setDetails(details())
                .build();
    }

    private static ChatSessionDetails details() {
        return ChatSessionDetails.newBuilder()
                .setWidgetLabel("Help")
                .setIntents(List.of())
                .setQuickQuestions(List.of())
                .build();
    }
}
