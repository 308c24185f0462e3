package io.sessionflow.processor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sessionflow.runtime.StreamsShutdown;
import io.sessionflow.schemas.kafka.KafkaComponent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import io.sessionflow.schemas.secrets.RandomIds;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Runs {@link SessionProcessorTopology} as the Streams application {@value SessionProcessorTopology#APPLICATION_ID},
 * with every provider's {@link SessionRules} bean, which the providers' {@link ProcessorProviderConfiguration}s
 * (found by scanning the processor's packages) register.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessorConfiguration.ProcessorProperties.class)
@ComponentScan(
        basePackageClasses = ProcessorConfiguration.class,
        useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(ProcessorProviderConfiguration.class))
public class ProcessorConfiguration {

    /** Streams' own commit interval: only the backstop for what no write asks to commit ({@link DecisionCommits}). */
    static final Duration BACKSTOP_COMMIT_INTERVAL = Duration.ofSeconds(1);

    /**
     * @param requestRetention      how long request keys (Idempotency-Key and the like) are remembered
     * @param expiryInterval        how often expired sessions and request keys are looked for
     * @param commitInterval        how soon a decision on a fresh request is committed: under exactly-once, an
     *                              answer is readable downstream only after the processor commits, so this bounds
     *                              the create call's latency (the projections notify waiters before their own commit)
     * @param backlogCommitInterval how soon a backlog's decisions and what nobody waits for (expiries, extensions)
     *                              are committed: longer commits fewer transactions while catching up
     *                              ({@link DecisionCommits})
     * @param backlogAge            how long after it was sent a request is still fresh, its decision committed
     *                              within the commit interval
     */
    @ConfigurationProperties("sessionflow.processor")
    public record ProcessorProperties(
            @DefaultValue("24h") Duration requestRetention,
            @DefaultValue("1s") Duration expiryInterval,
            @DefaultValue("10ms") Duration commitInterval,
            @DefaultValue("100ms") Duration backlogCommitInterval,
            @DefaultValue("1s") Duration backlogAge) {}

    /**
     * A provider's session lifetime, for its {@link ProcessorProviderConfiguration}: its own setting
     * {@code sessionflow.processor.<provider>.session-ttl}, else the name that setting had before,
     * {@code sessionflow.processor.<provider>-session-ttl}, else {@code defaultTtl}.
     */
    public static Duration sessionTtl(Environment environment, String provider, Duration defaultTtl) {
        Binder binder = Binder.get(environment);
        return binder.bind("sessionflow.processor." + provider + ".session-ttl", Duration.class)
                .orElseGet(() -> binder.bind("sessionflow.processor." + provider + "-session-ttl", Duration.class)
                        .orElse(defaultTtl));
    }

    @Bean
    public StreamsBuilderFactoryBean processorStreams(
            KafkaSettings kafka, ProcessorProperties properties, ObjectProvider<SessionRules<?>> rules) {
        Map<String, Object> config =
                kafka.forComponent(KafkaComponent.PROCESSOR).streamsConfig(SessionProcessorTopology.APPLICATION_ID);
        config.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                Math.max(
                        BACKSTOP_COMMIT_INTERVAL.toMillis(),
                        properties.backlogCommitInterval().toMillis()));
        // Streams commits and punctuates between polls only: a thread blocked in poll (Kafka's poll.ms is 100 ms)
        // held the decisions it had made but not committed, unreadable, that long: up to one create in a thousand
        // waited it out.
        config.putIfAbsent(
                StreamsConfig.POLL_MS_CONFIG, properties.commitInterval().toMillis());
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
        SessionProcessorTopology.Settings settings = new SessionProcessorTopology.Settings(
                properties.requestRetention(),
                properties.expiryInterval(),
                properties.commitInterval(),
                properties.backlogCommitInterval(),
                properties.backlogAge(),
                RandomIds.source());
        List<SessionRules<?>> providers = rules.orderedStream().toList();
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                SessionProcessorTopology.build(builder, settings, providers);
            }
        });
        factory.setStreamsUncaughtExceptionHandler(
                e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        return StreamsShutdown.configure(factory);
    }
}
