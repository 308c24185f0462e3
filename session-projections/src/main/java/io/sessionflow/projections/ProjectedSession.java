package io.sessionflow.projections;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import io.sessionflow.schemas.SessionStates;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A live session as {@value SessionProjectionTopology#SESSIONS_STORE} keeps it, one entry per session:
 * the event that made its current state ({@code SessionCreated} or {@code SessionResumed}), as it
 * arrived, which is also the answer to that event's request, and the expiry a later
 * {@code SessionExtended} moved it to. So a created session is one write for both its answer and
 * its state. Entries written before this layout held the state alone ({@link #answers} false):
 * they are read as they are, and their answers are in the old outcomes store.
 *
 * <p>Stored as one format byte, then for {@code 1} (answer) or {@code 2} (state only) the extended
 * expiry in epoch millis ({@code -1}: none) and the event's bytes; an old entry is the event's bytes
 * alone (Avro single-object encoding, first byte {@code 0xC3}).
 *
 * @param event      the event as it arrived on session-events
 * @param extendedTo the expiry since the latest {@code SessionExtended}, or null
 * @param answers    whether {@code event} is the answer to its request
 */
public record ProjectedSession(EncodedSessionEvent event, Instant extendedTo, boolean answers) {

    private static final byte ANSWER = 1;
    private static final byte STATE_ONLY = 2;
    private static final int HEADER = 1 + Long.BYTES;

    public static final Serde<ProjectedSession> SERDE = Serdes.serdeFrom(
            (topic, value) -> value == null ? null : value.bytes(),
            (topic, bytes) -> bytes == null ? null : decode(bytes));

    /** A session whose state the event (its request's answer) just made. */
    public static ProjectedSession of(EncodedSessionEvent answer) {
        return new ProjectedSession(answer, null, true);
    }

    public ProjectedSession withExpiry(Instant expiresAt) {
        return new ProjectedSession(event, expiresAt, answers);
    }

    /** The session's state, as reads by session key answer it ({@link SessionStates#kept}, with its current expiry). */
    public EncodedSessionEvent state() {
        SessionEvent kept = SessionStates.kept(event.event());
        if (extendedTo != null) {
            kept = SessionStates.withExpiry(kept, extendedTo);
        }
        return kept == event.event() ? event : EncodedSessionEvent.encode(kept);
    }

    /** The key of the request this entry answers ({@link SessionProjectionTopology#outcomeKey}), or null. */
    public String outcomeKey(String sessionKey) {
        return answers ? SessionProjectionTopology.outcomeKey(sessionKey, event.requestKey()) : null;
    }

    private byte[] bytes() {
        byte[] eventBytes = event.bytes();
        return ByteBuffer.allocate(HEADER + eventBytes.length)
                .put(answers ? ANSWER : STATE_ONLY)
                .putLong(extendedTo == null ? -1 : extendedTo.toEpochMilli())
                .put(eventBytes)
                .array();
    }

    private static ProjectedSession decode(byte[] bytes) {
        if (bytes.length > 0 && (bytes[0] == ANSWER || bytes[0] == STATE_ONLY)) {
            long extended = ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
            return new ProjectedSession(
                    EncodedSessionEvent.decode(Arrays.copyOfRange(bytes, HEADER, bytes.length)),
                    extended < 0 ? null : Instant.ofEpochMilli(extended),
                    bytes[0] == ANSWER);
        }
        return new ProjectedSession(EncodedSessionEvent.decode(bytes), null, false);
    }
}
