package io.sessionflow.runtime;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.sessionflow.schemas.WireFormat;
import io.sessionflow.schemas.kafka.KafkaComponent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import io.sessionflow.schemas.kafka.TopicProvisioner;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The {@link KafkaSettings} every app builds the same way: the data directory made private first (it holds
 * Streams state), each component's client properties over every client's, the sessionflow topics
 * created when missing and, with a schema registry, the topics' value schemas registered there
 * ({@link WireFormat}), before any client starts.
 */
public final class KafkaConnection {

    private KafkaConnection() {}

    /**
     * @param servers the bootstrap servers
     * @param base    each component's client properties below the configured ones (the embedded broker's
     *                credentials for its users), none for a cluster
     */
    public static KafkaSettings settings(
            KafkaProperties kafka,
            SchemaRegistryProperties registry,
            String servers,
            Function<KafkaComponent, Map<String, String>> base,
            Path dataDir) {
        PrivateDataDirectory.prepare(dataDir);
        Map<KafkaComponent, Map<String, String>> components = new EnumMap<>(KafkaComponent.class);
        for (KafkaComponent component : KafkaComponent.values()) {
            Map<String, String> client = new HashMap<>(defaults(component));
            client.putAll(base.apply(component));
            client.putAll(kafka.client(component));
            components.put(component, client);
        }
        KafkaSettings settings = new KafkaSettings(
                servers,
                kafka.partitions(),
                kafka.replicationFactor(),
                kafka.commitInterval(),
                kafka.stateDir(),
                kafka.client(),
                components,
                kafka.sessionTimeout());
        TopicProvisioner.ensureTopics(settings);
        if (registry != null && registry.namesRegistry()) {
            WireFormat.useSchemaRegistry(registry.url(), registry.timeouts());
        } else {
            WireFormat.useSingleObjectEncoding();
        }
        return settings;
    }

    /**
     * The processor keeps a standby copy of each task's stores on another instance (where there is one: a single
     * instance gets none): an instance that stops hands its tasks to one that holds them warm. Without it, the
     * new owner restores them from the changelogs first (from scratch when its old copy lacks an exactly-once
     * checkpoint), and the creates on those partitions waited through the restore of a rolling restart.
     */
    private static Map<String, String> defaults(KafkaComponent component) {
        return component == KafkaComponent.PROCESSOR
                ? Map.of(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1")
                : Map.of();
    }
}
