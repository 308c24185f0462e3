package io.sessionflow.api.liveperson;

import io.sessionflow.api.ProviderApi;
import io.sessionflow.api.catalog.CatalogSectionType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/** LivePerson's API: its surface, controller, parser and catalog section. */
@ProviderApi
@Configuration(proxyBeanMethods = false)
@Import({LivePersonEngagementController.class, LivePersonRequestParser.class})
public class LivePersonApiConfiguration {

    @Bean
    public LivePersonSurface livePersonSurface() {
        return LivePersonSurface.INSTANCE;
    }

    /** Its section of the catalog document; the order of the sections' entries (chat, algoreg, zenskar, liveperson). */
    @Bean
    @Order(40)
    public CatalogSectionType livePersonCatalogSection() {
        return LivePersonCatalog.SECTION;
    }
}
