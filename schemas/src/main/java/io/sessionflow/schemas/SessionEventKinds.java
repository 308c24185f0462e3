package io.sessionflow.schemas;

import io.sessionflow.schemas.events.EngagementAvailable;
import io.sessionflow.schemas.events.ImpressionRecorded;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.events.SessionResumed;

/**
 * The {@code kind} of a session event, which says what its payload means to readers that see only field
 * names and values (generic Avro decoders, JSON converters): {@code SessionCreated} and {@code SessionResumed}
 * have the same fields, and so do {@code SessionExpired} and {@code SessionExtended}. The processor stamps it
 * on every event it writes; events written before it existed read {@code UNKNOWN}.
 */
public final class SessionEventKinds {

    private SessionEventKinds() {}

    /** The kind that goes with a payload record. */
    public static SessionEventKind of(Object payload) {
        if (payload instanceof SessionCreated) {
            return SessionEventKind.SESSION_CREATED;
        }
        if (payload instanceof SessionRejected) {
            return SessionEventKind.SESSION_REJECTED;
        }
        if (payload instanceof SessionExpired) {
            return SessionEventKind.SESSION_EXPIRED;
        }
        if (payload instanceof SessionExtended) {
            return SessionEventKind.SESSION_EXTENDED;
        }
        if (payload instanceof SessionResumed) {
            return SessionEventKind.SESSION_RESUMED;
        }
        if (payload instanceof EngagementAvailable) {
            return SessionEventKind.ENGAGEMENT_AVAILABLE;
        }
        if (payload instanceof ImpressionRecorded) {
            return SessionEventKind.IMPRESSION_RECORDED;
        }
        throw new IllegalArgumentException("No kind for a payload of type "
                + (payload == null ? "null" : payload.getClass().getName()));
    }

    /** The event with the kind of its payload (the same instance, set in place: events are built per write). */
    public static SessionEvent stamped(SessionEvent event) {
        event.setKind(of(event.getPayload()));
        return event;
    }
}
