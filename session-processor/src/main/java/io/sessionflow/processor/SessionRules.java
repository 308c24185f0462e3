package io.sessionflow.processor;

import java.time.Instant;
import java.util.List;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.events.SessionEvent;

/**
 * One provider's rules for deciding a session request. Pure: catalog, the session's current state
 * and the clock are handed in, so topology tests drive them with fixed values.
 *
 * @param <R> the provider's {@code SessionRequested} type
 */
public interface SessionRules<R> {

    /** The topic this provider's requests arrive on, keyed by session key. */
    Topic<String, R> requests();

    /** Which session and which request (for de-duplication) a request is. */
    RequestIdentity identify(R request);

    /**
     * Decides a request seen for the first time.
     *
     * @param existing the session's latest {@code SessionCreated} or {@code SessionResumed} event, or
     *                 null when the session key has no session
     * @return the events to write, the answer to the request first ({@code SessionCreated},
     *         {@code SessionResumed} or {@code SessionRejected}); {@link SessionRequestProcessor}
     *         stamps request key and fingerprint on each
     */
    List<SessionEvent> decide(R request, SessionEvent existing, CatalogView catalog, Instant now);

    /**
     * @param sessionKey  the Kafka key of the request and of its session's events
     * @param requestKey  the request's idempotency identity (the session key when it has none of its own)
     * @param fingerprint SHA-256 of the request as the API understood it
     */
    record RequestIdentity(String sessionKey, String requestKey, String fingerprint) {
    }
}
