package io.sessionflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.events.SessionResumed;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
    private KeyValueStore<String, SessionEvent> outcomes;
    private KeyValueStore<String, SessionEvent> sessions;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        SessionProjectionTopology.build(builder, new SessionProjectionTopology.Settings(Duration.ofHours(25),
                Duration.ofSeconds(10)), (key, event) -> notified.add(key));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projections-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, NOW);
        events = driver.createInputTopic(Topics.SESSION_EVENTS.name(), Topics.SESSION_EVENTS.keySerde().serializer(),
                Topics.SESSION_EVENTS.valueSerde().serializer());
        outcomes = driver.getKeyValueStore(SessionProjectionTopology.OUTCOMES_STORE);
        sessions = driver.getKeyValueStore(SessionProjectionTopology.SESSIONS_STORE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void aCreatedSessionIsTheAnswerToItsRequestAndTheSessionsState() {
        SessionEvent created = event("s1", null, created("conv-1"));

        events.pipeInput("s1", created);

        assertThat(outcomes.get("s1/s1")).isEqualTo(created);
        assertThat(sessions.get("s1")).isEqualTo(created);
        assertThat(notified).containsExactly("s1/s1");
    }

    @Test
    void aRejectionIsAnAnswerButNoSession() {
        SessionEvent rejected = event("s2", null, SessionRejected.newBuilder()
                .setCode("widget_disabled").setHttpStatus(403).setMessage("This widget is disabled").build());

        events.pipeInput("s2", rejected);

        assertThat(outcomes.get("s2/s2")).isEqualTo(rejected);
        assertThat(sessions.get("s2")).isNull();
    }

    @Test
    void eachRequestOfOneSessionHasItsOwnAnswerAndTheLatestIsTheSessionsState() {
        SessionEvent first = event("s3", "r1", created("conv-3"));
        SessionEvent second = event("s3", "r2", SessionResumed.newBuilder()
                .setSessionId("conv-3").setCreatedAt(NOW).setExpiresAt(NOW.plusSeconds(3600)).setDetails(details())
                .build());

        events.pipeInput("s3", first);
        events.pipeInput("s3", second);

        assertThat(outcomes.get("s3/r1")).isEqualTo(first);
        assertThat(outcomes.get("s3/r2")).isEqualTo(second);
        assertThat(sessions.get("s3")).isEqualTo(second);
        assertThat(notified).containsExactly("s3/r1", "s3/r2");
    }

    @Test
    void anExpiredSessionLeavesTheSessionsStoreButItsAnswerStays() {
        events.pipeInput("s4", event("s4", null, created("conv-4")));

        events.pipeInput("s4", event("s4", null, SessionExpired.newBuilder().setSessionId("conv-4")
                .setExpiresAt(NOW.plusSeconds(3600)).build()));

        assertThat(sessions.get("s4")).isNull();
        assertThat(outcomes.get("s4/s4")).isNotNull();
        assertThat(notified).containsExactly("s4/s4");
    }

    @Test
    void anExtendedSessionKeepsItsStateWithTheNewExpiry() {
        SessionEvent created = event("s6", null, created("conv-6"));
        events.pipeInput("s6", created);

        events.pipeInput("s6", event("s6", null, SessionExtended.newBuilder().setSessionId("conv-6")
                .setExpiresAt(NOW.plusSeconds(7200)).build()));

        assertThat(((SessionCreated) sessions.get("s6").getPayload()).getExpiresAt()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(outcomes.get("s6/s6")).as("the answer to the request is unchanged").isEqualTo(created);
    }

    @Test
    void answersArePurgedAfterTheirRetention() {
        events.pipeInput("s5", event("s5", "r5", created("conv-5")));

        driver.advanceWallClockTime(Duration.ofHours(24));
        assertThat(outcomes.get("s5/r5")).isNotNull();
        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(outcomes.get("s5/r5")).isNull();
        KeyValueStore<String, String> deadlines = driver.getKeyValueStore(SessionProjectionTopology.DEADLINES_STORE);
        try (KeyValueIterator<String, String> all = deadlines.all()) {
            assertThat(all.hasNext()).isFalse();
        }
    }

    private static SessionEvent event(String sessionKey, String requestKey, Object payload) {
        return SessionEvent.newBuilder()
                .setEventId("e-" + sessionKey + "-" + requestKey)
                .setSessionKey(sessionKey)
                .setRequestKey(requestKey)
                .setRequestFingerprint("fp")
                .setProvider(Provider.CHAT)
                .setTenantId("acme")
                .setOccurredAt(NOW)
                .setPayload(payload)
                .build();
    }

    private static SessionCreated created(String sessionId) {
        return SessionCreated.newBuilder().setSessionId(sessionId).setCreatedAt(NOW)
                .setExpiresAt(NOW.plusSeconds(3600)).setDetails(details()).build();
    }

    private static ChatSessionDetails details() {
        return ChatSessionDetails.newBuilder().setWidgetLabel("Help").setIntents(List.of())
                .setQuickQuestions(List.of()).build();
    }
}
