package io.sessionflow.api.standalone;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import io.sessionflow.api.CatalogFileConfiguration;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.projections.query.InternalCredential;
import io.sessionflow.projections.query.InternalProperties;
import io.sessionflow.projections.query.RemoteSessionQueries;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.kafka.KafkaComponent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * What the API reads when it runs apart from the projections: answers from a projections instance
 * ({@link ProjectionsInstances}, over the internal endpoint with the shared {@link InternalCredential}), and
 * the catalog from its own read-only copy of its compacted topic ({@link CompactedTopicReplica}), read as the
 * API's principal, and whatever a provider's {@link StandaloneProviderApi} configuration adds (its own topics'
 * copies). It holds no Streams app and no state store.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
        basePackages = "io.sessionflow.api",
        useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = StandaloneProviderApi.class))
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

    /**
     * Holds the end of start-up, and so readiness, until every copy (the catalog's, and any provider's own) has
     * caught up: an instance that took traffic before would answer its retryable error to every call that needs
     * the catalog (a rolling restart would fail requests), and could miss a provider's record.
     */
    @Bean
    public ApplicationRunner replicasCaughtUp(List<CompactedTopicReplica<?>> replicas) {
        return args -> {
            for (CompactedTopicReplica<?> replica : replicas) {
                replica.awaitReady();
            }
        };
    }
}
