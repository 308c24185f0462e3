package io.sessionflow.api;

import io.sessionflow.chat.ChatSessionController;
import io.sessionflow.chat.ChatSessionRequestParser;
import io.sessionflow.kafka.KafkaSettings;
import io.sessionflow.liveperson.LivePersonEngagementController;
import io.sessionflow.liveperson.LivePersonRequestParser;
import io.sessionflow.query.SessionQueryService;
import io.sessionflow.tokens.SessionTokens;
import io.sessionflow.tokens.TokenKeyring;
import io.sessionflow.tokens.TokenProperties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP facade: the provider controllers and what they publish with and sign with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ApiProperties.class, TokenProperties.class})
@Import({ChatSessionController.class, LivePersonEngagementController.class})
public class ApiConfiguration {

    @Bean
    public KafkaTemplate<String, byte[]> sessionRequestTemplate(KafkaSettings kafka, ApiProperties properties) {
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(
                kafka.producerConfig(properties.publishTimeout()), new StringSerializer(), new ByteArraySerializer());
        return new KafkaTemplate<>(factory);
    }

    @Bean
    public SessionRequestPublisher sessionRequestPublisher(KafkaTemplate<String, byte[]> sessionRequestTemplate,
                                                           ApiProperties properties) {
        return new SessionRequestPublisher(sessionRequestTemplate, properties.publishTimeout());
    }

    @Bean
    public SessionRequests sessionRequests(SessionRequestPublisher sessionRequestPublisher,
                                           SessionQueryService sessionQueryService, ApiProperties properties) {
        return new SessionRequests(sessionRequestPublisher, sessionQueryService, properties.outcomeWait());
    }

    @Bean
    public SessionTokens sessionTokens(TokenProperties properties, JsonMapper json) {
        return new SessionTokens(TokenKeyring.load(properties.activeKeyId(), properties.keys(), properties.keyFile()),
                json);
    }

    @Bean
    public ChatSessionRequestParser chatSessionRequestParser(JsonMapper json) {
        return new ChatSessionRequestParser(json);
    }

    @Bean
    public LivePersonRequestParser livePersonRequestParser(JsonMapper json) {
        return new LivePersonRequestParser(json);
    }
}
