package io.sessionflow.processor.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.processor.SessionRules;
import io.sessionflow.processor.SessionRulesTopologyTest;
import io.sessionflow.schemas.chat.ChatCatalogKeys;
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
import io.sessionflow.schemas.events.SessionRejected;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat's rules in the real processor topology, with a fixed clock and counted ids. */
class ChatSessionRulesTopologyTest extends SessionRulesTopologyTest<ChatSessionRequested> {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final String OPEN_KEY = "pk_live_00000000000000000000000000000001";
    private static final String RESTRICTED_KEY = "pk_live_00000000000000000000000000000002";
    private static final String DISABLED_KEY = "pk_live_00000000000000000000000000000003";
    private static final String EMPTY_LIST_KEY = "pk_live_00000000000000000000000000000004";

    ChatSessionRulesTopologyTest() {
        super(NOW);
    }

    @Override
    protected SessionRules<ChatSessionRequested> rules(Supplier<UUID> ids) {
        return new ChatSessionRules(Duration.ofHours(1), ids);
    }

    @Override
    protected ChatSessionRequested accepted(String sessionKey) {
        return request(sessionKey, OPEN_KEY, null);
    }

    @Override
    protected List<ChatSessionRequested> rejected() {
        return List.of(
                request("unknown", "pk_live_ffffffffffffffffffffffffffffffff", null),
                request("disabled", DISABLED_KEY, null),
                request("origin", RESTRICTED_KEY, "https://evil.example"));
    }

    @BeforeEach
    void setUp() {
        putCatalog(
                ChatCatalogKeys.tenant("acme"),
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
        putCatalog(
                ChatCatalogKeys.widgetKey(OPEN_KEY), widgetKey(OPEN_KEY, "Help", true, true, List.of(), List.of("*")));
        putCatalog(
                ChatCatalogKeys.widgetKey(RESTRICTED_KEY),
                widgetKey(
                        RESTRICTED_KEY,
                        "Orders",
                        true,
                        false,
                        List.of("track_order", "billing_question"),
                        List.of("https://shop.example")));
        putCatalog(
                ChatCatalogKeys.widgetKey(DISABLED_KEY),
                widgetKey(DISABLED_KEY, "Old", false, true, List.of(), List.of("*")));
        putCatalog(
                ChatCatalogKeys.widgetKey(EMPTY_LIST_KEY),
                widgetKey(EMPTY_LIST_KEY, "None", true, false, List.of(), List.of("*")));
    }

    @Test
    void createsASessionWithThePublishedIntentsTheKeyPermits() {
        send(request("k1", OPEN_KEY, "https://anything.example"));

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
        assertThat(events.isEmpty()).as("the answer is the one event").isTrue();
    }

    @Test
    void restrictedKeyOffersOnlyItsAllowedIntentsAndNullsTheOthersQuickQuestions() {
        send(request("k1", RESTRICTED_KEY, "https://SHOP.example:443"));

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
        send(request("k1", EMPTY_LIST_KEY, null));

        ChatSessionDetails details =
                (ChatSessionDetails) ((SessionCreated) events.readValue().getPayload()).getDetails();
        assertThat(details.getIntents()).isEmpty();
        assertThat(details.getQuickQuestions())
                .extracting(ChatQuickQuestion::getIntentName)
                .containsOnlyNulls();
    }

    @Test
    void unknownWidgetKeyIsAValidationFailureOnPublicKey() {
        send(request("k1", "pk_live_ffffffffffffffffffffffffffffffff", null));

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
        send(request("k1", DISABLED_KEY, null));

        SessionRejected rejected = (SessionRejected) events.readValue().getPayload();
        assertThat(rejected.getCode()).isEqualTo("widget_disabled");
        assertThat(rejected.getHttpStatus()).isEqualTo(403);
    }

    @Test
    void originOutsideTheAllowListIsRejected() {
        send(request("k1", RESTRICTED_KEY, "https://evil.example"));

        SessionRejected rejected = (SessionRejected) events.readValue().getPayload();
        assertThat(rejected.getCode()).isEqualTo("origin_not_allowed");
        assertThat(rejected.getHttpStatus()).isEqualTo(403);
        assertThat(rejected.toString())
                .as("the client's Origin text stays off the public topic")
                .doesNotContain("evil");
    }

    @Test
    void anOriginWithAPathIsNoOriginAndIsRejected() {
        send(request("k1", RESTRICTED_KEY, "https://shop.example/evil"));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("origin_not_allowed");
    }

    @Test
    void theDefaultPortWrittenOutIsTheSameOrigin() {
        send(request("k1", RESTRICTED_KEY, "https://shop.example:443"));

        assertThat(events.readValue().getPayload()).isInstanceOf(SessionCreated.class);
    }

    @Test
    void theOpaqueNullOriginIsRejectedEvenByTheWildcard() {
        send(request("k1", OPEN_KEY, "null"));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("origin_not_allowed");
    }

    @Test
    void aKeyWhoseTenantIsMissingIsDisabled() {
        catalog.pipeInput(ChatCatalogKeys.tenant("acme"), null);

        send(request("k1", OPEN_KEY, null));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("widget_disabled");
    }

    @Test
    void catalogChangesApplyToTheNextRequest() {
        putCatalog(
                ChatCatalogKeys.widgetKey(OPEN_KEY), widgetKey(OPEN_KEY, "Help", false, true, List.of(), List.of("*")));

        send(request("k1", OPEN_KEY, null));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("widget_disabled");
    }

    @Test
    void theStoredStateOfAChatSessionLeavesOutTheCatalogListsOnlyTheAnswerNeeds() {
        send(request("k1", OPEN_KEY, null));

        SessionEvent event = events.readValue();
        SessionEvent state = state("k1");
        ChatSessionDetails details = (ChatSessionDetails) ((SessionCreated) event.getPayload()).getDetails();
        assertThat(details.getIntents()).isNotEmpty();
        assertThat(state.getPayload())
                .isEqualTo(SessionCreated.newBuilder((SessionCreated) event.getPayload())
                        .setDetails(ChatSessionDetails.newBuilder(details)
                                .setIntents(List.of())
                                .setQuickQuestions(List.of())
                                .build())
                        .build());
    }

    @Test
    void aWarmUpRequestGoesTheCreatePathOnTheBuiltInWidgetMarkedAndKeepsNothing() {
        String warmUpKey = WarmUpWidgetKeys.key(7);
        putCatalog(
                ChatCatalogKeys.widgetKey(warmUpKey),
                widgetKey(warmUpKey, "Sneaky", true, true, List.of(), List.of("*")));

        send(request("k1", warmUpKey, null));

        TestRecord<String, SessionEvent> record = events.readRecord();
        SessionCreated created = (SessionCreated) record.value().getPayload();
        assertThat(record.value().getTenantId())
                .as("the built-in warm-up tenant, never the catalog's")
                .isEqualTo("sessionflow-warm-up");
        assertThat(((ChatSessionDetails) created.getDetails()).getIntents())
                .extracting(ChatIntent::getName)
                .containsExactly("order_status", "returns");
        assertThat(record.headers().lastHeader(WarmUpWidgetKeys.HEADER).value())
                .isEqualTo(WarmUpWidgetKeys.HEADER_VALUE);
        assertThat(state("k1")).as("no state").isNull();
        assertThat(driver.producedTopicNames())
                .as("no store written, so no changelog record")
                .noneMatch(topic -> topic.endsWith("-changelog"));

        send(request("k2", OPEN_KEY, null));
        assertThat(events.readRecord().headers().lastHeader(WarmUpWidgetKeys.HEADER))
                .as("real calls unmarked")
                .isNull();
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
