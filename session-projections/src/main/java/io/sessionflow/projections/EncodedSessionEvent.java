package io.sessionflow.projections;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A session event beside its encoding on {@code sessionflow.session-events}, as the projections keep
 * events: decoded once when read from the topic, then stored, and served to other instances, as
 * the bytes it arrived as, instead of being encoded again for each store.
 *
 * @param event the decoded event
 * @param bytes its Avro single-object encoding (not to be modified)
 */
public record EncodedSessionEvent(SessionEvent event, byte[] bytes) {

    private static final Serializer<SessionEvent> ENCODER =
            Topics.SESSION_EVENTS.valueSerde().serializer();
    private static final Deserializer<SessionEvent> DECODER =
            Topics.SESSION_EVENTS.valueSerde().deserializer();

    /** Writes the bytes as they are; reads decode them (and fail as the topic's serde does). */
    public static final Serde<EncodedSessionEvent> SERDE = Serdes.serdeFrom(
            (topic, value) -> value == null ? null : value.bytes(),
            (topic, bytes) -> bytes == null ? null : decode(bytes));

    /** An event made here, encoded once. */
    public static EncodedSessionEvent encode(SessionEvent event) {
        return new EncodedSessionEvent(event, ENCODER.serialize(Topics.SESSION_EVENTS.name(), event));
    }

    public static EncodedSessionEvent decode(byte[] bytes) {
        return new EncodedSessionEvent(DECODER.deserialize(Topics.SESSION_EVENTS.name(), bytes), bytes);
    }
}
