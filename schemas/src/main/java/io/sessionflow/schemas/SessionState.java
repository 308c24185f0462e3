package io.sessionflow.schemas;

import java.time.Instant;
import java.util.Optional;

import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;

/**
 * A session state ({@link SessionStates}) as answers and reads show it, whichever event holds it: a new
 * session ({@code SessionCreated}) or one continued under its existing id ({@code SessionResumed}), which
 * carry the same fields.
 *
 * @param event   the deciding event (its session key, tenant and provider)
 * @param details the provider's own details record
 */
public record SessionState(SessionEvent event, String sessionId, Instant createdAt, Instant expiresAt, Object details) {

    /** @return the session, or empty when the event is no session state */
    public static Optional<SessionState> of(SessionEvent event) {
        if (event.getPayload() instanceof SessionCreated created) {
            return Optional.of(new SessionState(
                    event,
                    created.getSessionId(),
                    created.getCreatedAt(),
                    created.getExpiresAt(),
                    created.getDetails()));
        }
        if (event.getPayload() instanceof SessionResumed resumed) {
            return Optional.of(new SessionState(
                    event,
                    resumed.getSessionId(),
                    resumed.getCreatedAt(),
                    resumed.getExpiresAt(),
                    resumed.getDetails()));
        }
        return Optional.empty();
    }
}
