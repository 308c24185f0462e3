package io.sessionflow.bench.workload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.liveperson.LivePersonEngagementController;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.liveperson.LivePersonOperation;
import io.sessionflow.schemas.liveperson.LivePersonSessionRequested;

/**
 * LivePerson: the first call of a visit, {@code POST .../account/12345678/app/engagement/visitors?v=1.0}
 * with the Support section (the demo catalog offers an engagement), and the
 * {@code LivePersonSessionRequested} that call publishes, built as
 * {@link LivePersonEngagementController} does.
 */
public final class LivePersonWorkload implements ProviderWorkload {

    static final String ACCOUNT = "12345678";
    static final String BODY = "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\"]}";

    private final Duration requestTimeout;

    public LivePersonWorkload(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @Override
    public String provider() {
        return "liveperson";
    }

    @Override
    public HttpRequest createSession(URI baseUri, long sequence) {
        return HttpRequest.newBuilder(
                        baseUri.resolve("/liveperson/api/account/" + ACCOUNT + "/app/engagement/visitors?v=1.0"))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
    }

    @Override
    public RequestEvent requestEvent(long sequence) {
        String sid = UUID.randomUUID().toString();
        String sessionKey = BenchIds.KEYS.derivedKey("liveperson", ACCOUNT, sid);
        LivePersonSessionRequested event = LivePersonSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestKey(SessionKeys.newKey())
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(BenchIds.KEYS
                        .fingerprint(null, "POST", ACCOUNT, null, null, BODY)
                        .value())
                .setOperation(LivePersonOperation.START)
                .setAccountId(ACCOUNT)
                .setVisitorId(BenchIds.KEYS.pseudonym(
                        "liveperson-visitor", ACCOUNT, UUID.randomUUID().toString()))
                .setSessionId(BenchIds.KEYS.pseudonym("liveperson-sid", ACCOUNT, sid))
                .setAppType("MSDK")
                .setConsumerSections(List.of("Support"))
                .build();
        byte[] value = Topics.LIVEPERSON_REQUESTS
                .valueSerde()
                .serializer()
                .serialize(Topics.LIVEPERSON_REQUESTS.name(), event);
        return new RequestEvent(Topics.LIVEPERSON_REQUESTS.name(), sessionKey, value);
    }
}
