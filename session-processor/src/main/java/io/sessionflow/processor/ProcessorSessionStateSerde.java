package io.sessionflow.processor;

import java.io.IOException;
import java.util.List;

import io.sessionflow.schemas.AvroBinary;
import io.sessionflow.schemas.GeneratedTypes;
import io.sessionflow.schemas.ReleasedSchemas;
import io.sessionflow.schemas.SpecificRecordWriter;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.state.ProcessorSessionState;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value format of {@value SessionProcessorTopology#SESSIONS_STORE} (and its changelog, a store's own data, not
 * a topic of the contract): one version byte {@code N}, then the Avro binary of {@link ProcessorSessionState} in its
 * released schema {@code vN} ({@link ReleasedSchemas}; today 1), with no schema registry in any wire format. Values
 * written before this format (a whole session event in the session-events topic's format: first byte {@code 0xC3},
 * or {@code 0x00} with a schema registry) are still read, so an upgraded processor keeps its stores and changelogs;
 * they are rewritten in this format the next time their session changes.
 */
final class ProcessorSessionStateSerde implements Serde<ProcessorSessionState> {

    private static final Schema CURRENT = ProcessorSessionState.getClassSchema();
    private static final List<Schema> RELEASED = ReleasedSchemas.of(CURRENT.getFullName());
    private static final byte[] PREFIX = {(byte) RELEASED.size()};
    private static final SpecificData MODEL = GeneratedTypes.model(ProcessorSessionState.class);
    private static final SpecificRecordWriter<ProcessorSessionState> WRITER =
            new SpecificRecordWriter<>(CURRENT, MODEL);
    private static final List<SpecificDatumReader<ProcessorSessionState>> READERS = RELEASED.stream()
            .map(released -> new SpecificDatumReader<ProcessorSessionState>(released, CURRENT, MODEL))
            .toList();
    private static final Deserializer<SessionEvent> OLD_FORMAT =
            Topics.SESSION_EVENTS.valueSerde().deserializer();

    static {
        if (RELEASED.isEmpty()
                || SchemaNormalization.parsingFingerprint64(RELEASED.get(RELEASED.size() - 1))
                        != SchemaNormalization.parsingFingerprint64(CURRENT)) {
            throw new IllegalStateException(CURRENT.getFullName() + " changed: release it as the next version");
        }
    }

    static byte[] encode(ProcessorSessionState state) {
        return AvroBinary.write(PREFIX, WRITER, state, 128);
    }

    static ProcessorSessionState decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("An empty session state");
        }
        int version = bytes[0];
        if (version < 1 || version > READERS.size()) {
            return SessionStateStore.compact(null, OLD_FORMAT.deserialize(Topics.SESSION_EVENTS.name(), bytes));
        }
        try {
            return AvroBinary.read(bytes, 1, READERS.get(version - 1));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a session state of format " + version + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<ProcessorSessionState> serializer() {
        return (topic, state) -> state == null ? null : encode(state);
    }

    @Override
    public Deserializer<ProcessorSessionState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
