package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionflow.api.tokens.OpaqueTokenSubject;
import io.sessionflow.api.tokens.SessionTokens;
import io.sessionflow.api.tokens.TokenKeyring;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Zenskar's create-session contract, over HTTP, through the real event path, with the demo catalog. */
class ZenskarSessionEndToEndTest extends EndToEndTest {

    private static final String PATH = "/zenskar/customers/session";
    private static final String ACME = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final String ACME_KEY = "zsk_demo_acme_5b8e2f71c4d94a06";
    private static final String GLOBEX = "9d4b2e71-6c3a-4f08-b5e1-2a7c9f0d8e14";
    private static final String GLOBEX_KEY = "zsk_demo_globex_9a3c6e18f2b74d50";
    private static final String ALICE = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";
    private static final String BOB = "c2d9e8f7-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    private static final String GLOBEX_CUSTOMER = "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9";
    private static final String RETURN_URL = "https://app.acme.example/billing?tab=invoices&lang=en";
    private static final String DENY =
            "{\"Message\":\"User is not authorized to access this resource with an " + "explicit deny\"}";
    private static final Pattern REDIRECT =
            Pattern.compile("https://portal\\.acme-billing\\.example/session/([0-9a-f-]{36})\\?return_url=(.+)");

    private static Response create(String body) {
        return create(body, Map.of());
    }

    private static Response create(String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(Map.of("x-api-key", ACME_KEY, "organisation", ACME));
        headers.putAll(extraHeaders);
        return post(PATH, body, headers);
    }

    private static String customerBody(String customerId, String extra) {
        return "{\"customer_id\":\"" + customerId + "\",\"return_url\":\"" + RETURN_URL + "\"" + extra + "}";
    }

    /** The session id in a redirect_url of Acme's portal, after checking its form. */
    private static String sessionId(Response response) {
        Matcher redirect = REDIRECT.matcher(response.body().get("redirect_url").asString());
        assertThat(redirect.matches()).as(response.body().toString()).isTrue();
        assertThat(redirect.group(2)).isEqualTo(URLEncoder.encode(RETURN_URL, StandardCharsets.UTF_8));
        return redirect.group(1);
    }

    // ---- success ------------------------------------------------------------------------------------

    @Test
    void aCustomerSessionHasTheDocumentedShape() {
        Response response = create(customerBody(ALICE, ",\"idle_timeout\":900"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(fieldNames(response.body())).containsExactly("redirect_url", "session_token", "is_guest_session");
        assertThat(response.body().get("is_guest_session").isBoolean()).isTrue();
        assertThat(response.body().get("is_guest_session").asBoolean()).isFalse();
        String sessionId = sessionId(response);
        assertThat(UUID.fromString(sessionId)).isNotNull();
        assertThat(response.body().get("session_token").asString())
                .as("<session key>.<key id>.<256-bit mac>")
                .matches("[0-9a-f-]{36}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
    }

    @Test
    void aGuestSessionHasNoCustomerAndSaysSo() {
        Response response = create("{\"is_guest_session\":true,\"return_url\":\"" + RETURN_URL + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("is_guest_session").asBoolean()).isTrue();
        SessionEvent event = sessionEvent(sessionId(response));
        ZenskarSessionDetails details = (ZenskarSessionDetails) ((SessionCreated) event.getPayload()).getDetails();
        assertThat(details.getIsGuestSession()).isTrue();
        assertThat(details.getCustomerId()).isNull();
        assertThat(details.getIdleTimeoutSeconds()).isEqualTo(3600);
    }

    @Test
    void theTokenVerifiesWithTheServerKeyAndFailsWhenTampered() {
        Response response = create(customerBody(BOB, ""));
        String token = response.body().get("session_token").asString();
        String sessionId = sessionId(response);

        SessionTokens server = tokens(TOKEN_SECRET);
        String sessionKey = server.opaqueSelector(token).orElseThrow();
        OpaqueTokenSubject subject = new OpaqueTokenSubject("zenskar", ACME, sessionKey, sessionId);
        assertThat(server.verifyOpaque(token, subject)).isTrue();
        assertThat(sessionEvent(sessionId).getSessionKey()).isEqualTo(sessionKey);

        int mac = token.lastIndexOf('.') + 1;
        String tampered = token.substring(0, mac) + (token.charAt(mac) == 'A' ? 'B' : 'A') + token.substring(mac + 1);
        assertThat(server.verifyOpaque(tampered, subject)).isFalse();
        assertThat(server.verifyOpaque(token, new OpaqueTokenSubject("zenskar", GLOBEX, sessionKey, sessionId)))
                .isFalse();
        String otherSecret = Base64.getEncoder()
                .encodeToString("another secret of at least 32 bytes!!".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens(otherSecret).verifyOpaque(token, subject)).isFalse();
    }

    // ---- session_key and Idempotency-Key ------------------------------------------------------------

    @Test
    void theSameSessionKeyReturnsTheSameSessionAndToken() {
        String body = customerBody(ALICE, ",\"session_key\":\"portal-" + UUID.randomUUID() + "\"");

        Response first = create(body);
        Response second = create(body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("redirect_url")).isEqualTo(first.body().get("redirect_url"));
        assertThat(second.body().get("session_token")).isEqualTo(first.body().get("session_token"));
        String sessionId = sessionId(first);
        awaitAllRequestsDecided();
        assertThat(readSessionEvents().stream()
                        .map(ZenskarSessionEndToEndTest::decode)
                        .filter(e -> e.getPayload() instanceof SessionResumed r
                                && r.getSessionId().equals(sessionId)))
                .as("the second call was answered from the existing session")
                .hasSize(1);
    }

    @Test
    void aSessionKeyInUseByAnotherCustomerIsRefused() {
        String sessionKey = ",\"session_key\":\"shared-" + UUID.randomUUID() + "\"";
        assertThat(create(customerBody(ALICE, sessionKey)).status()).isEqualTo(200);

        Response bob = create(customerBody(BOB, sessionKey));

        assertThat(bob.status()).isEqualTo(422);
        assertThat(bob.body().toString())
                .isEqualTo("{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\","
                        + "\"session_key\"],\"msg\":\"Value error, session_key is already used by a session of another "
                        + "customer\"}]}");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameAnswerAndAnotherBodyA422() {
        String key = "retry-" + UUID.randomUUID();

        Response first = create(customerBody(ALICE, ""), Map.of("Idempotency-Key", key));
        Response retry = create(customerBody(ALICE, ""), Map.of("Idempotency-Key", key));
        Response otherBody = create(customerBody(ALICE, ",\"idle_timeout\":60"), Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.body().toString())
                .isEqualTo("{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"header\","
                        + "\"idempotency-key\"],\"msg\":\"Value error, this Idempotency-Key was already used with a different "
                        + "request\"}]}");
    }

    /** Several session keys, so that one shares a partition with the first: a request key decided there was dropped. */
    @Test
    void anIdempotencyKeyReusedWithAnotherSessionKeyIsDecidedAsARequestOfItsOwn() {
        String key = "reused-" + UUID.randomUUID();
        List<Response> answers = new ArrayList<>();
        answers.add(create(customerBody(ALICE, ""), Map.of("Idempotency-Key", key)));
        for (String sessionKey : List.of("reused-a-", "reused-b-", "reused-c-", "reused-d-")) {
            answers.add(create(
                    customerBody(ALICE, ",\"session_key\":\"" + sessionKey + UUID.randomUUID() + "\""),
                    Map.of("Idempotency-Key", key)));
        }

        assertThat(answers).extracting(Response::status).containsOnly(200);
        List<String> sessionIds =
                answers.stream().map(ZenskarSessionEndToEndTest::sessionId).toList();
        assertThat(sessionIds)
                .as("a session of its own each, not the first one's answer replayed")
                .doesNotHaveDuplicates();
        assertThat(answers)
                .extracting(a -> a.body().get("session_token").asString())
                .doesNotHaveDuplicates();
        awaitAllRequestsDecided();
        assertThat(readSessionEvents().stream()
                        .map(ZenskarSessionEndToEndTest::decode)
                        .filter(e ->
                                e.getPayload() instanceof SessionCreated c && sessionIds.contains(c.getSessionId()))
                        .map(e -> ((SessionCreated) e.getPayload()).getSessionId()))
                .as("each decided once, as a session of its own")
                .containsExactlyInAnyOrderElementsOf(sessionIds);
    }

    @Test
    void anUnusableIdempotencyKeyIsReportedWithTheBodysProblems() {
        Response response = create("{\"customer_id\":\"nope\"}", Map.of("Idempotency-Key", "k".repeat(256)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(locs(response)).containsExactly("header.idempotency-key", "body.customer_id", "body.return_url");
    }

    // ---- refusals -----------------------------------------------------------------------------------

    @Test
    void anUnknownCustomerAndAnotherOrganisationsCustomerAreRefusedAlike() {
        Response unknown = create(customerBody("00000000-0000-4000-8000-000000000000", ""));
        Response foreign = create(customerBody(GLOBEX_CUSTOMER, ""));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().toString())
                .isEqualTo(
                        "{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\","
                                + "\"customer_id\"],\"msg\":\"Value error, no customer with this id exists in the organisation\"}]}");
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.body()).isEqualTo(unknown.body());
    }

    @Test
    void theOtherOrganisationHasItsOwnPortalAndCustomers() {
        Response response = post(
                PATH,
                customerBody(GLOBEX_CUSTOMER, ""),
                Map.of("x-api-key", GLOBEX_KEY, "organisation", GLOBEX.toUpperCase()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("redirect_url").asString())
                .startsWith("https://billing.globex.example/session/");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "customer_id not a UUID   | {\"customer_id\":\"abc\",\"return_url\":\"URL\"}                          | body.customer_id      | uuid_parsing",
                "customer_id a number     | {\"customer_id\":7,\"return_url\":\"URL\"}                                | body.customer_id      | uuid_type",
                "neither customer nor guest | {\"return_url\":\"URL\"}                                               | body.customer_id      | value_error",
                "both customer and guest  | {\"customer_id\":\"ALICE\",\"is_guest_session\":true,\"return_url\":\"URL\"} | body.customer_id  | value_error",
                "guest flag not a boolean | {\"is_guest_session\":\"sure\",\"return_url\":\"URL\"}                   | body.is_guest_session | bool_parsing",
                "return_url missing       | {\"customer_id\":\"ALICE\"}                                               | body.return_url       | missing",
                "return_url not a string  | {\"customer_id\":\"ALICE\",\"return_url\":1}                              | body.return_url       | string_type",
                "return_url relative      | {\"customer_id\":\"ALICE\",\"return_url\":\"/billing\"}                   | body.return_url       | url_parsing",
                "return_url not http(s)   | {\"customer_id\":\"ALICE\",\"return_url\":\"ftp://a.example\"}            | body.return_url       | url_scheme",
                "idle_timeout not an int  | {\"customer_id\":\"ALICE\",\"return_url\":\"URL\",\"idle_timeout\":\"soon\"} | body.idle_timeout | int_parsing",
                "idle_timeout fractional  | {\"customer_id\":\"ALICE\",\"return_url\":\"URL\",\"idle_timeout\":1.5}   | body.idle_timeout     | int_from_float",
                "idle_timeout zero        | {\"customer_id\":\"ALICE\",\"return_url\":\"URL\",\"idle_timeout\":0}     | body.idle_timeout     | greater_than",
                "idle_timeout over a day  | {\"customer_id\":\"ALICE\",\"return_url\":\"URL\",\"idle_timeout\":86401} | body.idle_timeout     | less_than_equal",
                "session_key empty        | {\"customer_id\":\"ALICE\",\"return_url\":\"URL\",\"session_key\":\"\"}   | body.session_key      | string_too_short",
                "session_key too long     | {\"customer_id\":\"ALICE\",\"return_url\":\"URL\",\"session_key\":\"LONG\"} | body.session_key    | string_too_long",
                "session_key not a string | {\"customer_id\":\"ALICE\",\"return_url\":\"URL\",\"session_key\":5}     | body.session_key      | string_type",
                "not an object            | [1]                                                                       | body                  | model_attributes_type",
                "malformed JSON           | {\"customer_id\":                                                         | body.15               | json_invalid",
                "no body                  | ''                                                                        | body                  | missing",
            })
    void eachValidationRuleAnswersFastApis422(String rule, String body, String loc, String type) {
        Response response =
                create(body.replace("ALICE", ALICE).replace("URL", RETURN_URL).replace("LONG", "k".repeat(256)));

        assertThat(response.status()).as(rule).isEqualTo(422);
        assertThat(fieldNames(response.body())).containsExactly("detail");
        JsonNode error = response.body().get("detail").get(0);
        assertThat(response.body().get("detail").size()).as(rule).isEqualTo(1);
        assertThat(fieldNames(error)).startsWith("type", "loc", "msg");
        assertThat(error.get("type").asString()).isEqualTo(type);
        assertThat(locs(response)).containsExactly(loc);
        assertThat(error.get("msg").asString()).isNotBlank();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Response response =
                create("{\"customer_id\":\"x\",\"is_guest_session\":[],\"idle_timeout\":-1," + "\"session_key\":7}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(locs(response))
                .containsExactly(
                        "body.customer_id",
                        "body.is_guest_session",
                        "body.return_url",
                        "body.idle_timeout",
                        "body.session_key");
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsRefusedAsFastApiDoes() {
        Response response = create(customerBody(ALICE, ""), Map.of("Content-Type", "text/plain"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("detail").get(0).get("type").asString()).isEqualTo("model_attributes_type");
    }

    @Test
    void aMissingOrUnknownApiKeyIs401BeforeTheBodyIsLookedAt() {
        Response missing = post(PATH, "{not json", Map.of("organisation", ACME));
        Response unknown = post(PATH, "{not json", Map.of("x-api-key", "zsk_wrong", "organisation", ACME));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().toString())
                .isEqualTo("{\"detail\":\"Missing API key: send it in the x-api-key header\"}");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().toString()).isEqualTo("{\"detail\":\"Invalid API key\"}");
        assertThat(post(PATH, "{}", Map.of("x-api-key", ACME_KEY.toUpperCase(), "organisation", ACME))
                        .status())
                .as("keys are compared exactly")
                .isEqualTo(401);
    }

    @ParameterizedTest(name = "organisation {0}")
    @CsvSource(
            delimiter = '|',
            value = {"MISSING", "not-a-uuid", GLOBEX, "00000000-0000-4000-8000-000000000000"})
    void aMissingOrWrongOrganisationIsTheExactExplicitDeny(String organisation) {
        Map<String, String> headers = new HashMap<>(Map.of("x-api-key", ACME_KEY));
        if (!organisation.equals("MISSING")) {
            headers.put("organisation", organisation);
        }

        Response response = post(PATH, customerBody(ALICE, ""), headers);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().toString()).isEqualTo(DENY);
    }

    // ---- what reaches Kafka -------------------------------------------------------------------------

    @Test
    void sessionEventsCarryNeitherTheTokenNorTheReturnUrlNorTheSessionKey() {
        String clientSessionKey = "jane.doe@example.com-" + UUID.randomUUID();
        String returnUrl = "https://app.acme.example/billing?email=jane.doe%40example.com&n=" + UUID.randomUUID();
        Response response = create("{\"customer_id\":\"" + ALICE + "\",\"return_url\":\"" + returnUrl
                + "\",\"session_key\":\"" + clientSessionKey + "\"}");
        assertThat(response.status()).isEqualTo(200);
        String token = response.body().get("session_token").asString();
        String mac = token.substring(token.lastIndexOf('.') + 1);
        String sessionId = response.body().get("redirect_url").asString().replaceAll(".*/session/([^?]+)\\?.*", "$1");

        List<ConsumerRecord<String, byte[]>> records = readSessionEvents();

        boolean found = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
            assertThat(raw)
                    .doesNotContain(mac)
                    .doesNotContain(token)
                    .doesNotContain(clientSessionKey)
                    .doesNotContain("jane.doe")
                    .doesNotContain(returnUrl.substring(returnUrl.indexOf("&n=")));
            SessionEvent event = decode(record);
            if (event.getPayload() instanceof SessionCreated created
                    && created.getSessionId().equals(sessionId)) {
                found = true;
                assertThat(event.getTenantId()).isEqualTo(ACME);
                assertThat(((ZenskarSessionDetails) created.getDetails()).getCustomerId())
                        .isEqualTo(ALICE);
            }
        }
        assertThat(found).isTrue();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static SessionEvent sessionEvent(String sessionId) {
        return readSessionEvents().stream()
                .map(ZenskarSessionEndToEndTest::decode)
                .filter(e -> e.getPayload() instanceof SessionCreated c
                        && c.getSessionId().equals(sessionId))
                .findFirst()
                .orElseThrow();
    }

    private static SessionEvent decode(ConsumerRecord<String, byte[]> record) {
        return Topics.SESSION_EVENTS
                .valueSerde()
                .deserializer()
                .deserialize(Topics.SESSION_EVENTS.name(), record.value());
    }

    private static SessionTokens tokens(String base64Secret) {
        return new SessionTokens(TokenKeyring.load("test-key", Map.of("test-key", base64Secret), null), JSON);
    }

    /** Each error's loc joined with dots, e.g. {@code body.customer_id}. */
    private static List<String> locs(Response response) {
        List<String> locs = new ArrayList<>();
        response.body().get("detail").forEach(error -> {
            List<String> parts = new ArrayList<>();
            error.get("loc").forEach(part -> parts.add(part.asString()));
            locs.add(String.join(".", parts));
        });
        return locs;
    }
}
