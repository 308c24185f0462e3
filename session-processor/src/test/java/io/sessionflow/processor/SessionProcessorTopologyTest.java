package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.catalog.CatalogKeys;
import io.sessionflow.schemas.chat.ChatFlow;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestion;
import io.sessionflow.schemas.chat.ChatQuickQuestionConfig;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import io.sessionflow.schemas.chat.WarmUpWidgetKeys;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionRejected;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionProcessorTopologyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final String OPEN_KEY = "pk_live_00000000000000000000000000000001";
    private static final String RESTRICTED_KEY = "pk_live_00000000000000000000000000000002";
    private static final String DISABLED_KEY = "pk_live_00000000000000000000000000000003";
    private static final String EMPTY_LIST_KEY = "pk_live_00000000000000000000000000000004";

    @TempDir
    Path stateDir;

    private ProcessorTopologyFixture fixture;
    private TopologyTestDriver driver;
    private TestInputTopic<String, CatalogEntry> catalog;
    private TestInputTopic<String, ChatSessionRequested> requests;
    private TestOutputTopic<String, SessionEvent> events;

    @BeforeEach
    void setUp() {
        fixture = new ProcessorTopologyFixture(stateDir, NOW);
        driver = fixture.driver;
        catalog = fixture.catalog;
        events = fixture.events;
        requests = fixture.input(Topics.CHAT_REQUESTS);

        put(
                CatalogKeys.chatTenant("acme"),
                ChatTenant.newBuilder()
                        .setTenantId("acme")
                        .setName("Acme")
                        .setFlows(List.of(
                                flow("f-orders", true, intent("track_order", false, 1)),
                                flow("f-returns", true, intent("start_return", true, 0)),
                                flow("f-billing", false, intent("billing_question", false, 5))))
                        .setQuickQuestions(List.of(
                                question("Where is my order?", "general", "f-orders"),
                                question("Can I return this?", "product", "f-returns"),
                                question("Why was I charged twice?", "general", "f-billing"),
                                question("Opening hours?", "general", null),
                                question("q5", "cart", null),
                                question("q6", "cart", null),
                                question("q7", "cart", null)))
                        .build());
        put(CatalogKeys.chatWidgetKey(OPEN_KEY), widgetKey(OPEN_KEY, "Help", true, true, List.of(), List.of("*")));
        put(
                CatalogKeys.chatWidgetKey(RESTRICTED_KEY),
                widgetKey(
                        RESTRICTED_KEY,
                        "Orders",
                        true,
                        false,
                        List.of("track_order", "billing_question"),
                        List.of("https://shop.example")));
        put(
                CatalogKeys.chatWidgetKey(DISABLED_KEY),
                widgetKey(DISABLED_KEY, "Old", false, true, List.of(), List.of("*")));
        put(
                CatalogKeys.chatWidgetKey(EMPTY_LIST_KEY),
                widgetKey(EMPTY_LIST_KEY, "None", true, false, List.of(), List.of("*")));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void createsASessionWithThePublishedIntentsTheKeyPermits() {
        send("k1", request("k1", OPEN_KEY, "https://anything.example"));

        SessionEvent event = events.readValue();
        assertThat(event.getSessionKey()).isEqualTo("k1");
        assertThat(event.getProvider()).isEqualTo(Provider.CHAT);
        assertThat(event.getTenantId()).isEqualTo("acme");
        assertThat(event.getOccurredAt()).isEqualTo(NOW);
        SessionCreated created = (SessionCreated) event.getPayload();
        assertThat(created.getSessionId()).isEqualTo(new UUID(0, 2).toString());
        assertThat(created.getCreatedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(created.getExpiresAt()).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
        ChatSessionDetails details = (ChatSessionDetails) created.getDetails();
        assertThat(details.getWidgetLabel()).isEqualTo("Help");
        assertThat(details.getIntents())
                .extracting(ChatIntent::getName)
                .as("pinned first, unpublished left out")
                .containsExactly("start_return", "track_order");
        assertThat(details.getQuickQuestions()).hasSize(6);
        assertThat(details.getQuickQuestions())
                .extracting(ChatQuickQuestion::getIntentName)
                .containsExactly("track_order", "start_return", null, null, null, null);
    }

    @Test
    void restrictedKeyOffersOnlyItsAllowedIntentsAndNullsTheOthersQuickQuestions() {
        send("k1", request("k1", RESTRICTED_KEY, "https://SHOP.example:443"));

        ChatSessionDetails details =
                (ChatSessionDetails) ((SessionCreated) events.readValue().getPayload()).getDetails();
        assertThat(details.getIntents()).extracting(ChatIntent::getName).containsExactly("track_order");
        assertThat(details.getQuickQuestions().subList(0, 3))
                .extracting(ChatQuickQuestion::getIntentName)
                .containsExactly("track_order", null, null);
        assertThat(details.getQuickQuestions().get(1).getFlowId()).isEqualTo("f-returns");
    }

    @Test
    void anEmptyAllowListPermitsNothing() {
        send("k1", request("k1", EMPTY_LIST_KEY, null));

        ChatSessionDetails details =
                (ChatSessionDetails) ((SessionCreated) events.readValue().getPayload()).getDetails();
        assertThat(details.getIntents()).isEmpty();
        assertThat(details.getQuickQuestions())
                .extracting(ChatQuickQuestion::getIntentName)
                .containsOnlyNulls();
    }

    @Test
    void unknownWidgetKeyIsAValidationFailureOnPublicKey() {
        send("k1", request("k1", "pk_live_ffffffffffffffffffffffffffffffff", null));

        SessionEvent event = events.readValue();
        assertThat(event.getTenantId()).isNull();
        SessionRejected rejected = (SessionRejected) event.getPayload();
        assertThat(rejected.getCode()).isEqualTo("validation_failed");
        assertThat(rejected.getHttpStatus()).isEqualTo(422);
        assertThat(rejected.getReasons())
                .singleElement()
                .satisfies(r -> assertThat(r.getField()).isEqualTo("publicKey"));
    }

    @Test
    void disabledKeyIsRejectedWithWidgetDisabled() {
        send("k1", request("k1", DISABLED_KEY, null));

        SessionRejected rejected = (SessionRejected) events.readValue().getPayload();
        assertThat(rejected.getCode()).isEqualTo("widget_disabled");
        assertThat(rejected.getHttpStatus()).isEqualTo(403);
    }

    @Test
    void originOutsideTheAllowListIsRejected() {
        send("k1", request("k1", RESTRICTED_KEY, "https://evil.example"));

        SessionRejected rejected = (SessionRejected) events.readValue().getPayload();
        assertThat(rejected.getCode()).isEqualTo("origin_not_allowed");
        assertThat(rejected.getHttpStatus()).isEqualTo(403);
        assertThat(rejected.toString())
                .as("the client's Origin text stays off the public topic")
                .doesNotContain("evil");
    }

    @Test
    void anOriginWithAPathIsNoOriginAndIsRejected() {
        send("k1", request("k1", RESTRICTED_KEY, "https://shop.example/evil"));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("origin_not_allowed");
    }

    @Test
    void theDefaultPortWrittenOutIsTheSameOrigin() {
        send("k1", request("k1", RESTRICTED_KEY, "https://shop.example:443"));

        assertThat(events.readValue().getPayload()).isInstanceOf(SessionCreated.class);
    }

    @Test
    void theOpaqueNullOriginIsRejectedEvenByTheWildcard() {
        send("k1", request("k1", OPEN_KEY, "null"));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("origin_not_allowed");
    }

    @Test
    void aKeyWhoseTenantIsMissingIsDisabled() {
        catalog.pipeInput(CatalogKeys.chatTenant("acme"), null);

        send("k1", request("k1", OPEN_KEY, null));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("widget_disabled");
    }

    @Test
    void catalogChangesApplyToTheNextRequest() {
        put(CatalogKeys.chatWidgetKey(OPEN_KEY), widgetKey(OPEN_KEY, "Help", false, true, List.of(), List.of("*")));

        send("k1", request("k1", OPEN_KEY, null));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("widget_disabled");
    }

    @Test
    void theStoredStateOfAChatSessionLeavesOutTheCatalogListsOnlyTheAnswerNeeds() {
        send("k1", request("k1", OPEN_KEY, null));

        SessionEvent event = events.readValue();
        SessionEvent state = driver.<String, SessionEvent>getKeyValueStore(SessionProcessorTopology.SESSIONS_STORE)
                .get("k1");
        ChatSessionDetails details = (ChatSessionDetails) ((SessionCreated) event.getPayload()).getDetails();
        assertThat(details.getIntents()).isNotEmpty();
        assertThat(state)
                .isEqualTo(SessionEvent.newBuilder(event)
                        .setPayload(SessionCreated.newBuilder((SessionCreated) event.getPayload())
                                .setDetails(ChatSessionDetails.newBuilder(details)
                                        .setIntents(List.of())
                                        .setQuickQuestions(List.of())
                                        .build())
                                .build())
                        .build());
    }

    @Test
    void aReplayedSessionKeyMakesNoSecondSession() {
        send("k1", request("k1", OPEN_KEY, null));
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        send("k1", request("k1", OPEN_KEY, null));

        assertThat(events.readKeyValuesToList()).hasSize(1);
        assertThat(driver.<String, SessionEvent>getKeyValueStore(SessionProcessorTopology.SESSIONS_STORE)
                        .get("k1"))
                .isNotNull();
    }

    @Test
    void everyEventCarriesTheRequestKeyAndFingerprintItAnswers() {
        ChatSessionRequested request = request("k1", OPEN_KEY, null);
        request.setRequestKey("r1");

        send("k1", request);

        SessionEvent event = events.readValue();
        assertThat(event.getRequestKey()).isEqualTo("r1");
        assertThat(event.getRequestFingerprint()).isEqualTo("fp-k1");
        assertThat(driver.<String, SessionEvent>getKeyValueStore(SessionProcessorTopology.SESSIONS_STORE)
                        .get("k1")
                        .getRequestKey())
                .as("the state remembers the request that made it")
                .isEqualTo("r1");
    }

    @Test
    void everyEventCarriesTheKindOfItsPayload() {
        send("k1", request("k1", OPEN_KEY, null));
        send("k2", request("k2", DISABLED_KEY, null));
        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(events.readValuesToList())
                .extracting(SessionEvent::getKind)
                .containsExactly(
                        SessionEventKind.SESSION_CREATED,
                        SessionEventKind.SESSION_REJECTED,
                        SessionEventKind.SESSION_EXPIRED);
    }

    @Test
    void aSessionExpiresOnceAtItsExpiryAndLeavesTheStore() {
        send("k1", request("k1", OPEN_KEY, null));
        SessionCreated created = (SessionCreated) events.readValue().getPayload();

        driver.advanceWallClockTime(Duration.ofMinutes(59));
        assertThat(events.isEmpty()).as("not yet due").isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        SessionEvent expired = events.readValue();
        assertThat(expired.getSessionKey()).isEqualTo("k1");
        assertThat(expired.getTenantId()).isEqualTo("acme");
        assertThat(expired.getProvider()).isEqualTo(Provider.CHAT);
        assertThat(expired.getPayload())
                .isEqualTo(SessionExpired.newBuilder()
                        .setSessionId(created.getSessionId())
                        .setExpiresAt(created.getExpiresAt())
                        .build());
        assertThat(driver.<String, SessionEvent>getKeyValueStore(SessionProcessorTopology.SESSIONS_STORE)
                        .get("k1"))
                .isNull();
        driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(events.isEmpty()).as("expired once").isTrue();
    }

    @Test
    void expiryLooksOnlyAtWhatIsDue() {
        for (int i = 0; i < 50; i++) {
            send("k" + i, request("k" + i, OPEN_KEY, null));
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
        send("k1", request("k1", OPEN_KEY, null));
        driver.advanceWallClockTime(Duration.ofHours(23));
        send("k1", request("k1", OPEN_KEY, null));
        assertThat(events.readValuesToList())
                .extracting(e -> e.getPayload().getClass().getSimpleName())
                .containsExactly("SessionCreated", "SessionExpired");

        driver.advanceWallClockTime(Duration.ofHours(1));
        send("k1", request("k1", OPEN_KEY, null));
        assertThat(events.readValue().getPayload())
                .as("a retry after the retention is a new request")
                .isInstanceOf(SessionCreated.class);
    }

    @Test
    void aReplayedRejectionIsDroppedToo() {
        send("k1", request("k1", DISABLED_KEY, null));
        driver.advanceWallClockTime(Duration.ofHours(2));
        send("k1", request("k1", DISABLED_KEY, null));

        assertThat(events.readValuesToList())
                .extracting(e -> e.getPayload().getClass().getSimpleName())
                .containsExactly("SessionRejected");
    }

    @Test
    void requestKeysRememberedBeforeTheWindowStoreAreStillDropped() {
        driver.<String, Long>getKeyValueStore(SessionProcessorTopology.LEGACY_REQUESTS_STORE)
                .put("k1/k1", NOW.toEpochMilli());

        send("k1", request("k1", OPEN_KEY, null));

        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void aWarmUpKeyIsRejectedWhateverTheCatalogSaysAndItsEventIsMarked() {
        String warmUpKey = WarmUpWidgetKeys.key(7);
        put(CatalogKeys.chatWidgetKey(warmUpKey), widgetKey(warmUpKey, "Sneaky", true, true, List.of(), List.of("*")));

        send("k1", request("k1", warmUpKey, null));

        TestRecord<String, SessionEvent> record = events.readRecord();
        assertThat(((SessionRejected) record.value().getPayload()).getCode()).isEqualTo("validation_failed");
        assertThat(record.value().getTenantId()).isNull();
        assertThat(record.headers().lastHeader(WarmUpWidgetKeys.HEADER).value())
                .isEqualTo(WarmUpWidgetKeys.HEADER_VALUE);
        assertThat(driver.<String, SessionEvent>getKeyValueStore(SessionProcessorTopology.SESSIONS_STORE)
                        .get("k1"))
                .isNull();
        send("k2", request("k2", OPEN_KEY, null));
        assertThat(events.readRecord().headers().lastHeader(WarmUpWidgetKeys.HEADER))
                .as("real calls unmarked")
                .isNull();
    }

    @Test
    void oneRequestKeyOnTwoSessionsIsTwoRequests() {
        ChatSessionRequested first = request("k1", OPEN_KEY, null);
        first.setRequestKey("same");
        ChatSessionRequested second = request("k2", OPEN_KEY, null);
        second.setRequestKey("same");

        send("k1", first);
        send("k2", second);

        assertThat(events.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("k1", "k2");
    }

    private void send(String key, ChatSessionRequested request) {
        requests.pipeInput(key, request, NOW);
    }

    private void put(String key, Object payload) {
        catalog.pipeInput(
                key,
                CatalogEntry.newBuilder().setUpdatedAt(NOW).setPayload(payload).build());
    }

    private static ChatSessionRequested request(String sessionKey, String publicKey, String origin) {
        return ChatSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestedAt(NOW)
                .setRequestFingerprint("fp-" + sessionKey)
                .setPublicKey(publicKey)
                .setOrigin(origin)
                .build();
    }

    private static ChatIntent intent(String name, boolean pinned, int priority) {
        return ChatIntent.newBuilder()
                .setName(name)
                .setDisplayLabel(name.replace('_', ' '))
                .setIsPinned(pinned)
                .setPriority(priority)
                .build();
    }

    private static ChatFlow flow(String id, boolean published, ChatIntent intent) {
        return ChatFlow.newBuilder()
                .setFlowId(id)
                .setPublished(published)
                .setIntent(intent)
                .build();
    }

    private static ChatQuickQuestionConfig question(String text, String pageType, String flowId) {
        return ChatQuickQuestionConfig.newBuilder()
                .setQuestion(text)
                .setPageType(pageType)
                .setFlowId(flowId)
                .build();
    }

    private static ChatWidgetKey widgetKey(
            String key, String label, boolean enabled, boolean all, List<String> intents, List<String> origins) {
        return ChatWidgetKey.newBuilder()
                .setPublicKey(key)
                .setTenantId("acme")
                .setLabel(label)
                .setEnabled(enabled)
                .setAllowsAllIntents(all)
                .setAllowedIntents(intents)
                .setAllowedOrigins(origins)
                .build();
    }
}
