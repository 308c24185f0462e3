package io.sessionflow.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;

/**
 * A session's state is its latest {@code SessionCreated} or {@code SessionResumed} event (as the
 * processor's and the projections' session stores keep it, {@link #kept}). Reads and changes of
 * that state, in one place for every provider. What a provider's details record means to them, its
 * schema says by field properties ({@value #IDLE_TIMEOUT_SECONDS}, {@value #ANSWER_ONLY}), so that
 * no code here knows a provider.
 */
public final class SessionStates {

    /**
     * Field property ({@code true}) of an {@code int} field of a details record: the session's idle timeout in
     * seconds. A use of the session ({@code sessionflow.session-activity}) extends it by that much.
     */
    public static final String IDLE_TIMEOUT_SECONDS = "sessionflow.idle-timeout-seconds";

    /**
     * Field property ({@code true}) of an array or map field of a details record: only the answer to the
     * request that made the state needs it, so the session stores keep it empty ({@link #kept}).
     */
    public static final String ANSWER_ONLY = "sessionflow.answer-only";

    private SessionStates() {}

    /** Whether the event is a session state at all. */
    public static boolean isState(SessionEvent event) {
        return event.getPayload() instanceof SessionCreated || event.getPayload() instanceof SessionResumed;
    }

    /** @return the expiry of a session state, or null when the event is none */
    public static Instant expiresAt(SessionEvent event) {
        if (event.getPayload() instanceof SessionCreated created) {
            return created.getExpiresAt();
        }
        if (event.getPayload() instanceof SessionResumed resumed) {
            return resumed.getExpiresAt();
        }
        return null;
    }

    /** @return the provider-facing session id of a session state, or null when the event is none */
    public static String sessionId(SessionEvent event) {
        if (event.getPayload() instanceof SessionCreated created) {
            return created.getSessionId();
        }
        if (event.getPayload() instanceof SessionResumed resumed) {
            return resumed.getSessionId();
        }
        return null;
    }

    /** @return when the session was created, or null when the event is no session state */
    public static Instant createdAt(SessionEvent event) {
        if (event.getPayload() instanceof SessionCreated created) {
            return created.getCreatedAt();
        }
        if (event.getPayload() instanceof SessionResumed resumed) {
            return resumed.getCreatedAt();
        }
        return null;
    }

    /** How long the session may stay unused before it expires: its details' {@value #IDLE_TIMEOUT_SECONDS} field. */
    public static Optional<Duration> idleTimeout(SessionEvent event) {
        Object details = details(event);
        return details == null ? Optional.empty() : DetailsFields.of(details).idleTimeout(details);
    }

    /**
     * The state as the session stores keep it: the event without what only the answer to its
     * request needed, its details' {@value #ANSWER_ONLY} fields left empty (often most of the event's
     * bytes, which no later read of the session uses). The same event when it has nothing to leave out.
     */
    public static SessionEvent kept(SessionEvent state) {
        Object details = details(state);
        Object lean = details == null ? null : DetailsFields.of(details).lean(details);
        if (lean == details) {
            return state;
        }
        // shallow copies: a builder's copy would deep-copy the very lists left out
        SessionEvent copy = new SessionEvent();
        for (int field = 0; field < SessionEvent.SCHEMA$.getFields().size(); field++) {
            copy.put(field, state.get(field));
        }
        copy.setPayload(
                state.getPayload() instanceof SessionCreated created
                        ? new SessionCreated(
                                created.getSessionId(), created.getCreatedAt(), created.getExpiresAt(), lean)
                        : withDetails((SessionResumed) state.getPayload(), lean));
        return copy;
    }

    private static SessionResumed withDetails(SessionResumed resumed, Object details) {
        return new SessionResumed(resumed.getSessionId(), resumed.getCreatedAt(), resumed.getExpiresAt(), details);
    }

    /** @return a session state's provider details, or null when the event is none */
    private static Object details(SessionEvent event) {
        if (event.getPayload() instanceof SessionCreated created) {
            return created.getDetails();
        }
        if (event.getPayload() instanceof SessionResumed resumed) {
            return resumed.getDetails();
        }
        return null;
    }

    /** A copy of a session state with another expiry. */
    public static SessionEvent withExpiry(SessionEvent state, Instant expiresAt) {
        SessionEvent copy = SessionEvent.newBuilder(state).build();
        if (copy.getPayload() instanceof SessionCreated created) {
            copy.setPayload(
                    SessionCreated.newBuilder(created).setExpiresAt(expiresAt).build());
        } else if (copy.getPayload() instanceof SessionResumed resumed) {
            copy.setPayload(
                    SessionResumed.newBuilder(resumed).setExpiresAt(expiresAt).build());
        } else {
            throw new IllegalArgumentException(
                    "Not a session state: " + state.getPayload().getClass().getSimpleName());
        }
        return copy;
    }
}
