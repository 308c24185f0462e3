package io.sessionflow.app.faults;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One create call with an Idempotency-Key, as a client would retry it: the same path, headers and
 * body every time. Knows the session key the key derives to (where its {@code SessionCreated} is on
 * session-events) and how to read the session id out of the provider's answer.
 */
record CreateRequest(String provider, String idempotencyKey, String path, Map<String, String> headers, String body,
                     String sessionKey) {

    static final String CHAT_PATH = "/chat/api/public/v1/chat/sessions";
    static final String CHAT_PUBLIC_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    static final String ALGOREG_PATH = "/algoreg/api/v1/session";
    static final String ALGOREG_TENANT = "northwind-bank";
    /** the demo catalog's key of {@value #ALGOREG_TENANT} (docs/providers/algoreg.md) */
    static final String ALGOREG_KEY = "alg_demo_northwind_4f8c2d9e7a1b6053";

    static CreateRequest chat(String idempotencyKey) {
        return new CreateRequest("chat", idempotencyKey, CHAT_PATH, Map.of("Idempotency-Key", idempotencyKey),
                "{\"publicKey\":\"" + CHAT_PUBLIC_KEY + "\",\"customerId\":\"cust-" + idempotencyKey.hashCode()
                        + "\",\"locale\":\"en-GB\"}",
                AppUnderTest.SESSION_KEYS.derivedKey("chat", CHAT_PUBLIC_KEY, idempotencyKey));
    }

    static CreateRequest algoreg(String idempotencyKey) {
        return new CreateRequest("algoreg", idempotencyKey, ALGOREG_PATH,
                Map.of("Idempotency-Key", idempotencyKey, "Authorization", "Bearer " + ALGOREG_KEY),
                "{\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"external_id\":\"ref-" + idempotencyKey + "\"}",
                AppUnderTest.SESSION_KEYS.derivedKey("algoreg", ALGOREG_TENANT, idempotencyKey));
    }

    /** The session id in a 200 answer: chat's {@code conversationId}, Algoreg's {@code session_id}. */
    String sessionId(JsonNode answer) {
        JsonNode id = answer.get("chat".equals(provider) ? "conversationId" : "session_id");
        return id == null ? null : id.asString();
    }

    /**
     * Whether an answer is the provider's documented retryable error: {@code 503} with
     * {@code Retry-After} and the provider's error body with code {@code service_unavailable}.
     */
    static boolean isDocumentedRetryable(String provider, Exchange exchange) {
        if (exchange.status() != 503 || exchange.retryAfter() == null || exchange.json() == null) {
            return false;
        }
        JsonNode code = "chat".equals(provider) ? exchange.json().get("error")
                : exchange.json().path("error").get("code");
        return code != null && "service_unavailable".equals(code.asString());
    }

    @Override
    public String toString() {
        return provider + " " + idempotencyKey;
    }
}
