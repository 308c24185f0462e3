package io.sessionflow.api.zenskar;

import io.sessionflow.api.ProviderApi;
import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.api.catalog.CatalogSectionType;
import io.sessionflow.projections.catalog.CatalogQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** Zenskar's API: its surface, controller, parser, authenticator and catalog section. */
@ProviderApi
@Configuration(proxyBeanMethods = false)
@Import(ZenskarSessionController.class)
public class ZenskarApiConfiguration {

    @Bean
    public ZenskarSurface zenskarSurface() {
        return ZenskarSurface.INSTANCE;
    }

    @Bean
    public ZenskarSessionRequestParser zenskarSessionRequestParser(JsonMapper json) {
        return new ZenskarSessionRequestParser(json);
    }

    @Bean
    public ZenskarAuthenticator zenskarAuthenticator(CatalogQueries catalogQueries, ApiKeyHashes apiKeyHashes) {
        return new ZenskarAuthenticator(catalogQueries, apiKeyHashes);
    }

    /** Its section of the catalog document; the order of the sections' entries (chat, algoreg, zenskar, liveperson). */
    @Bean
    @Order(30)
    public CatalogSectionType zenskarCatalogSection() {
        return ZenskarCatalog.SECTION;
    }
}
