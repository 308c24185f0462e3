package io.sessionflow.app;

import java.io.IOException;
import java.io.InputStream;

import io.sessionflow.catalog.CatalogFile;
import io.sessionflow.catalog.CatalogPublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Loads the catalog file ({@code sessionflow.catalog.file}, the demo catalog by default) into the
 * catalog topic while the context starts, before the Streams apps do, so that the processor's
 * GlobalKTable has it from its first request.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogFileConfiguration {

    @Bean
    public CatalogPublisher catalogPublisher(KafkaTemplate<String, byte[]> sessionRequestTemplate,
                                             @Value("${sessionflow.catalog.file:classpath:demo-catalog.yaml}")
                                             Resource file) throws IOException {
        CatalogPublisher publisher = new CatalogPublisher(sessionRequestTemplate);
        CatalogFile catalog;
        try (InputStream in = file.getInputStream()) {
            catalog = CatalogPublisher.parse(in);
        }
        publisher.publish(catalog);
        return publisher;
    }
}
