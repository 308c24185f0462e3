package io.sessionflow.projections;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads the projections' stores, local or through interactive queries: a request's answer is the
 * session's own entry when that entry answers it ({@link ProjectedSession}), else in
 * {@value SessionProjectionTopology#ANSWERS_STORE}, else (answers stored before that layout) in
 * {@value SessionProjectionTopology#LEGACY_OUTCOMES_STORE}; an answer older than the outcome retention
 * is none, wherever it still lies.
 *
 * @param sessions        {@value SessionProjectionTopology#SESSIONS_STORE}
 * @param answers         {@value SessionProjectionTopology#ANSWERS_STORE}
 * @param legacyOutcomes  {@value SessionProjectionTopology#LEGACY_OUTCOMES_STORE}
 * @param outcomeRetention how long an answer is kept
 */
public record ProjectionReads(
        ReadOnlyKeyValueStore<String, ProjectedSession> sessions,
        ReadOnlyWindowStore<String, EncodedSessionEvent> answers,
        ReadOnlyKeyValueStore<String, EncodedSessionEvent> legacyOutcomes,
        Duration outcomeRetention) {

    /** The answer to request {@code requestKey} of session {@code sessionKey}, or null. */
    public EncodedSessionEvent outcome(String sessionKey, String requestKey, Instant now) {
        String key = SessionProjectionTopology.outcomeKey(sessionKey, requestKey);
        Instant oldest = now.minus(outcomeRetention);
        ProjectedSession session = sessions.get(sessionKey);
        if (session != null
                && key.equals(session.outcomeKey(sessionKey))
                && session.event().occurredAt().isAfter(oldest)) {
            return session.event();
        }
        EncodedSessionEvent latest = null;
        try (WindowStoreIterator<EncodedSessionEvent> found =
                answers.fetch(key, oldest.plusMillis(1), Instant.ofEpochMilli(Long.MAX_VALUE))) {
            while (found.hasNext()) {
                latest = found.next().value;
            }
        }
        return latest != null ? latest : legacyOutcomes.get(key);
    }

    /** The state of session {@code sessionKey}, or null. */
    public EncodedSessionEvent session(String sessionKey) {
        ProjectedSession session = sessions.get(sessionKey);
        return session == null ? null : session.state();
    }
}
