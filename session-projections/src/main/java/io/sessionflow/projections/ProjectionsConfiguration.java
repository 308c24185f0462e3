package io.sessionflow.projections;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.projections.query.InternalCredential;
import io.sessionflow.projections.query.InternalPort;
import io.sessionflow.projections.query.InternalProperties;
import io.sessionflow.projections.query.RemoteSessionQueries;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.projections.query.SessionQueriesStop;
import io.sessionflow.projections.query.SessionQueryController;
import io.sessionflow.projections.query.SessionQueryService;
import io.sessionflow.runtime.StreamsShutdown;
import io.sessionflow.schemas.kafka.KafkaComponent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs {@link SessionProjectionTopology} as the Streams application
 * {@value SessionProjectionTopology#APPLICATION_ID}, advertising this instance's internal HTTP port
 * ({@link InternalPort}) as its {@code application.server} so that other instances can route queries here,
 * and the {@link SessionQueryService} over it. The providers' own stores are the {@link ProviderProjection} beans
 * their {@link ProjectionsProviderConfiguration}s (found by scanning the projections' packages) register.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProjectionsConfiguration.ProjectionsProperties.class, InternalProperties.class})
@Import(SessionQueryController.class)
@ComponentScan(
        basePackageClasses = ProjectionsConfiguration.class,
        useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(ProjectionsProviderConfiguration.class))
public class ProjectionsConfiguration {

    /**
     * @param advertisedHost the host name other instances reach this one's internal port by
     * @param connectTimeout how long to wait for a connection to another instance
     * @param outcomeRetention how long answers to requests are kept (longer than the processor's request retention)
     * @param purgeInterval  how often answers of the old store layout past their retention are removed
     */
    @ConfigurationProperties("sessionflow.projections")
    public record ProjectionsProperties(
            @DefaultValue("localhost") String advertisedHost,
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("25h") Duration outcomeRetention,
            @DefaultValue("10s") Duration purgeInterval) {}

    @Bean
    public StreamsBuilderFactoryBean projectionsStreams(
            KafkaSettings kafka,
            ProjectionsProperties properties,
            InternalProperties internal,
            ObjectProvider<SessionQueryService> queries,
            ObjectProvider<ProviderProjection> providers) {
        Map<String, Object> config =
                kafka.forComponent(KafkaComponent.PROJECTIONS).streamsConfig(SessionProjectionTopology.APPLICATION_ID);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, properties.advertisedHost() + ":" + internal.port());
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
        List<ProviderProjection> ownStores = providers.orderedStream().toList();
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                SessionQueryService service = queries.getObject();
                SessionProjectionTopology.build(
                        builder,
                        new SessionProjectionTopology.Settings(
                                properties.outcomeRetention(), properties.purgeInterval()),
                        service,
                        ownStores);
            }
        });
        factory.setStreamsUncaughtExceptionHandler(
                e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        return StreamsShutdown.configure(factory);
    }

    @Bean(destroyMethod = "shutdown")
    public ExecutorService sessionQueryCompletions() {
        return SessionQueries.completions();
    }

    /**
     * The projections' Streams instance, looked up late (the topology needs the query service first): for the beans
     * that read its stores, the providers' own included.
     */
    public static Supplier<KafkaStreams> projectionsStreams(BeanFactory beans) {
        Supplier<StreamsBuilderFactoryBean> factory =
                SingletonSupplier.of(() -> beans.getBean("&projectionsStreams", StreamsBuilderFactoryBean.class));
        return () -> factory.get().getKafkaStreams();
    }

    @Bean
    public CatalogQueries catalogQueries(BeanFactory beans) {
        return new CatalogQueries(projectionsStreams(beans));
    }

    @Bean
    public SessionQueryService sessionQueryService(
            BeanFactory beans,
            ProjectionsProperties properties,
            InternalProperties internal,
            InternalCredential internalCredential,
            ExecutorService sessionQueryCompletions) {
        return new SessionQueryService(
                projectionsStreams(beans),
                new HostInfo(properties.advertisedHost(), internal.port()),
                new RemoteSessionQueries(properties.connectTimeout(), internalCredential),
                sessionQueryCompletions,
                properties.outcomeRetention());
    }

    @Bean
    public SessionQueriesStop sessionQueriesStop(SessionQueryService sessionQueryService) {
        return new SessionQueriesStop(sessionQueryService);
    }

    @Bean
    public InternalCredential internalCredential(InternalProperties internal) {
        return InternalCredential.load(internal);
    }

    @Bean
    public InternalPort.Connectors internalConnector(InternalProperties internal) {
        return new InternalPort.Connectors(internal.port());
    }

    /** Before any other filter (Spring Security's included): the wrong port's request is an unknown path. */
    @Bean
    public FilterRegistrationBean<InternalPort.Separation> internalPortSeparation(InternalProperties internal) {
        FilterRegistrationBean<InternalPort.Separation> registration =
                new FilterRegistrationBean<>(new InternalPort.Separation(internal.port()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
