package io.sessionflow.processor.liveperson;

import java.time.Duration;

import io.sessionflow.processor.ProcessorConfiguration;
import io.sessionflow.processor.ProcessorProviderConfiguration;
import io.sessionflow.schemas.secrets.RandomIds;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers LivePerson's rules with the processor ({@link ProcessorProviderConfiguration}), with LivePerson's settings,
 * {@code sessionflow.processor.liveperson.*}.
 */
@ProcessorProviderConfiguration
public class LivePersonProcessorConfiguration {

    /** {@code sessionflow.processor.liveperson.session-ttl} (30m): how long a LivePerson visit session lives after its latest call. */
    @Bean
    public LivePersonSessionRules livePersonSessionRules(Environment environment) {
        return new LivePersonSessionRules(
                ProcessorConfiguration.sessionTtl(environment, "liveperson", Duration.ofMinutes(30)),
                RandomIds.source());
    }
}
