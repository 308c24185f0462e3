package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.sessionflow.app.EndToEndTest;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.WarmUpWidgetKeys;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * OWASP API1 (object level authorization) through computed or published ids: nothing a client can
 * compute from public values (provider, widget key or account, Idempotency-Key) or read on the public
 * {@code sessionflow.session-events} topic lets it reach someone else's session. Each test replays an
 * attack that worked before the ids were keyed with a server secret.
 */
class Api1ComputedIdsTest extends EndToEndTest {

    private static final String CHAT_PATH = "/chat/api/public/v1/chat/sessions";
    private static final String OPEN_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final String RESTRICTED_KEY = "pk_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String ACCOUNT = "12345678";
    private static final String VISITORS = "/liveperson/api/account/" + ACCOUNT + "/app/engagement/visitors";
    private static final String SUPPORT = "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\"]}";
    /** a customerId space small enough to try in full, as the attacker did */
    private static final int CUSTOMER_IDS = 1000;

    /**
     * The warm-up's widget keys are in the source, and the processor decides them against a built-in widget: once
     * the warm-up is over the API takes no call naming one, so none makes a session for a caller.
     */
    @Test
    void aWarmUpKeyReadInTheSourceMakesNoSession() {
        Response response = post(
                CHAT_PATH,
                "{\"publicKey\":\"" + WarmUpWidgetKeys.key(7) + "\"}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsKey("retry-after");
        assertThat(response.body().has("sessionToken")).isFalse();
    }

    @Test
    void theSessionKeyOfASessionMadeWithAGuessableIdempotencyKeyCannotBeComputedFromPublicValues() {
        String idempotencyKey = "cart-" + ThreadLocalRandom.current().nextInt(100_000);
        Response created = post(
                CHAT_PATH,
                "{\"publicKey\":\"" + OPEN_KEY + "\",\"locale\":\"en-GB\"}",
                Map.of("Idempotency-Key", idempotencyKey));
        assertThat(created.status()).isEqualTo(200);

        SessionEvent event = createdEvent(created.body().get("conversationId").asString());

        assertThat(event.getSessionKey())
                .as("the session key computed from widget key and Idempotency-Key")
                .isNotEqualTo(UnkeyedDerivations.derivedKey("chat", OPEN_KEY, idempotencyKey));
    }

    @Test
    void theCustomerIdBehindAFingerprintOnSessionEventsCannotBeBruteForced() {
        String idempotencyKey = "cart-" + ThreadLocalRandom.current().nextInt(100_000);
        String customerId = "cust-" + ThreadLocalRandom.current().nextInt(CUSTOMER_IDS);
        Response created = post(
                CHAT_PATH,
                "{\"publicKey\":\"" + OPEN_KEY + "\",\"customerId\":\"" + customerId + "\",\"locale\":\"en-GB\"}",
                Map.of("Idempotency-Key", idempotencyKey));
        assertThat(created.status()).isEqualTo(200);

        String fingerprint =
                createdEvent(created.body().get("conversationId").asString()).getRequestFingerprint();

        List<String> guesses = IntStream.range(0, CUSTOMER_IDS)
                .mapToObj(
                        n -> UnkeyedDerivations.fingerprint(idempotencyKey, OPEN_KEY, "cust-" + n, "en-GB", null, null))
                .toList();
        assertThat(guesses)
                .as("every customerId tried against the fingerprint")
                .noneMatch(guess -> fingerprint.endsWith(guess));
        assertThat(fingerprint).as("keyed, naming its key").matches("test-key:[0-9a-f]{64}");
    }

    @Test
    void noRecordOnSessionEventsCarriesALivePersonVisitsRawVisitorIdOrSid() {
        JsonNode visit = startVisit("visit-" + UUID.randomUUID());
        String sid = visit.get("sessionId").asString();
        String visitorId = visit.get("visitorId").asString();
        assertThat(update(visitorId, sid).status())
                .as("the ids continue the visit")
                .isEqualTo(200);

        for (ConsumerRecord<String, byte[]> record : readSessionEvents()) {
            String bytes = new String(record.value(), StandardCharsets.ISO_8859_1);
            assertThat(bytes)
                    .as("record at offset %d", record.offset())
                    .doesNotContain(sid)
                    .doesNotContain(visitorId);
            assertThat(record.key()).doesNotContain(sid).doesNotContain(visitorId);
        }
    }

    @Test
    void idsComputedFromAccountAndAGuessableIdempotencyKeyContinueNoVisit() {
        String idempotencyKey = "visit-" + ThreadLocalRandom.current().nextInt(100_000);
        JsonNode visit = startVisit(idempotencyKey);
        String computedSid = UnkeyedDerivations.derivedKey("liveperson-sid", ACCOUNT, idempotencyKey);
        String computedVisitor = UnkeyedDerivations.derivedKey("liveperson-visitor", ACCOUNT, idempotencyKey);
        assertThat(visit.get("sessionId").asString()).isNotEqualTo(computedSid);
        assertThat(visit.get("visitorId").asString()).isNotEqualTo(computedVisitor);

        assertNotFound(update(computedVisitor, computedSid));
        assertNotFound(post(VISITORS + "/" + computedVisitor + "?v=1.0&sid=" + computedSid, SUPPORT, Map.of()));
        assertThat(update(
                                visit.get("visitorId").asString(),
                                visit.get("sessionId").asString())
                        .status())
                .as("the visit itself is live")
                .isEqualTo(200);
    }

    @Test
    void aChatRejectionForAForeignOriginPutsNoPartOfThatOriginOnSessionEvents() {
        String marker = "attacker-" + UUID.randomUUID();
        Response refused = post(
                CHAT_PATH,
                "{\"publicKey\":\"" + RESTRICTED_KEY + "\"}",
                Map.of(
                        "Origin",
                        "https://" + marker + ".example",
                        "Idempotency-Key",
                        UUID.randomUUID().toString()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("error").asString()).isEqualTo("origin_not_allowed");
        assertThat(refused.body().toString()).doesNotContain(marker);
        for (ConsumerRecord<String, byte[]> record : readSessionEvents()) {
            assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(marker);
        }
    }

    private static JsonNode startVisit(String idempotencyKey) {
        Response started = post(VISITORS + "?v=1.0", SUPPORT, Map.of("Idempotency-Key", idempotencyKey));
        assertThat(started.status()).isEqualTo(200);
        return started.body();
    }

    private static Response update(String visitorId, String sid) {
        return send("PUT", VISITORS + "/" + visitorId + "?v=1.0&sid=" + sid, "{\"pageId\":\"1\"}", Map.of());
    }

    /** LivePerson's own 404: {@code {"time","message","internalCode":201}}, nothing about the visit. */
    private static void assertNotFound(Response response) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(fieldNames(response.body())).containsExactly("time", "message", "internalCode");
        assertThat(response.body().get("internalCode").asInt()).isEqualTo(201);
    }

    private static SessionEvent createdEvent(String sessionId) {
        for (ConsumerRecord<String, byte[]> record : readSessionEvents()) {
            SessionEvent event = Topics.SESSION_EVENTS
                    .valueSerde()
                    .deserializer()
                    .deserialize(Topics.SESSION_EVENTS.name(), record.value());
            if (event.getPayload() instanceof SessionCreated created
                    && created.getSessionId().equals(sessionId)) {
                return event;
            }
        }
        throw new AssertionError("no SessionCreated for " + sessionId + " on session-events");
    }
}
