package io.sessionflow.runtime;

import java.time.Duration;
import java.util.Map;

import io.sessionflow.schemas.kafka.KafkaComponent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sessionflow.kafka}: where the cluster is, how topics are made, and each client's properties: every
 * client gets {@code client.*}, then its component's {@code <component>.client.*} (its own principal's
 * credentials on a secured cluster). {@code session-timeout}: how soon the Streams apps' groups give up on an
 * instance that stopped heartbeating and move its tasks to the others.
 */
@ConfigurationProperties("sessionflow.kafka")
public record KafkaProperties(
        String bootstrapServers,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("data/streams") String stateDir,
        Map<String, String> client,
        ComponentClient api,
        ComponentClient processor,
        ComponentClient projections,
        ComponentClient provisioning,
        @DefaultValue("6s") Duration sessionTimeout) {

    /** {@code sessionflow.kafka.<component>.client.*}: one component's client properties. */
    public record ComponentClient(Map<String, String> client) {}

    public Map<String, String> client(KafkaComponent component) {
        ComponentClient own = switch (component) {
            case API -> api;
            case PROCESSOR -> processor;
            case PROJECTIONS -> projections;
            case PROVISIONING -> provisioning;
        };
        return own == null || own.client() == null ? Map.of() : own.client();
    }

    public boolean namesCluster() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }
}
