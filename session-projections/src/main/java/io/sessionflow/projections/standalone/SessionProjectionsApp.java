package io.sessionflow.projections.standalone;

import io.sessionflow.projections.ProjectionsConfiguration;
import io.sessionflow.projections.query.InternalPortSecurity;
import io.sessionflow.runtime.ClusterConnectionConfiguration;
import io.sessionflow.runtime.StreamsMetricsConfiguration;
import io.sessionflow.runtime.availability.StreamsAvailabilityConfiguration;
import io.sessionflow.runtime.security.SecurityConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The standalone projections ({@code java -jar session-projections/target/sessionflow-projections.jar}): the
 * Streams app {@code sessionflow-projections} with its stores, the internal query endpoint on the internal port
 * (advertised to the other instances as {@code sessionflow.projections.advertised-host} and
 * {@code sessionflow.internal.port}), and actuator on the management port, its main HTTP port. Instances share
 * the stores by the session events' partitions. Its configuration is {@code sessionflow-projections.yml}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
@Import({
    ClusterConnectionConfiguration.class,
    ProjectionsConfiguration.class,
    StreamsMetricsConfiguration.class,
    StreamsAvailabilityConfiguration.class,
    SecurityConfiguration.class,
    InternalPortSecurity.class
})
public class SessionProjectionsApp {

    public static void main(String[] args) {
        new SpringApplicationBuilder(SessionProjectionsApp.class)
                .properties("spring.config.name=sessionflow-projections")
                .run(args);
    }
}
