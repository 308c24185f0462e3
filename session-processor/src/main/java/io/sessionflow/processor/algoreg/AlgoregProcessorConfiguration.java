package io.sessionflow.processor.algoreg;

import java.time.Duration;

import io.sessionflow.processor.ProcessorConfiguration;
import io.sessionflow.processor.ProcessorProviderConfiguration;
import io.sessionflow.schemas.secrets.RandomIds;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers Algoreg's rules with the processor ({@link ProcessorProviderConfiguration}), with Algoreg's settings,
 * {@code sessionflow.processor.algoreg.*}.
 */
@ProcessorProviderConfiguration
public class AlgoregProcessorConfiguration {

    /** {@code sessionflow.processor.algoreg.session-ttl} (7d): how long an Algoreg session lives after its start. */
    @Bean
    public AlgoregSessionRules algoregSessionRules(Environment environment) {
        return new AlgoregSessionRules(
                ProcessorConfiguration.sessionTtl(environment, "algoreg", Duration.ofDays(7)), RandomIds.source());
    }
}
