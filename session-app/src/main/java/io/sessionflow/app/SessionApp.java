package io.sessionflow.app;

import io.sessionflow.api.ApiConfiguration;
import io.sessionflow.api.CatalogFileConfiguration;
import io.sessionflow.processor.ProcessorConfiguration;
import io.sessionflow.projections.ProjectionsConfiguration;
import io.sessionflow.projections.query.InternalPortSecurity;
import io.sessionflow.runtime.StreamsMetricsConfiguration;
import io.sessionflow.runtime.availability.StreamsAvailabilityConfiguration;
import io.sessionflow.runtime.security.PublicPortSecurity;
import io.sessionflow.runtime.security.SecurityConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * sessionflow in one JVM: the HTTP API, the session processor and the projections, on the embedded
 * Kafka broker unless {@code KAFKA_BOOTSTRAP_SERVERS} names a cluster.
 *
 * <p>No generated user: every credential is sessionflow's own ({@link SecurityConfiguration}).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@Import({
    KafkaConnectionConfiguration.class,
    ApiConfiguration.class,
    ProcessorConfiguration.class,
    ProjectionsConfiguration.class,
    CatalogFileConfiguration.class,
    StreamsMetricsConfiguration.class,
    StreamsAvailabilityConfiguration.class,
    SecurityConfiguration.class,
    InternalPortSecurity.class,
    PublicPortSecurity.class
})
public class SessionApp {

    public static void main(String[] args) {
        SpringApplication.run(SessionApp.class, args);
    }
}
