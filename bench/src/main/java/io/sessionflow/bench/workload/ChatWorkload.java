package io.sessionflow.bench.workload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.chat.ChatSessionController;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionRequested;

/**
 * The chat widget: {@code POST /chat/api/public/v1/chat/sessions} with the demo catalog's
 * "Acme Help" widget key (enabled, every intent, no Origin header: a server-side call), and the
 * {@code ChatSessionRequested} that call publishes to {@code sessionflow.chat.requests}, built as
 * {@link ChatSessionController} builds it.
 */
public record ChatWorkload(Duration requestTimeout) implements ProviderWorkload {

    static final String PUBLIC_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    static final String LOCALE = "en-GB";
    /** The compact form the API's parser stores, so that the pre-produced events match the API's. */
    static final String VARIABLES_JSON = "{\"cart_total\":129,\"tags\":[\"vip\"]}";

    @Override
    public String provider() {
        return "chat";
    }

    @Override
    public HttpRequest createSession(URI baseUri, long sequence) {
        String body = "{\"publicKey\":\"" + PUBLIC_KEY + "\",\"customerId\":\"" + customerId(sequence)
                + "\",\"locale\":\"" + LOCALE + "\",\"variables\":" + VARIABLES_JSON + "}";
        return ProviderWorkload.postJson(baseUri.resolve(ChatSessionController.PATH), requestTimeout, body)
                .build();
    }

    @Override
    public RequestEvent requestEvent(long sequence) {
        String customerId = customerId(sequence);
        String sessionKey = SessionKeys.newKey();
        ChatSessionRequested event = ChatSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(BenchIds.KEYS
                        .fingerprint(null, PUBLIC_KEY, customerId, LOCALE, VARIABLES_JSON, null)
                        .value())
                .setPublicKey(PUBLIC_KEY)
                .setOrigin(null)
                .setCustomerId(customerId)
                .setLocale(LOCALE)
                .setVariablesJson(VARIABLES_JSON)
                .build();
        return RequestEvent.of(Topics.CHAT_REQUESTS, sessionKey, event);
    }

    private static String customerId(long sequence) {
        return "bench-" + sequence;
    }
}
