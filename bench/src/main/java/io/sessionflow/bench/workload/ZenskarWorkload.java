package io.sessionflow.bench.workload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.zenskar.ZenskarSessionController;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.zenskar.ZenskarSessionRequested;

/**
 * Zenskar: {@code POST /zenskar/customers/session} as the demo organisation "Acme Billing" for one
 * of its customers, and the {@code ZenskarSessionRequested} that call publishes, built as
 * {@link ZenskarSessionController} does (no session_key: every call a new session).
 */
public record ZenskarWorkload(Duration requestTimeout) implements ProviderWorkload {

    static final String ORGANISATION = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    static final String API_KEY = "zsk_demo_acme_5b8e2f71c4d94a06";
    static final String CUSTOMER = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";
    static final int IDLE_TIMEOUT = 3600;

    @Override
    public String provider() {
        return "zenskar";
    }

    @Override
    public HttpRequest createSession(URI baseUri, long sequence) {
        String body = "{\"customer_id\":\"" + CUSTOMER + "\",\"return_url\":\"https://app.acme.example/billing\","
                + "\"idle_timeout\":" + IDLE_TIMEOUT + "}";
        return ProviderWorkload.postJson(baseUri.resolve("/zenskar/customers/session"), requestTimeout, body)
                .header("x-api-key", API_KEY)
                .header("organisation", ORGANISATION)
                .build();
    }

    @Override
    public RequestEvent requestEvent(long sequence) {
        String sessionKey = SessionKeys.newKey();
        ZenskarSessionRequested event = ZenskarSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(BenchIds.KEYS
                        .fingerprint(
                                null,
                                ORGANISATION,
                                CUSTOMER,
                                false,
                                "https://app.acme.example/billing",
                                IDLE_TIMEOUT,
                                null)
                        .value())
                .setOrganisationId(ORGANISATION)
                .setCustomerId(CUSTOMER)
                .setIsGuestSession(false)
                .setIdleTimeoutSeconds(IDLE_TIMEOUT)
                .build();
        return RequestEvent.of(Topics.ZENSKAR_REQUESTS, sessionKey, event);
    }
}
