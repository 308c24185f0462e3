package io.sessionflow.api.algoreg;

import java.util.Optional;

import io.sessionflow.api.standalone.CompactedTopicReplica;
import io.sessionflow.api.standalone.StandaloneProviderApi;
import io.sessionflow.projections.algoreg.AlgoregCustomerReferences;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import io.sessionflow.schemas.kafka.KafkaComponent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The standalone API's Algoreg customer references: its own read-only copy of their compacted topic, read
 * as the API's principal (in the all-in-one app the projections' store answers).
 */
@StandaloneProviderApi
@Configuration(proxyBeanMethods = false)
public class AlgoregStandaloneConfiguration {

    @Bean(destroyMethod = "close")
    public CompactedTopicReplica<AlgoregCustomerReference> customerReferencesReplica(KafkaSettings kafka) {
        return new CompactedTopicReplica<>(Topics.ALGOREG_CUSTOMER_REFERENCES, kafka.forComponent(KafkaComponent.API))
                .start();
    }

    @Bean
    public AlgoregCustomerReferences algoregCustomerReferences(
            CompactedTopicReplica<AlgoregCustomerReference> customerReferencesReplica) {
        return AlgoregCustomerReferences.of(sessionKey ->
                customerReferencesReplica.ready() ? customerReferencesReplica.get(sessionKey) : Optional.empty());
    }
}
