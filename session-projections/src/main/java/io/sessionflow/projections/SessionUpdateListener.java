package io.sessionflow.projections;

import io.sessionflow.schemas.events.SessionEvent;

/** Told of every update of the sessions-by-key store, on the stream thread: must not block. */
@FunctionalInterface
public interface SessionUpdateListener {

    SessionUpdateListener NONE = (key, event) -> { };

    void sessionUpdated(String sessionKey, SessionEvent event);
}
