package io.sessionflow.schemas;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionflow.schemas.registry.RegistryTimeouts;
import io.sessionflow.schemas.registry.SchemaRegistryCodec;
import org.apache.avro.specific.SpecificRecord;

/**
 * How this JVM writes every topic value ({@link AvroSerde}): Avro single-object encoding, the default, which needs
 * nothing but this jar; or, once {@link #useSchemaRegistry} was called at start, Confluent wire format with the ids a
 * schema registry gave the topics' schemas. One choice for the whole JVM, made before any Kafka client starts, as a
 * deployment writes one format. Reads take either format, whichever a record is in, so a topic written in one and
 * then the other stays readable.
 */
public final class WireFormat {

    private static volatile SchemaRegistryCodec registry;

    private WireFormat() {}

    /**
     * Registers every topic's value schema at the registry (see {@link SchemaRegistryCodec#register}) and writes
     * Confluent wire format from now on.
     */
    public static SchemaRegistryCodec useSchemaRegistry(String url, RegistryTimeouts timeouts) {
        SchemaRegistryCodec codec = SchemaRegistryCodec.register(url, timeouts, valueTypes());
        registry = codec;
        return codec;
    }

    /** Back to the default, single-object encoding (tests). */
    public static void useSingleObjectEncoding() {
        registry = null;
    }

    /** The registry values are written through, or null for single-object encoding. */
    public static SchemaRegistryCodec registry() {
        return registry;
    }

    /** The Avro value type of every topic that has one, by topic name. */
    public static Map<String, Class<? extends SpecificRecord>> valueTypes() {
        Map<String, Class<? extends SpecificRecord>> types = new LinkedHashMap<>();
        for (Topic<?, ?> topic : Topics.ALL) {
            if (topic.valueSerde() instanceof AvroSerde<?> serde) {
                types.put(topic.name(), serde.type());
            }
        }
        return types;
    }
}
