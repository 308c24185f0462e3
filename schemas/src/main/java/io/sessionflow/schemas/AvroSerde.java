package io.sessionflow.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import io.sessionflow.schemas.registry.SchemaRegistryCodec;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One generated record type's values, in the JVM's {@link WireFormat}: by default Avro single-object encoding
 * (two marker bytes, the writer schema's 64-bit fingerprint, then Avro binary), for which no schema registry is
 * needed: the decoder knows every released schema of the type ({@link ReleasedSchemas}) and resolves old records
 * to the current one. With a schema registry, Confluent wire format ({@link SchemaRegistryCodec}). Either format
 * is read, told apart by its first byte. Thread-safe: Avro's message encoder and decoder keep their buffers per
 * thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    static {
        // Avro resolves record classes by name while decoding; trust only our generated types.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> type.getName().startsWith("io.sessionflow.schemas.")));
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    /** Decoded values by their bytes, when the serde shares decodes ({@link #sharingDecodes}); else null. */
    private final ConcurrentHashMap<ByteBuffer, T> decoded;

    private final int maxDecoded;

    private AvroSerde(Class<T> type, int maxDecoded) {
        this.type = type;
        this.maxDecoded = maxDecoded;
        this.decoded = maxDecoded > 0 ? new ConcurrentHashMap<>() : null;
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, current);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        for (Schema released : ReleasedSchemas.of(current.getFullName())) {
            decoder.addSchema(released);
        }
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type, 0);
    }

    /**
     * A serde that decodes each distinct content once and then hands out the same instance: for
     * reference data read far more often than it changes (the catalog, which every request reads).
     * The instances are shared between threads, so nobody may modify them. When more than
     * {@code maxDecoded} contents are remembered, they are all forgotten.
     */
    public static <T extends SpecificRecord> AvroSerde<T> sharingDecodes(Class<T> type, int maxDecoded) {
        if (maxDecoded <= 0) {
            throw new IllegalArgumentException("maxDecoded must be positive");
        }
        return new AvroSerde<>(type, maxDecoded);
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T record) {
        SchemaRegistryCodec registry = WireFormat.registry();
        if (registry != null) {
            return registry.encode(record);
        }
        try {
            ByteBuffer buffer = encoder.encode(record);
            return Arrays.copyOfRange(
                    buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.arrayOffset() + buffer.limit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws SerializationException when the bytes are not a record of a known schema of this type */
    public T decode(byte[] bytes) {
        if (decoded == null) {
            return decodeNew(bytes);
        }
        ByteBuffer content = ByteBuffer.wrap(bytes);
        T shared = decoded.get(content);
        if (shared == null) {
            shared = decodeNew(bytes);
            if (decoded.size() >= maxDecoded) {
                decoded.clear();
            }
            decoded.put(content, shared);
        }
        return shared;
    }

    private T decodeNew(byte[] bytes) {
        if (SchemaRegistryCodec.isFramed(bytes)) {
            return decodeFramed(bytes);
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Not a " + type.getSimpleName() + " in Avro single-object encoding: " + e.getMessage(), e);
        }
    }

    private T decodeFramed(byte[] bytes) {
        SchemaRegistryCodec registry = WireFormat.registry();
        if (registry == null) {
            throw new SerializationException("A " + type.getSimpleName() + " in Confluent wire format (schema id "
                    + SchemaRegistryCodec.idIn(bytes) + "), but no schema registry is configured to read it by"
                    + " (sessionflow.schema-registry.url)");
        }
        Object value;
        try {
            value = registry.decode(bytes);
        } catch (RuntimeException e) {
            throw new SerializationException(
                    "Not a " + type.getSimpleName() + " in Confluent wire format (schema id "
                            + SchemaRegistryCodec.idIn(bytes) + " at " + registry.url() + "): " + e.getMessage(),
                    e);
        }
        if (!type.isInstance(value)) {
            throw new SerializationException("Schema id " + SchemaRegistryCodec.idIn(bytes) + " is a "
                    + (value == null ? "null" : value.getClass().getName()) + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : encode(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> data == null ? null : decode(data);
    }
}
