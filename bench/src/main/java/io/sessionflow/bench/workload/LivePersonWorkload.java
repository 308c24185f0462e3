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
public record LivePersonWorkload(Duration requestTimeout) implements ProviderWorkload {

    static final String ACCOUNT = "12345678";
    static final String BODY = "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\"]}";

    @Override
    public String provider() {
        return "liveperson";
    }

    @Override
    public HttpRequest createSession(URI baseUri, long sequence) {
        return ProviderWorkload.postJson(
                        baseUri.resolve("/liveperson/api/account/" + ACCOUNT + "/app/engagement/visitors?v=1.0"),
                        requestTimeout,
                        BODY)
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
        return RequestEvent.of(Topics.LIVEPERSON_REQUESTS, sessionKey, event);
    }
}
