package io.sessionflow.processor.chat;

import java.time.Duration;

import io.sessionflow.processor.ProcessorConfiguration;
import io.sessionflow.processor.ProcessorProviderConfiguration;
import io.sessionflow.schemas.secrets.RandomIds;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers Chat's rules with the processor ({@link ProcessorProviderConfiguration}), with Chat's settings,
 * {@code sessionflow.processor.chat.*}.
 */
@ProcessorProviderConfiguration
public class ChatProcessorConfiguration {

    /** {@code sessionflow.processor.chat.session-ttl} (1h): how long a chat session (and its token) lives. */
    @Bean
    public ChatSessionRules chatSessionRules(Environment environment) {
        return new ChatSessionRules(
                ProcessorConfiguration.sessionTtl(environment, "chat", Duration.ofHours(1)), RandomIds.source());
    }
}
