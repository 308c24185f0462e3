package io.sessionflow.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.kafka.KafkaSettings;
import io.sessionflow.kafka.TopicProvisioner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where Kafka is: the cluster named by {@code sessionflow.kafka.bootstrap-servers}
 * ({@code KAFKA_BOOTSTRAP_SERVERS}), or else the embedded broker, started here before any client.
 * Either way the sessionflow topics exist once {@link KafkaSettings} does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaConnectionConfiguration.KafkaProperties.class,
        KafkaConnectionConfiguration.BrokerProperties.class})
public class KafkaConnectionConfiguration {

    @ConfigurationProperties("sessionflow.kafka")
    public record KafkaProperties(String bootstrapServers, @DefaultValue("3") int partitions,
                                  @DefaultValue("1") short replicationFactor,
                                  @DefaultValue("100ms") Duration commitInterval,
                                  @DefaultValue("data/streams") String stateDir, Map<String, String> client) {
    }

    /** The embedded broker: its port and where it keeps its log. */
    @ConfigurationProperties("sessionflow.broker")
    public record BrokerProperties(@DefaultValue("9092") int port, @DefaultValue("data/kafka") Path dataDir) {
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnExpression("'${sessionflow.kafka.bootstrap-servers:}'.isBlank()")
    public EmbeddedKafkaBroker embeddedKafkaBroker(BrokerProperties broker, KafkaProperties kafka) {
        EmbeddedKafkaBroker embedded = EmbeddedKafkaBroker.builder()
                .port(broker.port())
                .dataDir(broker.dataDir())
                .defaultPartitions(kafka.partitions())
                .build();
        embedded.start();
        return embedded;
    }

    @Bean
    public KafkaSettings kafkaSettings(KafkaProperties kafka, ObjectProvider<EmbeddedKafkaBroker> embedded) {
        String servers = kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()
                ? embedded.getObject().bootstrapServers()
                : kafka.bootstrapServers();
        KafkaSettings settings = new KafkaSettings(servers, kafka.partitions(), kafka.replicationFactor(),
                kafka.commitInterval(), kafka.stateDir(), kafka.client());
        TopicProvisioner.ensureTopics(settings);
        return settings;
    }
}
