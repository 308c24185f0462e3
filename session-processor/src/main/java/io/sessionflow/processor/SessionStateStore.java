package io.sessionflow.processor;

import io.sessionflow.schemas.SessionStates;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.state.ProcessorSessionState;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The session states of {@value SessionProcessorTopology#SESSIONS_STORE}, as the processor's code sees them (a
 * {@code SessionCreated} or {@code SessionResumed} event, {@link SessionStates#kept}) and as the store keeps them
 * ({@link ProcessorSessionState}, in {@link ProcessorSessionStateSerde}'s format): only what the processor reads
 * back. The session key is the store key, so it is not stored again, nor a request key equal to it; the event id
 * and request fingerprint are not stored at all (the identical answer to a retried request is the projections'
 * stored event, never this state).
 */
final class SessionStateStore {

    private final KeyValueStore<String, ProcessorSessionState> store;

    SessionStateStore(KeyValueStore<String, ProcessorSessionState> store) {
        this.store = store;
    }

    /** @return the session's state, or null */
    SessionEvent get(String sessionKey) {
        ProcessorSessionState state = store.get(sessionKey);
        return state == null ? null : event(sessionKey, state);
    }

    void put(String sessionKey, SessionEvent state) {
        store.put(sessionKey, compact(sessionKey, state));
    }

    void delete(String sessionKey) {
        store.delete(sessionKey);
    }

    /** @param sessionKey the store key, or null when unknown (then the request key is kept whatever it is) */
    static ProcessorSessionState compact(String sessionKey, SessionEvent state) {
        String requestKey = state.getRequestKey();
        Object lean = SessionStates.kept(state).getPayload();
        return ProcessorSessionState.newBuilder()
                .setProvider(state.getProvider())
                .setTenantId(state.getTenantId())
                .setOccurredAt(state.getOccurredAt())
                .setRequestKey(requestKey != null && requestKey.equals(sessionKey) ? null : requestKey)
                .setResumed(state.getPayload() instanceof SessionResumed)
                .setSessionId(SessionStates.sessionId(state))
                .setCreatedAt(SessionStates.createdAt(state))
                .setExpiresAt(SessionStates.expiresAt(state))
                .setDetails(
                        lean instanceof SessionCreated created
                                ? created.getDetails()
                                : ((SessionResumed) lean).getDetails())
                .build();
    }

    /** The state as an event of the session: no event id (empty) and no fingerprint, which nothing reads back. */
    static SessionEvent event(String sessionKey, ProcessorSessionState state) {
        return SessionEvent.newBuilder()
                .setEventId("")
                .setKind(state.getResumed() ? SessionEventKind.SESSION_RESUMED : SessionEventKind.SESSION_CREATED)
                .setSessionKey(sessionKey)
                .setProvider(state.getProvider())
                .setTenantId(state.getTenantId())
                .setOccurredAt(state.getOccurredAt())
                .setRequestKey(state.getRequestKey() == null ? sessionKey : state.getRequestKey())
                .setPayload(
                        state.getResumed()
                                ? new SessionResumed(
                                        state.getSessionId(),
                                        state.getCreatedAt(),
                                        state.getExpiresAt(),
                                        state.getDetails())
                                : new SessionCreated(
                                        state.getSessionId(),
                                        state.getCreatedAt(),
                                        state.getExpiresAt(),
                                        state.getDetails()))
                .build();
    }
}
