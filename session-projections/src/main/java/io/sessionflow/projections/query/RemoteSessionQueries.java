package io.sessionflow.projections.query;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sessionflow.projections.EncodedSessionEvent;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a projections instance (the one that owns a session key, or any, from the standalone API) for its outcome, over the internal endpoint of
 * {@link SessionQueryController} (the owner's internal port, advertised as its {@code application.server}),
 * presenting the {@link InternalCredential}. The request's timeout is the caller's remaining wait plus a small
 * margin, and a refused connection fails at once: a dead owner never holds a caller to its
 * deadline.
 */
public final class RemoteSessionQueries {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSessionQueries.class);
    private static final Duration MARGIN = Duration.ofMillis(500);

    private final HttpClient http;
    private final InternalCredential credential;
    private final AtomicBoolean refusalReported = new AtomicBoolean();

    public RemoteSessionQueries(Duration connectTimeout, InternalCredential credential) {
        this.credential = credential;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @param forwarded whether the instance asked must answer from its own store ({@code true}: it is the owner
     *                  Streams metadata names, and forwards nowhere), or may forward once to the owner
     *                  ({@code false}: the standalone API asking any projections instance)
     */
    public CompletableFuture<SessionLookup> lookup(
            HostInfo owner, SessionQueryService.Query query, Duration wait, boolean forwarded) {
        StringBuilder uri = new StringBuilder("http://")
                .append(owner.host())
                .append(':')
                .append(owner.port())
                .append(SessionQueryController.PATH)
                .append('/')
                .append(encode(query.sessionKey()))
                .append("?waitMs=")
                .append(wait.toMillis());
        if (query.requestKey() != null) {
            uri.append("&request=").append(encode(query.requestKey()));
        }
        if (forwarded) {
            uri.append('&').append(SessionQueryController.FORWARDED).append("=true");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(wait.plus(MARGIN))
                .header("Authorization", credential.authorization())
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> switch (response.statusCode()) {
                    case 200 -> new SessionLookup.Found(EncodedSessionEvent.decode(response.body()));
                    case 404 -> new SessionLookup.NotFound();
                    case 401 -> {
                        if (refusalReported.compareAndSet(false, true)) {
                            LOG.warn(
                                    "The instance at {}:{} refused this instance's internal credential: set the same "
                                            + "sessionflow.internal.token on every instance (reported once)",
                                    owner.host(),
                                    owner.port());
                        }
                        yield new SessionLookup.Unavailable("the owning instance refused the internal credential");
                    }
                    default -> new SessionLookup.Unavailable("the owning instance answered " + response.statusCode());
                });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
