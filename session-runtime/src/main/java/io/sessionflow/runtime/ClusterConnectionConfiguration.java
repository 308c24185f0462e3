package io.sessionflow.runtime;

import java.nio.file.Path;
import java.util.Map;

import io.sessionflow.schemas.kafka.KafkaSettings;
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
@EnableConfigurationProperties({KafkaProperties.class, SchemaRegistryProperties.class})
public class ClusterConnectionConfiguration {

    @Bean
    public KafkaSettings kafkaSettings(
            KafkaProperties kafka,
            SchemaRegistryProperties registry,
            @Value("${sessionflow.data-dir:data}") Path dataDir) {
        if (!kafka.namesCluster()) {
            throw new MissingBootstrapServersException();
        }
        return KafkaConnection.settings(kafka, registry, kafka.bootstrapServers(), component -> Map.of(), dataDir);
    }
}
