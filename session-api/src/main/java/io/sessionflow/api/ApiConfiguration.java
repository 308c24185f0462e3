package io.sessionflow.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessionflow.api.admin.AdminChanges;
import io.sessionflow.api.admin.AdminProperties;
import io.sessionflow.api.admin.AdminSurface;
import io.sessionflow.api.admin.ApiKeysAdminController;
import io.sessionflow.api.admin.CatalogAdminController;
import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.api.apikeys.ApiKeyIssuer;
import io.sessionflow.api.apikeys.ApiKeyIssuers;
import io.sessionflow.api.apikeys.ApiKeyProperties;
import io.sessionflow.api.catalog.CatalogDocuments;
import io.sessionflow.api.catalog.CatalogPublisher;
import io.sessionflow.api.catalog.CatalogSectionType;
import io.sessionflow.api.introspection.IntrospectionController;
import io.sessionflow.api.introspection.IntrospectionProperties;
import io.sessionflow.api.introspection.IntrospectionSurface;
import io.sessionflow.api.introspection.SessionIntrospection;
import io.sessionflow.api.limits.LimitsConfiguration;
import io.sessionflow.api.limits.TenantLimits;
import io.sessionflow.api.openapi.ApiDescriptionsConfiguration;
import io.sessionflow.api.tokens.SessionTokens;
import io.sessionflow.api.tokens.TokenKeyring;
import io.sessionflow.api.tokens.TokenProperties;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.runtime.availability.WarmUpPhase;
import io.sessionflow.runtime.shutdown.ShutdownDrain;
import io.sessionflow.runtime.shutdown.ShutdownDrainConfiguration;
import io.sessionflow.schemas.kafka.KafkaComponent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import io.sessionflow.schemas.secrets.BearerCredential;
import io.sessionflow.schemas.secrets.Keyring;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP facade: what the provider surfaces publish with and sign with, their error answers, limits and
 * API descriptions, the admin API and introspection. Each provider's own beans are its {@link ProviderApi}
 * configuration, found by scanning this package's subpackages.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
        basePackageClasses = ApiConfiguration.class,
        useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = ProviderApi.class))
@EnableConfigurationProperties({
    ApiProperties.class,
    AdmissionProperties.class,
    TokenProperties.class,
    IdProperties.class,
    AdminProperties.class,
    IntrospectionProperties.class,
    ApiKeyProperties.class
})
@Import({
    CatalogAdminController.class,
    ApiKeysAdminController.class,
    IntrospectionController.class,
    ApiDescriptionsConfiguration.class,
    SurfaceErrorController.class,
    SurfaceNegotiation.class,
    LimitsConfiguration.class,
    ShutdownDrainConfiguration.class
})
public class ApiConfiguration {

    /** A bean, so that its producer is closed, and what it still holds sent, when the app stops. */
    @Bean
    public DefaultKafkaProducerFactory<String, byte[]> sessionRequestProducers(
            KafkaSettings kafka, ApiProperties properties) {
        return new DefaultKafkaProducerFactory<>(
                kafka.forComponent(KafkaComponent.API).producerConfig(properties.publishTimeout()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @Bean
    public KafkaTemplate<String, byte[]> sessionRequestTemplate(
            DefaultKafkaProducerFactory<String, byte[]> sessionRequestProducers) {
        return new KafkaTemplate<>(sessionRequestProducers);
    }

    @Bean
    public SessionRequestPublisher sessionRequestPublisher(
            KafkaTemplate<String, byte[]> sessionRequestTemplate,
            ApiProperties properties,
            ExecutorService sessionRequestSends) {
        return new SessionRequestPublisher(sessionRequestTemplate, properties.publishTimeout(), sessionRequestSends);
    }

    /**
     * Runs the producer's sends, which block while the broker is unreachable, off the HTTP request
     * threads. Two threads: a send that does not block takes microseconds. The queue is bounded; a
     * send refused by a full queue fails its request with the retryable answer.
     */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService sessionRequestSends() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000), runnable -> {
            Thread thread = new Thread(runnable, "session-request-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads catalog documents with the sections the providers registered. */
    @Bean
    public CatalogDocuments catalogDocuments(List<CatalogSectionType> sections) {
        return new CatalogDocuments(sections);
    }

    @Bean
    public CatalogPublisher catalogPublisher(KafkaTemplate<String, byte[]> sessionRequestTemplate) {
        return new CatalogPublisher(sessionRequestTemplate);
    }

    /** The API key peppers: generated API keys are kept as their HMAC under one of them. */
    @Bean
    public ApiKeyHashes apiKeyHashes(ApiKeyProperties properties) {
        return ApiKeyHashes.load(properties);
    }

    /** The providers whose API keys the admin API generates, as their API configurations register them. */
    @Bean
    public ApiKeyIssuers apiKeyIssuers(List<ApiKeyIssuer> issuers) {
        return new ApiKeyIssuers(issuers);
    }

    /** Admin changes with their audit record, in one Kafka transaction per change. */
    @Bean(destroyMethod = "close")
    public AdminChanges adminChanges(KafkaSettings kafka, ApiProperties properties, ApiKeyHashes apiKeyHashes) {
        return new AdminChanges(kafka.forComponent(KafkaComponent.API), properties.publishTimeout(), apiKeyHashes);
    }

    @Bean
    public BearerCredential adminCredential(AdminProperties properties) {
        return BearerCredential.load("sessionflow.admin", properties.token(), properties.tokenFile());
    }

    @Bean
    public BearerCredential introspectionCredential(IntrospectionProperties properties) {
        return BearerCredential.load("sessionflow.introspection", properties.token(), properties.tokenFile());
    }

    @Bean
    public SessionIntrospection sessionIntrospection(
            SessionTokens sessionTokens,
            SessionQueries sessionQueries,
            SessionRequestPublisher sessionRequestPublisher,
            ApiProperties properties,
            List<ProviderSurface> providers) {
        return new SessionIntrospection(
                sessionTokens,
                sessionQueries,
                sessionRequestPublisher,
                providers.stream()
                        .filter(ProviderSurface::issuesOpaqueTokens)
                        .map(ProviderSurface::firstSegment)
                        .collect(Collectors.toSet()),
                properties.outcomeWait(),
                Clock.systemUTC());
    }

    /**
     * Refuses create calls at once while this instance is not ready: a request published then would be decided
     * once the processor runs, but most likely after its wait, and a client without an Idempotency-Key that
     * retries the 503 would make a second session; the load balancer sends no traffic here meanwhile anyway.
     * Except the warm-up's own calls at start ({@link CreateAdmission}): the Streams apps run, and they must go
     * the whole path.
     * Not while it drains after a SIGTERM: readiness is down then only to steer the load balancer away.
     */
    @Bean
    public SessionRequests sessionRequests(
            SessionRequestPublisher sessionRequestPublisher,
            SessionQueries sessionQueries,
            ApiProperties properties,
            TenantLimits tenantLimits,
            ExecutorService sessionQueryCompletions,
            ObjectProvider<WarmUpPhase> warmUpPhase,
            ShutdownDrain shutdownDrain) {
        return new SessionRequests(
                sessionRequestPublisher,
                sessionQueries,
                properties.outcomeWait(),
                properties.maxWaiting(),
                tenantLimits,
                sessionQueryCompletions,
                CreateAdmission.of(shutdownDrain::serving, warmUpPhase.getIfAvailable()),
                Clock.systemUTC());
    }

    @Bean
    public CreateCalls createCalls(SessionRequests sessionRequests, SessionKeys sessionKeys, ApiProperties properties) {
        return new CreateCalls(sessionRequests, sessionKeys, properties);
    }

    /** Create calls in progress at once, adapted to their latency; its limit and in-flight count are gauges. */
    @Bean
    public AdmissionLimit admissionLimit(AdmissionProperties properties, ObjectProvider<MeterRegistry> meters) {
        AdmissionLimit limit = AdmissionLimit.of(properties);
        meters.ifAvailable(registry -> {
            Gauge.builder("sessionflow.api.admission.limit", limit, AdmissionLimit::limit)
                    .description("Create calls that may be in progress at once")
                    .register(registry);
            Gauge.builder("sessionflow.api.admission.in-flight", limit, AdmissionLimit::inFlight)
                    .description("Create calls in progress")
                    .register(registry);
        });
        return limit;
    }

    @Bean
    public SessionTokens sessionTokens(TokenProperties properties, JsonMapper json) {
        return new SessionTokens(
                TokenKeyring.load(properties.activeKeyId(), properties.keys(), properties.keyFile()), json);
    }

    @Bean
    public SessionKeys sessionKeys(IdProperties properties) {
        return new SessionKeys(Keyring.load(
                "Id", "sessionflow.ids", properties.activeKeyId(), properties.keys(), properties.keyFile()));
    }

    /** The provider surfaces registered by their {@link ProviderApi} configurations, the admin API and introspection. */
    @Bean
    public Surfaces surfaces(List<ProviderSurface> providers) {
        List<Surface> surfaces = new ArrayList<>(providers);
        surfaces.add(AdminSurface.INSTANCE);
        surfaces.add(IntrospectionSurface.INSTANCE);
        return new Surfaces(surfaces);
    }

    @Bean
    public SurfaceErrorReportValve.Installer surfaceErrorReportValve(JsonMapper json, Surfaces surfaces) {
        return new SurfaceErrorReportValve.Installer(json, surfaces);
    }
}
