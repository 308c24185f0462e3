package io.sessionflow.processor.zenskar;

import io.sessionflow.processor.ProcessorProviderConfiguration;
import io.sessionflow.schemas.secrets.RandomIds;
import org.springframework.context.annotation.Bean;

/** Registers Zenskar's rules with the processor: they need no settings (a session's idle timeout is its request's). */
@ProcessorProviderConfiguration
public class ZenskarProcessorConfiguration {

    @Bean
    public ZenskarSessionRules zenskarSessionRules() {
        return new ZenskarSessionRules(RandomIds.source());
    }
}
