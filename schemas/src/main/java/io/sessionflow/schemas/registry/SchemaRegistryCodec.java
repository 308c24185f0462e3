package io.sessionflow.schemas.registry;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.types.ArtifactType;
import io.sessionflow.schemas.AvroBinary;
import io.sessionflow.schemas.GeneratedTypes;
import io.sessionflow.schemas.SpecificRecordWriter;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Topic values in Confluent wire format: magic byte 0, the writer schema's 4-byte id, then Avro binary. At start
 * ({@link #register}) every topic's current value schema is registered under its TopicNameStrategy subject
 * {@code <topic>-value}; the registry's compatibility rule (BACKWARD) may refuse it, and then nothing starts.
 * Writes frame each value with the id the registry answered for its type, so they never wait on the registry.
 * Reads resolve the writer's schema by the id in the record (Apicurio's deserializer, each id fetched once and
 * kept) and read the value as the current generated class. Every call to the registry is bounded by its
 * {@link RegistryTimeouts} ({@link TimedRegistryHttpClient}).
 *
 * <p>The registry is Apicurio Registry; this talks to it with Apicurio's 2.6 client and serde (its v2 API): the ids
 * are content ids, which are also the ids its Confluent-compatible API ({@code /apis/ccompat/v7}) serves, so
 * Confluent's own clients decode the same records.
 */
public final class SchemaRegistryCodec {

    public static final byte MAGIC_BYTE = 0;
    private static final String GROUP = "default";
    /** Ids never change their schema, nor a schema its id: what is fetched is kept. */
    private static final Duration KEEP_FETCHED = Duration.ofDays(3650);

    private final String url;
    private final Map<String, Writer> writers;
    private final AvroKafkaDeserializer<Object> deserializer;

    /** @param prefix the wire format's header: the magic byte, then the schema id (big-endian) */
    private record Writer(int id, byte[] prefix, SpecificRecordWriter<SpecificRecord> datumWriter) {

        Writer(int id, SpecificRecordWriter<SpecificRecord> datumWriter) {
            this(
                    id,
                    ByteBuffer.allocate(1 + Integer.BYTES)
                            .put(MAGIC_BYTE)
                            .putInt(id)
                            .array(),
                    datumWriter);
        }
    }

    private SchemaRegistryCodec(String url, Map<String, Writer> writers, AvroKafkaDeserializer<Object> deserializer) {
        this.url = url;
        this.writers = writers;
        this.deserializer = deserializer;
    }

    /**
     * Registers every topic's value schema (or finds it registered) and returns the codec that writes with their
     * ids.
     *
     * @param url         the registry's base URL, e.g. {@code http://registry:8080}
     * @param timeouts    each registry call's timeouts and retries, at start and when a read meets an unknown id
     * @param valueTypes  the value type of each topic, by topic name
     * @throws SchemaRegistrationRefusedException when the registry refuses a schema (its compatibility rule)
     * @throws IllegalStateException              when the registry cannot be reached, does not answer within the
     *                                            timeouts, or answers otherwise
     */
    public static SchemaRegistryCodec register(
            String url, RegistryTimeouts timeouts, Map<String, Class<? extends SpecificRecord>> valueTypes) {
        RegistryClient client = RegistryClientFactory.create(new TimedRegistryHttpClient(url, timeouts));
        Map<String, Writer> writers = new HashMap<>();
        for (Map.Entry<String, Class<? extends SpecificRecord>> topic : valueTypes.entrySet()) {
            Class<? extends SpecificRecord> type = topic.getValue();
            SpecificData model = GeneratedTypes.model(type);
            Schema schema = model.getSchema(type);
            int id = register(client, url, subject(topic.getKey()), schema);
            writers.put(schema.getFullName(), new Writer(id, new SpecificRecordWriter<>(schema, model)));
        }
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>(client);
        deserializer.configure(readerConfig(url), false);
        return new SchemaRegistryCodec(url, Map.copyOf(writers), deserializer);
    }

    /** TopicNameStrategy: the subject of a topic's values. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    public String url() {
        return url;
    }

    public byte[] encode(SpecificRecord record) {
        Writer writer = writer(record.getSchema().getFullName());
        return AvroBinary.write(writer.prefix(), writer.datumWriter(), record, 256);
    }

    /** Decodes a value in Confluent wire format into the generated class its writer schema names. */
    public Object decode(byte[] bytes) {
        return deserializer.deserialize("", bytes);
    }

    /** Whether the bytes start as Confluent wire format does (single-object encoding starts with 0xC3 0x01). */
    public static boolean isFramed(byte[] bytes) {
        return bytes.length > 5 && bytes[0] == MAGIC_BYTE;
    }

    /** The schema id of a value in Confluent wire format. */
    public static int idIn(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, Integer.BYTES).getInt();
    }

    private Writer writer(String fullName) {
        Writer writer = writers.get(fullName);
        if (writer == null) {
            throw new IllegalArgumentException(fullName + " is no topic value registered at " + url);
        }
        return writer;
    }

    private static int register(RegistryClient client, String url, String subject, Schema schema) {
        try {
            ArtifactMetaData registered = client.createArtifact(
                    GROUP,
                    subject,
                    null,
                    ArtifactType.AVRO,
                    IfExists.RETURN_OR_UPDATE,
                    true,
                    null,
                    null,
                    new ByteArrayInputStream(schema.toString().getBytes(StandardCharsets.UTF_8)));
            return Math.toIntExact(registered.getContentId());
        } catch (RuleViolationException e) {
            throw new SchemaRegistrationRefusedException(url, subject, schema.getFullName(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "The schema registry at " + url + " did not register " + schema.getFullName() + " under subject "
                            + subject + ": " + describe(e),
                    e);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e
                ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static Map<String, Object> readerConfig(String url) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, url);
        config.put(SerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true);
        config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(SerdeConfig.CHECK_PERIOD_MS, KEEP_FETCHED.toMillis());
        // the transport retries (TimedRegistryHttpClient): retries here too would multiply its bound
        config.put(SerdeConfig.RETRY_COUNT, 0L);
        return config;
    }
}
