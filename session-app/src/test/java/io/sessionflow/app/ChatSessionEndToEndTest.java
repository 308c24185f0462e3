package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.sessionflow.api.tokens.SessionTokenClaims;
import io.sessionflow.api.tokens.SessionTokens;
import io.sessionflow.api.tokens.TokenKeyring;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The chat widget's create-session contract, over HTTP, through the real event path. */
class ChatSessionEndToEndTest extends EndToEndTest {

    private static final String PATH = "/chat/api/public/v1/chat/sessions";
    private static final String OPEN_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final String RESTRICTED_KEY = "pk_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String DISABLED_KEY = "pk_live_deadbeefdeadbeefdeadbeefdeadbeef";

    private static Response create(String body) {
        return post(PATH, body, Map.of());
    }

    @Test
    void opensASessionWithTheDocumentedShape() {
        Instant before = Instant.now();

        Response response = create("{\"publicKey\":\"" + OPEN_KEY + "\",\"customerId\":\"cust-42\","
                + "\"locale\":\"en-GB\",\"variables\":{\"cart_total\":129,\"tags\":[\"vip\"]}}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(fieldNames(body))
                .containsExactly("sessionToken", "conversationId", "expiresAt", "widget", "intents", "quickQuestions");
        assertThat(UUID.fromString(body.get("conversationId").asString())).isNotNull();
        Instant expiresAt = Instant.parse(body.get("expiresAt").asString());
        assertThat(expiresAt)
                .isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
        assertThat(body.get("expiresAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(body.get("widget").get("label").asString()).isEqualTo("Acme Help");
        assertThat(names(body.get("intents"), "name")).containsExactly("track_order", "start_return", "sizing_help");
        JsonNode trackOrder = body.get("intents").get(0);
        assertThat(trackOrder.get("displayLabel").asString()).isEqualTo("Track my order");
        assertThat(trackOrder.get("required_entities").get(0).asString()).isEqualTo("order_number");
        assertThat(trackOrder.get("icon").get("kind").asString()).isEqualTo("emoji");
        assertThat(trackOrder.get("isPinned").asBoolean()).isTrue();
        assertThat(trackOrder.get("priority").asInt()).isEqualTo(10);
        assertThat(trackOrder.get("styleVariant").asString()).isEqualTo("solid");
        JsonNode questions = body.get("quickQuestions");
        assertThat(questions.size()).isEqualTo(5);
        assertThat(fieldNames(questions.get(4))).containsExactly("question", "pageType", "flowId", "intentName");
        assertThat(questions.get(3).get("intentName").isNull())
                .as("unpublished flow")
                .isTrue();
        assertThat(questions.get(4).get("intentName").isNull()).as("no flow").isTrue();
        assertThat(questions.get(0).get("intentName").asString()).isEqualTo("track_order");
    }

    @Test
    void theTokenVerifiesWithTheConfiguredKeyAndNotWithAnother() {
        Response response = create("{\"publicKey\":\"" + OPEN_KEY + "\"}");
        String token = response.body().get("sessionToken").asString();

        SessionTokens configured = tokens(TOKEN_SECRET);
        SessionTokenClaims claims = configured.verify(token, Instant.now()).orElseThrow();
        assertThat(claims.sessionId())
                .isEqualTo(response.body().get("conversationId").asString());
        assertThat(claims.tenantId()).isEqualTo("acme-outdoor");
        assertThat(claims.expiresAt())
                .isEqualTo(Instant.parse(response.body().get("expiresAt").asString()));

        String otherSecret = Base64.getEncoder()
                .encodeToString("another secret of at least 32 bytes!!".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens(otherSecret).verify(token, Instant.now())).isEmpty();
        assertThat(configured.verify(token, claims.expiresAt())).as("expired").isEmpty();
        String tampered =
                token.substring(0, token.lastIndexOf('.') - 2) + "xx" + token.substring(token.lastIndexOf('.'));
        assertThat(configured.verify(tampered, Instant.now())).isEmpty();
    }

    @Test
    void aRestrictedKeyOffersOnlyItsPublishedAllowedIntents() {
        Response response = post(
                PATH, "{\"publicKey\":\"" + RESTRICTED_KEY + "\"}", Map.of("Origin", "https://orders.acme.example"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("widget").get("label").asString()).isEqualTo("Order desk");
        assertThat(names(response.body().get("intents"), "name")).containsExactly("track_order");
        JsonNode questions = response.body().get("quickQuestions");
        assertThat(questions.get(0).get("intentName").asString()).isEqualTo("track_order");
        assertThat(questions.get(1).get("intentName").isNull())
                .as("start_return is not permitted")
                .isTrue();
        assertThat(questions.get(1).get("flowId").asString()).isEqualTo("flow-returns");
    }

    @Test
    void aDisabledWidgetIsForbidden() {
        Response response = create("{\"publicKey\":\"" + DISABLED_KEY + "\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().get("error").asString()).isEqualTo("widget_disabled");
        assertThat(fieldNames(response.body())).containsExactly("error", "message", "details");
    }

    @Test
    void anOriginOutsideTheAllowListIsForbidden() {
        Response response =
                post(PATH, "{\"publicKey\":\"" + RESTRICTED_KEY + "\"}", Map.of("Origin", "https://evil.example"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().get("error").asString()).isEqualTo("origin_not_allowed");
    }

    @Test
    void anUnknownWidgetKeyFailsValidationOnPublicKey() {
        Response response = create("{\"publicKey\":\"pk_live_ffffffffffffffffffffffffffffffff\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("error").asString()).isEqualTo("validation_failed");
        assertThat(fieldNames(response.body().get("details"))).containsExactly("publicKey");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "publicKey pattern      | {\"publicKey\":\"pk_test_123\"}                                             | publicKey",
                "publicKey missing      | {\"locale\":\"en\"}                                                         | publicKey",
                "customerId too long    | {\"publicKey\":\"KEY\",\"customerId\":\"LONG_ID\"}                          | customerId",
                "locale too long        | {\"publicKey\":\"KEY\",\"locale\":\"en-GB-x-abcdefghij\"}                   | locale",
                "locale not BCP-47      | {\"publicKey\":\"KEY\",\"locale\":\"en_GB!\"}                               | locale",
                "variable key pattern   | {\"publicKey\":\"KEY\",\"variables\":{\"CartTotal\":1}}                     | variables.CartTotal",
                "variable object value  | {\"publicKey\":\"KEY\",\"variables\":{\"cart\":{\"total\":1}}}              | variables.cart",
                "variable nested 5 deep | {\"publicKey\":\"KEY\",\"variables\":{\"deep\":[[[[[1]]]]]}}                | variables.deep",
                "too many variables     | {\"publicKey\":\"KEY\",\"variables\":MANY}                                  | variables",
                "variables too large    | {\"publicKey\":\"KEY\",\"variables\":{\"blob\":\"BLOB\"}}                   | variables",
            })
    void eachValidationRuleAnswers422NamingTheField(String rule, String body, String field) {
        String many =
                IntStream.range(0, 51).mapToObj(i -> "\"v" + i + "\":" + i).collect(Collectors.joining(",", "{", "}"));
        Response response = create(body.replace("KEY", OPEN_KEY)
                .replace("LONG_ID", "c".repeat(101))
                .replace("MANY", many)
                .replace("BLOB", "x".repeat(4100)));

        assertThat(response.status()).as(rule).isEqualTo(422);
        assertThat(response.body().get("error").asString()).isEqualTo("validation_failed");
        assertThat(fieldNames(response.body().get("details"))).contains(field);
    }

    @Test
    void everyOffendingFieldIsNamedAtOnce() {
        Response response = create("{\"publicKey\":\"nope\",\"customerId\":\"" + "c".repeat(101) + "\",\"locale\":\""
                + "e".repeat(17) + "\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(fieldNames(response.body().get("details"))).contains("publicKey", "customerId", "locale");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "malformed JSON          | {\"publicKey\":",
                "not an object           | [1,2]",
                "publicKey not a string  | {\"publicKey\":42}",
                "variables not an object | {\"publicKey\":\"KEY\",\"variables\":[1]}",
            })
    void malformedOrMistypedBodiesAre400InvalidInput(String rule, String body) {
        Response response = create(body.replace("KEY", OPEN_KEY));

        assertThat(response.status()).as(rule).isEqualTo(400);
        assertThat(response.body().get("error").asString()).isEqualTo("invalid_input");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameSession() {
        String body = "{\"publicKey\":\"" + OPEN_KEY + "\",\"locale\":\"fr-FR\"}";
        String key = "retry-" + UUID.randomUUID();

        Response first = post(PATH, body, Map.of("Idempotency-Key", key));
        Response second = post(PATH, body, Map.of("Idempotency-Key", key));
        Response otherBody =
                post(PATH, "{\"publicKey\":\"" + OPEN_KEY + "\",\"locale\":\"de-DE\"}", Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("conversationId")).isEqualTo(first.body().get("conversationId"));
        assertThat(second.body().get("sessionToken")).isEqualTo(first.body().get("sessionToken"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.body().get("error").asString()).isEqualTo("validation_failed");
    }

    @Test
    void theSessionCameThroughKafkaAndItsEventCarriesNoPersonalData() {
        String customerId = "customer-" + UUID.randomUUID();
        Response response = create("{\"publicKey\":\"" + OPEN_KEY + "\",\"customerId\":\"" + customerId
                + "\",\"variables\":{\"email\":\"jane@example.com\"}}");
        String conversationId = response.body().get("conversationId").asString();
        awaitAllRequestsDecided();

        List<ConsumerRecord<String, byte[]>> records = readSessionEvents();

        List<SessionEvent> created = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain(customerId).doesNotContain("jane@example.com");
            SessionEvent event =
                    Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize("", record.value());
            if (event.getPayload() instanceof SessionCreated c
                    && c.getSessionId().equals(conversationId)) {
                created.add(event);
            }
        }
        assertThat(created)
                .singleElement()
                .satisfies(e -> assertThat(e.getTenantId()).isEqualTo("acme-outdoor"));
    }

    private static SessionTokens tokens(String base64Secret) {
        return new SessionTokens(TokenKeyring.load("test-key", Map.of("test-key", base64Secret), null), JSON);
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.get(field).asString()));
        return names;
    }
}
