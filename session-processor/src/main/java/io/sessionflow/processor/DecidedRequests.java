package io.sessionflow.processor;

import java.time.Duration;
import java.time.Instant;

import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Which requests were decided within the request retention, so that a replay is dropped. A request
 * key is remembered in one place at a time:
 * <ul>
 *   <li>the session's own state in {@value SessionProcessorTopology#SESSIONS_STORE}: the state carries
 *   the request key and decision time ({@code occurredAt}) of the request that made it, so a created
 *   session costs no write of its own for its key;</li>
 *   <li>{@value SessionProcessorTopology#REQUEST_KEYS_STORE}, a window store by decision time whose
 *   retention is the request retention: the keys of requests that made no state (rejections), and
 *   a state's key when the state leaves (expiry) or is replaced by another request's. Its segments
 *   are dropped as time passes, so forgetting costs no write either;</li>
 *   <li>{@value SessionProcessorTopology#LEGACY_REQUESTS_STORE}: keys decided before this layout,
 *   read until the old deadline entries have forgotten them all (one retention after the upgrade).</li>
 * </ul>
 */
final class DecidedRequests {

    private final WindowStore<String, Long> keys;
    private final KeyValueStore<String, Long> legacy;
    private final Duration retention;

    DecidedRequests(WindowStore<String, Long> keys, KeyValueStore<String, Long> legacy, Duration retention) {
        this.keys = keys;
        this.legacy = legacy;
        this.retention = retention;
    }

    /** The id a request is remembered by: per session, as the projections keep answers. */
    static String requestId(String sessionKey, String requestKey) {
        return sessionKey + "/" + requestKey;
    }

    /** @param state the session's current state, or null */
    boolean decided(String sessionKey, String requestKey, SessionEvent state, Instant now) {
        if (state != null && requestKey.equals(state.getRequestKey()) && remembered(state.getOccurredAt(), now)) {
            return true;
        }
        String id = requestId(sessionKey, requestKey);
        long from = now.minus(retention).toEpochMilli() + 1;
        try (WindowStoreIterator<Long> found = keys.fetch(id, from, Long.MAX_VALUE)) {
            if (found.hasNext()) {
                return true;
            }
        }
        return legacy.get(id) != null;
    }

    /** Remembers a request that left no state (or whose state is about to leave), decided at {@code decidedAt}. */
    void remember(String sessionKey, String requestKey, Instant decidedAt) {
        keys.put(requestId(sessionKey, requestKey), decidedAt.toEpochMilli(), decidedAt.toEpochMilli());
    }

    /** Moves the key a state remembers into the window store, as the state leaves or is replaced. */
    void stateLeaves(String sessionKey, SessionEvent state, Instant now) {
        if (state.getRequestKey() != null && remembered(state.getOccurredAt(), now)) {
            remember(sessionKey, state.getRequestKey(), state.getOccurredAt());
        }
    }

    private boolean remembered(Instant decidedAt, Instant now) {
        return decidedAt.plus(retention).isAfter(now);
    }
}
