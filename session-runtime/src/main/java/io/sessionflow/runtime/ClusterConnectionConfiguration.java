package io.sessionflow.runtime;

import java.nio.file.Path;
import java.util.Map;

import io.sessionflow.kafka.KafkaSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The standalone apps' Kafka: always a cluster ({@code sessionflow.kafka.bootstrap-servers},
 * {@code KAFKA_BOOTSTRAP_SERVERS}), never an embedded broker, so start-up fails at once, saying what to set,
 * when none is named. Each app then builds only its own component's clients from the settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaProperties.class)
public class ClusterConnectionConfiguration {

    @Bean
    public KafkaSettings kafkaSettings(KafkaProperties kafka, @Value("${sessionflow.data-dir:data}") Path dataDir) {
        if (!kafka.namesCluster()) {
            throw new IllegalStateException("KAFKA_BOOTSTRAP_SERVERS (sessionflow.kafka.bootstrap-servers) is not set:"
                    + " a standalone sessionflow app needs the Kafka cluster's bootstrap servers, e.g."
                    + " KAFKA_BOOTSTRAP_SERVERS=broker-1:9092,broker-2:9092 (only session-app has an embedded broker)");
        }
        return KafkaConnection.settings(kafka, kafka.bootstrapServers(), component -> Map.of(), dataDir);
    }
}
