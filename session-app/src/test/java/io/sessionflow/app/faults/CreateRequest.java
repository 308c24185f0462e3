package io.sessionflow.app.faults;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One create call with an Idempotency-Key, as a client would retry it: the same path, headers and
 * body every time. Knows the session key the key derives to (where its {@code SessionCreated} is on
 * session-events) and how to read the session id that {@code SessionCreated} carries out of the
 * provider's answer. One factory per provider, from the demo catalog.
 */
record CreateRequest(
        String provider,
        String idempotencyKey,
        String path,
        Map<String, String> headers,
        String body,
        String sessionKey) {

    static final String CHAT_PATH = "/chat/api/public/v1/chat/sessions";
    static final String CHAT_PUBLIC_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    static final String ALGOREG_PATH = "/algoreg/api/v1/session";
    static final String ALGOREG_TENANT = "northwind-bank";
    /** the demo catalog's key of {@value #ALGOREG_TENANT} (docs/providers/algoreg.md) */
    static final String ALGOREG_KEY = "alg_demo_northwind_4f8c2d9e7a1b6053";

    static final String ZENSKAR_PATH = "/zenskar/customers/session";
    static final String ZENSKAR_KEY = "zsk_demo_acme_5b8e2f71c4d94a06";
    static final String ZENSKAR_CUSTOMER = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";
    static final String ZENSKAR_ORGANISATION = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    static final String LIVEPERSON_ACCOUNT = "12345678";
    static final String LIVEPERSON_VISITORS =
            "/liveperson/api/account/" + LIVEPERSON_ACCOUNT + "/app/engagement/visitors";
    static final List<String> PROVIDERS = List.of("chat", "algoreg", "zenskar", "liveperson");

    /** A create of {@code provider} (one of {@link #PROVIDERS}). */
    static CreateRequest of(String provider, String idempotencyKey) {
        return switch (provider) {
            case "chat" -> chat(idempotencyKey);
            case "algoreg" -> algoreg(idempotencyKey);
            case "zenskar" -> zenskar(idempotencyKey);
            case "liveperson" -> liveperson(idempotencyKey);
            default -> throw new IllegalArgumentException(provider);
        };
    }

    static CreateRequest chat(String idempotencyKey) {
        return new CreateRequest(
                "chat",
                idempotencyKey,
                CHAT_PATH,
                Map.of("Idempotency-Key", idempotencyKey),
                "{\"publicKey\":\"" + CHAT_PUBLIC_KEY + "\",\"customerId\":\"cust-" + idempotencyKey.hashCode()
                        + "\",\"locale\":\"en-GB\"}",
                AppUnderTest.SESSION_KEYS.derivedKey("chat", CHAT_PUBLIC_KEY, idempotencyKey));
    }

    static CreateRequest algoreg(String idempotencyKey) {
        return new CreateRequest(
                "algoreg",
                idempotencyKey,
                ALGOREG_PATH,
                Map.of("Idempotency-Key", idempotencyKey, "Authorization", "Bearer " + ALGOREG_KEY),
                "{\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"external_id\":\"ref-" + idempotencyKey + "\"}",
                AppUnderTest.SESSION_KEYS.derivedKey("algoreg", ALGOREG_TENANT, idempotencyKey));
    }

    static CreateRequest zenskar(String idempotencyKey) {
        return new CreateRequest(
                "zenskar",
                idempotencyKey,
                ZENSKAR_PATH,
                Map.of(
                        "Idempotency-Key",
                        idempotencyKey,
                        "x-api-key",
                        ZENSKAR_KEY,
                        "organisation",
                        ZENSKAR_ORGANISATION),
                "{\"customer_id\":\"" + ZENSKAR_CUSTOMER + "\",\"return_url\":\"https://app.acme.example/billing\"}",
                AppUnderTest.SESSION_KEYS.derivedKey(
                        "zenskar-idempotent-session", ZENSKAR_ORGANISATION, idempotencyKey));
    }

    /** A LivePerson visit started (an engagement offered for the Support section). */
    static CreateRequest liveperson(String idempotencyKey) {
        String sid = AppUnderTest.SESSION_KEYS.derivedKey("liveperson-sid", LIVEPERSON_ACCOUNT, idempotencyKey);
        return new CreateRequest(
                "liveperson",
                idempotencyKey,
                LIVEPERSON_VISITORS + "?v=1.0",
                Map.of("Idempotency-Key", idempotencyKey),
                "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\"]}",
                AppUnderTest.SESSION_KEYS.derivedKey("liveperson", LIVEPERSON_ACCOUNT, sid));
    }

    /**
     * The session id of a 200 answer as its {@code SessionCreated} carries it: chat's {@code conversationId},
     * Algoreg's {@code session_id}, the id in Zenskar's {@code redirect_url}, the pseudonym of LivePerson's
     * {@code sessionId} (the raw sid never reaches the topic).
     */
    String sessionId(JsonNode answer) {
        JsonNode id = switch (provider) {
            case "chat" -> answer.get("conversationId");
            case "zenskar" -> answer.get("redirect_url");
            case "liveperson" -> answer.get("sessionId");
            default -> answer.get("session_id");
        };
        if (id == null) {
            return null;
        }
        return switch (provider) {
            case "zenskar" -> {
                String url = id.asString();
                int start = url.indexOf("/session/") + "/session/".length();
                int end = url.indexOf('?', start);
                yield url.substring(start, end < 0 ? url.length() : end);
            }
            case "liveperson" ->
                AppUnderTest.SESSION_KEYS.pseudonym("liveperson-sid", LIVEPERSON_ACCOUNT, id.asString());
            default -> id.asString();
        };
    }

    /**
     * A LivePerson continue of the visit a 200 answer started ({@code sessionId} and {@code visitorId}), with
     * its own Idempotency-Key, so that asking again is the same call: the visit's read, LivePerson having no GET.
     */
    static CreateRequest livepersonContinue(JsonNode answer, String idempotencyKey) {
        String visitor = LIVEPERSON_VISITORS + "/" + answer.get("visitorId").asString() + "?v=1.0&sid="
                + URLEncoder.encode(answer.get("sessionId").asString(), StandardCharsets.UTF_8);
        String sid = answer.get("sessionId").asString();
        return new CreateRequest(
                "liveperson",
                idempotencyKey,
                visitor,
                Map.of("Idempotency-Key", idempotencyKey),
                "{\"appType\":\"MSDK\",\"consumerSections\":[\"Sales\"]}",
                AppUnderTest.SESSION_KEYS.derivedKey("liveperson", LIVEPERSON_ACCOUNT, sid));
    }

    /**
     * Whether an answer is the provider's documented retryable error: {@code 503} with {@code Retry-After} and
     * the provider's error body: chat's and Algoreg's code {@code service_unavailable}, Zenskar's
     * {@code detail} text, LivePerson's internal code 300 (temporarily unavailable).
     */
    static boolean isDocumentedRetryable(String provider, Exchange exchange) {
        if (exchange.status() != 503 || exchange.retryAfter() == null || exchange.json() == null) {
            return false;
        }
        JsonNode json = exchange.json();
        return switch (provider) {
            case "chat" -> "service_unavailable".equals(json.path("error").asString(""));
            case "zenskar" -> json.path("detail").isString() && json.size() == 1;
            case "liveperson" -> json.path("internalCode").asInt(0) == 300 && json.has("time") && json.has("message");
            default ->
                "service_unavailable".equals(json.path("error").path("code").asString(""));
        };
    }

    @Override
    public String toString() {
        return provider + " " + idempotencyKey;
    }
}
