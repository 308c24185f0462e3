package io.sessionflow.runtime;

import java.time.Duration;

import io.sessionflow.schemas.registry.RegistryTimeouts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sessionflow.schema-registry}: the schema registry every topic value is written through, in Confluent wire
 * format, when {@code url} names one (Apicurio Registry's base URL); none: Avro single-object encoding. Each call to
 * it is bounded by the timeouts and retries ({@link RegistryTimeouts}), so that a registry that does not answer fails
 * start-up, or a read of an unknown schema id, instead of holding it.
 */
@ConfigurationProperties("sessionflow.schema-registry")
public record SchemaRegistryProperties(
        String url,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("2") int retries,
        @DefaultValue("500ms") Duration retryBackoff) {

    /** No registry: single-object encoding. */
    public static SchemaRegistryProperties none() {
        RegistryTimeouts defaults = RegistryTimeouts.DEFAULT;
        return new SchemaRegistryProperties(
                null, defaults.connect(), defaults.read(), defaults.retries(), defaults.backoff());
    }

    public boolean namesRegistry() {
        return url != null && !url.isBlank();
    }

    public RegistryTimeouts timeouts() {
        return new RegistryTimeouts(connectTimeout, readTimeout, retries, retryBackoff);
    }
}
