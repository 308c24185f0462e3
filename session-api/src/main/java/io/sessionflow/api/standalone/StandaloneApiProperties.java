package io.sessionflow.api.standalone;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the standalone API reaches the projections.
 *
 * @param projections                the projections instances' internal ports, {@code host:port}
 *                                   ({@code SESSIONFLOW_API_PROJECTIONS}, comma-separated); at least one
 * @param projectionsConnectTimeout how long to wait for a connection to one before trying the next
 */
@ConfigurationProperties("sessionflow.api")
public record StandaloneApiProperties(
        List<String> projections, @DefaultValue("1s") Duration projectionsConnectTimeout) {

    public StandaloneApiProperties {
        projections = projections == null ? List.of() : List.copyOf(projections);
    }
}
