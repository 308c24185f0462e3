package io.sessionflow.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;

/**
 * A session's state is its latest {@code SessionCreated} or {@code SessionResumed} event (as the
 * processor's and the projections' session stores keep it, {@link #kept}). Reads and changes of
 * that state, in one place for every provider.
 */
public final class SessionStates {

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

    /** How long the session may stay unused before it expires, for the providers that have such a timeout. */
    public static Optional<Duration> idleTimeout(SessionEvent event) {
        Object details = event.getPayload() instanceof SessionCreated created
                ? created.getDetails()
                : event.getPayload() instanceof SessionResumed resumed ? resumed.getDetails() : null;
        return details instanceof ZenskarSessionDetails zenskar
                ? Optional.of(Duration.ofSeconds(zenskar.getIdleTimeoutSeconds()))
                : Optional.empty();
    }

    /**
     * The state as the session stores keep it: the event without what only the answer to its
     * request needed. A chat session's intents and quick questions are the widget's catalog data
     * for its first screen, most of the event's bytes, and no later read of the session uses them.
     */
    public static SessionEvent kept(SessionEvent state) {
        if (state.getPayload() instanceof SessionCreated created
                && created.getDetails() instanceof ChatSessionDetails chat
                && !(chat.getIntents().isEmpty() && chat.getQuickQuestions().isEmpty())) {
            // shallow copies: a builder's copy would deep-copy the very lists left out
            SessionCreated lean = new SessionCreated(
                    created.getSessionId(),
                    created.getCreatedAt(),
                    created.getExpiresAt(),
                    new ChatSessionDetails(chat.getWidgetLabel(), chat.getLocale(), List.of(), List.of()));
            SessionEvent copy = new SessionEvent();
            for (int field = 0; field < SessionEvent.SCHEMA$.getFields().size(); field++) {
                copy.put(field, state.get(field));
            }
            copy.setPayload(lean);
            return copy;
        }
        return state;
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
