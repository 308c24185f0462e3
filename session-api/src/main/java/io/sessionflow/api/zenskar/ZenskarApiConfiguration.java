package io.sessionflow.api.zenskar;

import io.sessionflow.api.ProviderApi;
import io.sessionflow.api.apikeys.ApiKeyIssuer;
import io.sessionflow.api.catalog.CatalogSectionType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/** Zenskar's API: its surface, controller, parser, authenticator, catalog section and API keys. */
@ProviderApi
@Configuration(proxyBeanMethods = false)
@Import({ZenskarSessionController.class, ZenskarSessionRequestParser.class, ZenskarAuthenticator.class})
public class ZenskarApiConfiguration {

    @Bean
    public ZenskarSurface zenskarSurface() {
        return ZenskarSurface.INSTANCE;
    }

    /** Its section of the catalog document; the order of the sections' entries (chat, algoreg, zenskar, liveperson). */
    @Bean
    @Order(30)
    public CatalogSectionType zenskarCatalogSection() {
        return ZenskarCatalog.SECTION;
    }

    /** It issues API keys through the admin API; the order of the providers in its refusals. */
    @Bean
    @Order(30)
    public ApiKeyIssuer zenskarApiKeys() {
        return ZenskarApiKeys.INSTANCE;
    }
}
