package io.sessionflow.api;

import java.io.IOException;
import java.io.InputStream;

import io.sessionflow.api.catalog.CatalogDocuments;
import io.sessionflow.api.catalog.CatalogFile;
import io.sessionflow.api.catalog.CatalogPublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Loads the catalog file ({@code sessionflow.catalog.file}, the demo catalog by default; each API instance
 * at its start, the all-in-one app too) into the
 * catalog topic while the context starts, before the Streams apps do, so that the processor's
 * GlobalKTable has it from its first request.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogFileConfiguration {

    /** The catalog file was written, while the context was created: before the Streams apps start. */
    public record CatalogFileLoaded(int entries) {}

    @Bean
    public CatalogFileLoaded catalogFileLoaded(
            CatalogPublisher publisher,
            CatalogDocuments documents,
            @Value("${sessionflow.catalog.file:classpath:demo-catalog.yaml}") Resource file)
            throws IOException {
        CatalogFile catalog;
        try (InputStream in = file.getInputStream()) {
            catalog = documents.parse(in);
        }
        return new CatalogFileLoaded(publisher.publish(catalog));
    }
}
