package io.sessionflow.app;

import java.nio.file.Path;
import java.util.Map;

import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.runtime.KafkaConnection;
import io.sessionflow.runtime.KafkaProperties;
import io.sessionflow.runtime.PrivateDataDirectory;
import io.sessionflow.runtime.SchemaRegistryProperties;
import io.sessionflow.schemas.kafka.KafkaAcls;
import io.sessionflow.schemas.kafka.KafkaSettings;
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
 * embedded broker, started here before any client; the settings are built as every app builds them
 * ({@link KafkaConnection}). The embedded broker is secured by default
 * ({@code sessionflow.broker.security=scram}): each component then connects as its own SCRAM user
 * with the ACLs of {@link KafkaAcls}. Either way the sessionflow topics exist once
 * {@link KafkaSettings} does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    KafkaProperties.class,
    SchemaRegistryProperties.class,
    KafkaConnectionConfiguration.BrokerProperties.class
})
public class KafkaConnectionConfiguration {

    /** Whether the embedded broker lets in anyone who can reach 127.0.0.1, or only its SCRAM users. */
    public enum BrokerSecurity {
        NONE,
        SCRAM
    }

    /** The embedded broker: its port, where it keeps its log, and whether clients must authenticate. */
    @ConfigurationProperties("sessionflow.broker")
    public record BrokerProperties(
            @DefaultValue("9092") int port,
            @DefaultValue("data/kafka") Path dataDir,
            @DefaultValue("scram") BrokerSecurity security) {}

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
    public KafkaSettings kafkaSettings(
            KafkaProperties kafka,
            SchemaRegistryProperties registry,
            ObjectProvider<EmbeddedKafkaBroker> embedded,
            @Value("${sessionflow.data-dir:data}") Path dataDir) {
        PrivateDataDirectory.prepare(dataDir); // before the embedded broker writes below it
        if (kafka.namesCluster()) {
            return KafkaConnection.settings(kafka, registry, kafka.bootstrapServers(), component -> Map.of(), dataDir);
        }
        EmbeddedKafkaBroker broker = embedded.getObject();
        return KafkaConnection.settings(
                kafka,
                registry,
                broker.bootstrapServers(),
                component -> broker.clientConfig(component.defaultUser()),
                dataDir);
    }
}
