package io.sessionflow.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.kafka.KafkaAcls;
import io.sessionflow.kafka.KafkaComponent;
import io.sessionflow.kafka.KafkaSettings;
import io.sessionflow.kafka.TopicProvisioner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where Kafka is and who each component is on it: the cluster named by
 * {@code sessionflow.kafka.bootstrap-servers} ({@code KAFKA_BOOTSTRAP_SERVERS}), or else the
 * embedded broker, started here before any client. Every client gets {@code sessionflow.kafka.client.*},
 * then its component's {@code sessionflow.kafka.<component>.client.*} (its own principal's
 * credentials on a secured cluster). The embedded broker is secured by default
 * ({@code sessionflow.broker.security=scram}): each component then connects as its own SCRAM user
 * with the ACLs of {@link KafkaAcls}. Either way the sessionflow topics exist once
 * {@link KafkaSettings} does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaConnectionConfiguration.KafkaProperties.class,
        KafkaConnectionConfiguration.BrokerProperties.class})
public class KafkaConnectionConfiguration {

    @ConfigurationProperties("sessionflow.kafka")
    public record KafkaProperties(String bootstrapServers, @DefaultValue("3") int partitions,
                                  @DefaultValue("1") short replicationFactor,
                                  @DefaultValue("100ms") Duration commitInterval,
                                  @DefaultValue("data/streams") String stateDir, Map<String, String> client,
                                  ComponentClient api, ComponentClient processor, ComponentClient projections,
                                  ComponentClient provisioning) {

        Map<String, String> client(KafkaComponent component) {
            ComponentClient own = switch (component) {
                case API -> api;
                case PROCESSOR -> processor;
                case PROJECTIONS -> projections;
                case PROVISIONING -> provisioning;
            };
            return own == null || own.client() == null ? Map.of() : own.client();
        }
    }

    /** {@code sessionflow.kafka.<component>.client.*}: one component's client properties. */
    public record ComponentClient(Map<String, String> client) {
    }

    /** Whether the embedded broker lets in anyone who can reach 127.0.0.1, or only its SCRAM users. */
    public enum BrokerSecurity { NONE, SCRAM }

    /** The embedded broker: its port, where it keeps its log, and whether clients must authenticate. */
    @ConfigurationProperties("sessionflow.broker")
    public record BrokerProperties(@DefaultValue("9092") int port, @DefaultValue("data/kafka") Path dataDir,
                                   @DefaultValue("scram") BrokerSecurity security) {
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnExpression("'${sessionflow.kafka.bootstrap-servers:}'.isBlank()")
    public EmbeddedKafkaBroker embeddedKafkaBroker(BrokerProperties broker, KafkaProperties kafka) {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .port(broker.port())
                .dataDir(broker.dataDir())
                .defaultPartitions(kafka.partitions());
        if (broker.security() == BrokerSecurity.SCRAM) {
            builder.scram(KafkaAcls.defaultUsers(), KafkaAcls.forDefaultUsers());
        }
        EmbeddedKafkaBroker embedded = builder.build();
        embedded.start();
        return embedded;
    }

    @Bean
    public KafkaSettings kafkaSettings(KafkaProperties kafka, ObjectProvider<EmbeddedKafkaBroker> embedded,
                                       @Value("${sessionflow.data-dir:data}") Path dataDir) {
        PrivateDataDirectory.prepare(dataDir);
        EmbeddedKafkaBroker broker = kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()
                ? embedded.getObject() : null;
        String servers = broker != null ? broker.bootstrapServers() : kafka.bootstrapServers();
        Map<KafkaComponent, Map<String, String>> components = new EnumMap<>(KafkaComponent.class);
        for (KafkaComponent component : KafkaComponent.values()) {
            Map<String, String> client = new HashMap<>();
            if (broker != null) {
                client.putAll(broker.clientConfig(component.defaultUser()));
            }
            client.putAll(kafka.client(component));
            components.put(component, client);
        }
        KafkaSettings settings = new KafkaSettings(servers, kafka.partitions(), kafka.replicationFactor(),
                kafka.commitInterval(), kafka.stateDir(), kafka.client(), components);
        TopicProvisioner.ensureTopics(settings);
        return settings;
    }
}
