package io.sessionflow.api.standalone;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import io.sessionflow.api.CatalogFileConfiguration;
import io.sessionflow.projections.algoreg.AlgoregCustomerReferences;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.projections.query.InternalCredential;
import io.sessionflow.projections.query.InternalProperties;
import io.sessionflow.projections.query.RemoteSessionQueries;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.kafka.KafkaComponent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the API reads when it runs apart from the projections: answers from a projections instance
 * ({@link ProjectionsInstances}, over the internal endpoint with the shared {@link InternalCredential}), and
 * the catalog and the Algoreg customer references from its own read-only copies of their compacted topics
 * ({@link CompactedTopicReplica}), read as the API's principal. It holds no Streams app and no state store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StandaloneApiProperties.class, InternalProperties.class})
public class StandaloneApiConfiguration {

    @Bean(destroyMethod = "shutdown")
    public ExecutorService sessionQueryCompletions() {
        return SessionQueries.completions();
    }

    @Bean
    public InternalCredential internalCredential(InternalProperties internal) {
        return InternalCredential.load(internal);
    }

    @Bean
    public SessionQueries sessionQueries(
            StandaloneApiProperties properties,
            InternalCredential internalCredential,
            ExecutorService sessionQueryCompletions) {
        return new ProjectionsInstances(
                ProjectionsInstances.parse(properties.projections()),
                new RemoteSessionQueries(properties.projectionsConnectTimeout(), internalCredential),
                sessionQueryCompletions);
    }

    /** Started once this instance has loaded the catalog file, so that it is caught up only with the file in it. */
    @Bean(destroyMethod = "close")
    public CompactedTopicReplica<CatalogEntry> catalogReplica(
            KafkaSettings kafka, CatalogFileConfiguration.CatalogFileLoaded loaded) {
        return new CompactedTopicReplica<>(Topics.CATALOG, kafka.forComponent(KafkaComponent.API)).start();
    }

    @Bean
    public CatalogQueries catalogQueries(CompactedTopicReplica<CatalogEntry> catalogReplica) {
        return CatalogQueries.of(new CatalogQueries.Source() {
            @Override
            public Optional<CatalogEntry> get(String catalogKey) {
                ready();
                return catalogReplica.get(catalogKey);
            }

            @Override
            public List<Map.Entry<String, CatalogEntry>> entries(String prefix) {
                ready();
                return catalogReplica.entries(prefix);
            }

            private void ready() {
                if (!catalogReplica.ready()) {
                    throw new CatalogQueries.CatalogUnavailableException(null);
                }
            }
        });
    }

    @Bean(destroyMethod = "close")
    public CompactedTopicReplica<AlgoregCustomerReference> customerReferencesReplica(KafkaSettings kafka) {
        return new CompactedTopicReplica<>(Topics.ALGOREG_CUSTOMER_REFERENCES, kafka.forComponent(KafkaComponent.API))
                .start();
    }

    /**
     * Holds the end of start-up, and so readiness, until both copies have caught up: an instance that took
     * traffic before would answer its retryable error to every call that needs the catalog (a rolling restart
     * would fail requests), and could miss a customer reference.
     */
    @Bean
    public ApplicationRunner replicasCaughtUp(
            CompactedTopicReplica<CatalogEntry> catalogReplica,
            CompactedTopicReplica<AlgoregCustomerReference> references) {
        return args -> {
            catalogReplica.awaitReady();
            references.awaitReady();
        };
    }

    @Bean
    public AlgoregCustomerReferences algoregCustomerReferences(
            CompactedTopicReplica<AlgoregCustomerReference> customerReferencesReplica) {
        return AlgoregCustomerReferences.of(sessionKey ->
                customerReferencesReplica.ready() ? customerReferencesReplica.get(sessionKey) : Optional.empty());
    }
}
