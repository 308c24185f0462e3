package io.sessionflow.processor;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.sessionflow.runtime.StreamsShutdown;
import io.sessionflow.schemas.kafka.KafkaComponent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Runs {@link SessionProcessorTopology} as the Streams application {@value SessionProcessorTopology#APPLICATION_ID}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessorConfiguration.ProcessorProperties.class)
public class ProcessorConfiguration {

    /**
     * @param chatSessionTtl       how long a chat session (and its token) lives
     * @param algoregSessionTtl    how long an Algoreg session lives after its start
     * @param livepersonSessionTtl how long a LivePerson visit session lives after its latest call
     * @param requestRetention     how long request keys (Idempotency-Key and the like) are remembered
     * @param expiryInterval       how often expired sessions and request keys are looked for
     * @param commitInterval       the processor's commit interval: under exactly-once, an answer is
     *                             readable downstream only after the processor commits, so this bounds
     *                             the create call's latency (the projections notify waiters before their
     *                             own commit); longer buys throughput (see docs/benchmarks.md)
     */
    @ConfigurationProperties("sessionflow.processor")
    public record ProcessorProperties(
            @DefaultValue("1h") Duration chatSessionTtl,
            @DefaultValue("7d") Duration algoregSessionTtl,
            @DefaultValue("30m") Duration livepersonSessionTtl,
            @DefaultValue("24h") Duration requestRetention,
            @DefaultValue("1s") Duration expiryInterval,
            @DefaultValue("10ms") Duration commitInterval) {}

    @Bean
    public StreamsBuilderFactoryBean processorStreams(KafkaSettings kafka, ProcessorProperties properties) {
        Map<String, Object> config =
                kafka.forComponent(KafkaComponent.PROCESSOR).streamsConfig(SessionProcessorTopology.APPLICATION_ID);
        config.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                properties.commitInterval().toMillis());
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
        SessionProcessorTopology.Settings settings = new SessionProcessorTopology.Settings(
                properties.chatSessionTtl(),
                properties.algoregSessionTtl(),
                properties.livepersonSessionTtl(),
                properties.requestRetention(),
                properties.expiryInterval(),
                UUID::randomUUID);
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                SessionProcessorTopology.build(builder, settings);
            }
        });
        factory.setStreamsUncaughtExceptionHandler(
                e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        return StreamsShutdown.configure(factory);
    }
}
