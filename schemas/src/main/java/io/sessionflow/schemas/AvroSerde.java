package io.sessionflow.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.sessionflow.schemas.registry.SchemaRegistryCodec;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One generated record type's values, in the JVM's {@link WireFormat}: by default Avro single-object encoding
 * (two marker bytes, the writer schema's 64-bit fingerprint, then Avro binary), for which no schema registry is
 * needed: the decoder knows every released schema of the type ({@link ReleasedSchemas}) and resolves old records
 * to the current one. With a schema registry, Confluent wire format ({@link SchemaRegistryCodec}). Either format
 * is read, told apart by its first byte. Thread-safe: the encoder and the decoder keep their buffers per thread
 * ({@link AvroBinary}).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final DatumWriter<T> writer;
    /** The single-object encoding's header: marker bytes, then the writer schema's fingerprint (little-endian). */
    private final byte[] header;

    /** Each known writer schema (the current one and every released one) by its fingerprint. */
    private final Map<Long, Schema> writerSchemas = new HashMap<>();
    /** A reader of each known writer schema by its fingerprint. */
    private final Map<Long, DatumReader<T>> readers = new HashMap<>();
    /** Decoded values by their bytes, when the serde shares decodes ({@link #sharingDecodes}); else null. */
    private final ConcurrentHashMap<Content, T> decoded;

    private final int maxDecoded;

    private AvroSerde(Class<T> type, int maxDecoded) {
        this.type = type;
        this.maxDecoded = maxDecoded;
        this.decoded = maxDecoded > 0 ? new ConcurrentHashMap<>() : null;
        SpecificData model = GeneratedTypes.model(type);
        Schema current = model.getSchema(type);
        this.writer = new SpecificRecordWriter<>(current, model);
        this.header = ByteBuffer.allocate(2 + Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3)
                .put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(current))
                .array();
        addReader(model, current, current);
        for (Schema released : ReleasedSchemas.of(current.getFullName())) {
            addReader(model, released, current);
        }
    }

    @SuppressWarnings("unchecked")
    private void addReader(SpecificData model, Schema written, Schema current) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(written);
        writerSchemas.put(fingerprint, written);
        readers.put(fingerprint, (DatumReader<T>) model.createDatumReader(written, current));
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
        return AvroBinary.write(header, writer, record, 1024);
    }

    /** @throws SerializationException when the bytes are not a record of a known schema of this type */
    public T decode(byte[] bytes) {
        if (decoded == null) {
            return decodeNew(bytes);
        }
        Content content = new Content(bytes);
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
        return readSingleObject(bytes, readers);
    }

    /**
     * A reader of only some fields of this type, for a caller that needs a few fields of every value: Avro skips the
     * others, which checks their encoding without building them. It reads the single-object encoding of every known
     * schema (a field its writer did not have reads as its default) and answers null for the Confluent wire format,
     * whose values the caller decodes whole.
     *
     * @param names fields of the current schema
     */
    public Function<byte[], GenericRecord> fieldsReader(String... names) {
        Schema current = GeneratedTypes.model(type).getSchema(type);
        Schema fields = Schema.createRecord(
                current.getName(),
                null,
                current.getNamespace(),
                false,
                Arrays.stream(names)
                        .map(name -> new Schema.Field(
                                current.getField(name), current.getField(name).schema()))
                        .toList());
        Map<Long, DatumReader<GenericRecord>> fieldReaders = new HashMap<>();
        writerSchemas.forEach(
                (fingerprint, written) -> fieldReaders.put(fingerprint, new GenericDatumReader<>(written, fields)));
        return bytes -> SchemaRegistryCodec.isFramed(bytes) ? null : readSingleObject(bytes, fieldReaders);
    }

    /** Reads with the reader of the writer schema that the single-object header names. */
    private <R> R readSingleObject(byte[] bytes, Map<Long, DatumReader<R>> byFingerprint) {
        try {
            return AvroBinary.read(bytes, header.length, readerOf(byFingerprint, bytes));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Not a " + type.getSimpleName() + " in Avro single-object encoding: " + e.getMessage(), e);
        }
    }

    private <R> DatumReader<R> readerOf(Map<Long, DatumReader<R>> byFingerprint, byte[] bytes) {
        if (bytes.length < header.length || bytes[0] != header[0] || bytes[1] != header[1]) {
            throw new IllegalArgumentException(
                    bytes.length < header.length
                            ? "not enough header bytes"
                            : String.format("unrecognized header bytes: 0x%02X 0x%02X", bytes[0], bytes[1]));
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        DatumReader<R> reader = byFingerprint.get(fingerprint);
        if (reader == null) {
            throw new IllegalArgumentException("no known schema has the fingerprint " + fingerprint);
        }
        return reader;
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

    /**
     * Bytes as a map key, hashed from their length and at most 64 of them spread over the whole: hashing every byte
     * of a large catalog value on each read cost more than decoding's cache saved. Equal contents compare in full.
     */
    private record Content(byte[] bytes) {

        private static final int SAMPLES = 64;

        @Override
        public int hashCode() {
            int hash = bytes.length;
            int step = Math.max(1, bytes.length / SAMPLES);
            for (int i = bytes.length - 1; i >= 0; i -= step) {
                hash = 31 * hash + bytes[i];
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Content content && Arrays.equals(bytes, content.bytes);
        }
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
