package io.sessionflow.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sessionflow.schema-registry}: the schema registry every topic value is written through, in Confluent wire
 * format, when {@code url} names one (Apicurio Registry's base URL); none: Avro single-object encoding.
 */
@ConfigurationProperties("sessionflow.schema-registry")
public record SchemaRegistryProperties(String url) {

    public boolean namesRegistry() {
        return url != null && !url.isBlank();
    }
}
