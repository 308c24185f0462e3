package io.sessionflow.schemas;

import java.util.Map;

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

    private static final Map<Class<?>, SessionEventKind> KINDS = Map.of(
            SessionCreated.class, SessionEventKind.SESSION_CREATED,
            SessionRejected.class, SessionEventKind.SESSION_REJECTED,
            SessionExpired.class, SessionEventKind.SESSION_EXPIRED,
            SessionExtended.class, SessionEventKind.SESSION_EXTENDED,
            SessionResumed.class, SessionEventKind.SESSION_RESUMED,
            EngagementAvailable.class, SessionEventKind.ENGAGEMENT_AVAILABLE,
            ImpressionRecorded.class, SessionEventKind.IMPRESSION_RECORDED);

    private SessionEventKinds() {}

    /** The kind that goes with a payload record. */
    public static SessionEventKind of(Object payload) {
        SessionEventKind kind = payload == null ? null : KINDS.get(payload.getClass());
        if (kind == null) {
            throw new IllegalArgumentException("No kind for a payload of type "
                    + (payload == null ? "null" : payload.getClass().getName()));
        }
        return kind;
    }

    /** The event with the kind of its payload (the same instance, set in place: events are built per write). */
    public static SessionEvent stamped(SessionEvent event) {
        event.setKind(of(event.getPayload()));
        return event;
    }
}
