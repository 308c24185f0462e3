package io.sessionflow.projections;

import java.time.Instant;
import java.util.function.Function;

import io.sessionflow.schemas.AvroSerde;
import io.sessionflow.schemas.SessionEventKinds;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A session event as the projections keep it: the bytes it arrived as on {@code sessionflow.session-events}, which
 * are stored, and served to other instances, as they are. What the projections decide by, its kind, request key and
 * time, is read when the event is read from the topic or a store (Avro skips the other fields, checking their
 * encoding); the whole event is decoded only when it is asked for, to answer a request or a read. So a backlog of
 * events is stored without building each event's details, which nobody may ever read.
 */
public final class EncodedSessionEvent {

    private static final AvroSerde<SessionEvent> EVENTS = AvroSerde.of(SessionEvent.class);
    private static final Function<byte[], GenericRecord> HEAD = EVENTS.fieldsReader("kind", "requestKey", "occurredAt");

    /** Writes the bytes as they are; reads check them and read the head (and fail as the topic's serde does). */
    public static final Serde<EncodedSessionEvent> SERDE = Serdes.serdeFrom(
            (topic, value) -> value == null ? null : value.bytes(),
            (topic, bytes) -> bytes == null ? null : decode(bytes));

    private final byte[] bytes;
    private final SessionEventKind kind;
    private final String requestKey;
    private final Instant occurredAt;
    private volatile SessionEvent event;

    private EncodedSessionEvent(byte[] bytes, SessionEvent event) {
        this.bytes = bytes;
        this.event = event;
        this.kind = SessionEventKinds.of(event.getPayload());
        this.requestKey = event.getRequestKey();
        this.occurredAt = event.getOccurredAt();
    }

    private EncodedSessionEvent(byte[] bytes, SessionEventKind kind, GenericRecord head) {
        this.bytes = bytes;
        this.kind = kind;
        Object requestKey = head.get("requestKey");
        this.requestKey = requestKey == null ? null : requestKey.toString();
        this.occurredAt = Instant.ofEpochMilli((Long) head.get("occurredAt"));
    }

    /** An event made here, encoded once. */
    public static EncodedSessionEvent encode(SessionEvent event) {
        return new EncodedSessionEvent(EVENTS.encode(event), event);
    }

    /**
     * @throws org.apache.kafka.common.errors.SerializationException when the bytes are not a session event of a known
     *                                                               schema
     */
    public static EncodedSessionEvent decode(byte[] bytes) {
        GenericRecord head = HEAD.apply(bytes);
        SessionEventKind kind = head == null
                ? SessionEventKind.UNKNOWN
                : SessionEventKind.valueOf(head.get("kind").toString());
        if (kind == SessionEventKind.UNKNOWN) {
            // in the Confluent wire format, or written before events had kinds: decoded whole
            return new EncodedSessionEvent(bytes, EVENTS.decode(bytes));
        }
        return new EncodedSessionEvent(bytes, kind, head);
    }

    /** Its Avro single-object encoding, or Confluent wire format, as it arrived (not to be modified). */
    public byte[] bytes() {
        return bytes;
    }

    /** What its payload is: never {@code UNKNOWN}. */
    public SessionEventKind kind() {
        return kind;
    }

    public String requestKey() {
        return requestKey;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    /** The whole event, decoded the first time it is asked for (not to be modified). */
    public SessionEvent event() {
        SessionEvent decoded = event;
        if (decoded == null) {
            decoded = EVENTS.decode(bytes);
            event = decoded;
        }
        return decoded;
    }
}
