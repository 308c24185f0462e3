package io.sessionflow.projections.query;

import io.sessionflow.projections.EncodedSessionEvent;
import io.sessionflow.schemas.events.SessionEvent;

/** What a query for a session key found within its wait. */
public sealed interface SessionLookup {

    /** The latest outcome stored for the key. */
    record Found(EncodedSessionEvent stored) implements SessionLookup {

        public SessionEvent event() {
            return stored.event();
        }
    }

    /** Nothing is stored for the key (yet). */
    record NotFound() implements SessionLookup {}

    /** No instance could answer for the key: the store is rebalancing, starting, or its owner is unreachable. */
    record Unavailable(String reason) implements SessionLookup {}
}
