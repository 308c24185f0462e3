package io.sessionflow.api.algoreg;

import java.time.Clock;

import io.sessionflow.api.ProviderApi;
import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.api.apikeys.ApiKeyIssuer;
import io.sessionflow.api.catalog.CatalogSectionType;
import io.sessionflow.projections.catalog.CatalogQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** Algoreg's API: its surface, controller, parser, authenticator, catalog section and API keys. */
@ProviderApi
@Configuration(proxyBeanMethods = false)
@Import(AlgoregSessionController.class)
public class AlgoregApiConfiguration {

    @Bean
    public AlgoregSurface algoregSurface() {
        return AlgoregSurface.INSTANCE;
    }

    @Bean
    public AlgoregSessionRequestParser algoregSessionRequestParser(JsonMapper json) {
        return new AlgoregSessionRequestParser(json, Clock.systemUTC());
    }

    @Bean
    public AlgoregAuthenticator algoregAuthenticator(CatalogQueries catalogQueries, ApiKeyHashes apiKeyHashes) {
        return new AlgoregAuthenticator(AlgoregAuthenticator.ApiKeys.of(catalogQueries), apiKeyHashes);
    }

    /** Its section of the catalog document; the order of the sections' entries (chat, algoreg, zenskar, liveperson). */
    @Bean
    @Order(20)
    public CatalogSectionType algoregCatalogSection() {
        return AlgoregCatalog.SECTION;
    }

    /** It issues API keys through the admin API; the order of the providers in its refusals. */
    @Bean
    @Order(20)
    public ApiKeyIssuer algoregApiKeys() {
        return AlgoregApiKeys.INSTANCE;
    }
}
