package io.sessionflow.api.chat;

import io.sessionflow.api.ProviderApi;
import io.sessionflow.api.catalog.CatalogSectionType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/** The chat widget's API: its surface, controller, parser, CORS and catalog section. */
@ProviderApi
@Configuration(proxyBeanMethods = false)
@Import({ChatSessionController.class, ChatSessionRequestParser.class, ChatCorsConfiguration.class})
public class ChatApiConfiguration {

    @Bean
    public ChatSurface chatSurface() {
        return ChatSurface.INSTANCE;
    }

    /** Its section of the catalog document; the order of the sections' entries (chat, algoreg, zenskar, liveperson). */
    @Bean
    @Order(10)
    public CatalogSectionType chatCatalogSection() {
        return ChatCatalog.SECTION;
    }
}
