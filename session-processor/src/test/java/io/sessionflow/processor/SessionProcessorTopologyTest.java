package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.sessionflow.processor.chat.ChatSessionRules;
import io.sessionflow.processor.zenskar.ZenskarSessionRules;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExpired;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the processor topology does for every provider, whatever its rules (each provider's own tests extend
 * {@link SessionRulesTopologyTest}): the topology of the rules it is given, the kinds it stamps, its expiry index
 * and how long it remembers request keys. Driven through chat's rules, one of the registered ones.
 */
class SessionProcessorTopologyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final String OPEN_KEY = "pk_live_00000000000000000000000000000001";
    private static final String DISABLED_KEY = "pk_live_00000000000000000000000000000003";

    @TempDir
    Path stateDir;

    private ProcessorTopologyFixture fixture;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ChatSessionRequested> requests;
    private TestOutputTopic<String, SessionEvent> events;

    @BeforeEach
    void setUp() {
        fixture = ChatProcessorFixture.start(stateDir, NOW);
        ChatProcessorFixture.putWidgetKey(fixture, OPEN_KEY, true);
        ChatProcessorFixture.putWidgetKey(fixture, DISABLED_KEY, false);
        driver = fixture.driver;
        events = fixture.events;
        requests = fixture.input(Topics.CHAT_REQUESTS);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theTopologyReadsTheRequestTopicOfEveryRulesItIsGiven() {
        StreamsBuilder builder = new StreamsBuilder();

        SessionProcessorTopology.build(
                builder,
                SessionProcessorTopology.Settings.defaults(),
                List.of(
                        new ZenskarSessionRules(UUID::randomUUID),
                        new ChatSessionRules(Duration.ofHours(1), UUID::randomUUID)));

        Set<String> sources = builder.build().describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                .collect(Collectors.toSet());
        assertThat(sources)
                .containsExactlyInAnyOrder(
                        Topics.CHAT_REQUESTS.name(), Topics.ZENSKAR_REQUESTS.name(), Topics.SESSION_ACTIVITY.name());
    }

    @Test
    void aProviderHasOneRules() {
        List<SessionRules<?>> twice = List.of(
                new ChatSessionRules(Duration.ofHours(1), UUID::randomUUID),
                new ChatSessionRules(Duration.ofHours(2), UUID::randomUUID));

        assertThatThrownBy(() -> SessionProcessorTopology.build(
                        new StreamsBuilder(), SessionProcessorTopology.Settings.defaults(), twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHAT");
    }

    @Test
    void everyEventCarriesTheKindOfItsPayload() {
        send(request("k1", OPEN_KEY));
        send(request("k2", DISABLED_KEY));
        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(events.readValuesToList())
                .extracting(SessionEvent::getKind)
                .containsExactly(
                        SessionEventKind.SESSION_CREATED,
                        SessionEventKind.SESSION_REJECTED,
                        SessionEventKind.SESSION_EXPIRED);
    }

    @Test
    void expiryLooksOnlyAtWhatIsDue() {
        for (int i = 0; i < 50; i++) {
            send(request("k" + i, OPEN_KEY));
        }
        events.readValuesToList();

        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(events.readValuesToList())
                .hasSize(50)
                .allSatisfy(e -> assertThat(e.getPayload()).isInstanceOf(SessionExpired.class));
        KeyValueStore<String, String> deadlines = driver.getKeyValueStore(SessionProcessorTopology.DEADLINES_STORE);
        List<String> left = new ArrayList<>();
        try (KeyValueIterator<String, String> all = deadlines.all()) {
            all.forEachRemaining(kv -> left.add(kv.key));
        }
        assertThat(left).as("nothing is left in the index").isEmpty();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, Long> all = driver.<String, Long>getWindowStore(
                        SessionProcessorTopology.REQUEST_KEYS_STORE)
                .all()) {
            all.forEachRemaining(kv -> keys.add(kv.key.key()));
        }
        assertThat(keys)
                .as("the request keys moved from the states to the window store")
                .hasSize(50);
    }

    @Test
    void aRequestKeyIsRememberedForItsRetentionThenForgotten() {
        send(request("k1", OPEN_KEY));
        driver.advanceWallClockTime(Duration.ofHours(23));
        send(request("k1", OPEN_KEY));
        assertThat(events.readValuesToList())
                .extracting(e -> e.getPayload().getClass().getSimpleName())
                .containsExactly("SessionCreated", "SessionExpired");

        driver.advanceWallClockTime(Duration.ofHours(1));
        send(request("k1", OPEN_KEY));
        assertThat(events.readValue().getPayload())
                .as("a retry after the retention is a new request")
                .isInstanceOf(SessionCreated.class);
    }

    @Test
    void requestKeysRememberedBeforeTheWindowStoreAreStillDropped() {
        driver.<String, Long>getKeyValueStore(SessionProcessorTopology.LEGACY_REQUESTS_STORE)
                .put("k1/k1", NOW.toEpochMilli());

        send(request("k1", OPEN_KEY));

        assertThat(events.isEmpty()).isTrue();
    }

    private void send(ChatSessionRequested request) {
        requests.pipeInput(request.getSessionKey(), request, NOW);
    }

    private static ChatSessionRequested request(String sessionKey, String publicKey) {
        return ChatSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestedAt(NOW)
                .setRequestFingerprint("fp-" + sessionKey)
                .setPublicKey(publicKey)
                .build();
    }
}
