package io.sessionflow.processor.standalone;

import io.sessionflow.processor.ProcessorConfiguration;
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
 * The standalone processor ({@code java -jar session-processor/target/sessionflow-processor.jar}): the Streams
 * app {@code sessionflow-processor} on the cluster named by {@code KAFKA_BOOTSTRAP_SERVERS}, and actuator on its
 * only HTTP port (the management port, {@code MANAGEMENT_PORT}). Instances share the work by the request
 * topics' partitions. Its configuration is {@code sessionflow-processor.yml}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
@Import({
    ClusterConnectionConfiguration.class,
    ProcessorConfiguration.class,
    StreamsMetricsConfiguration.class,
    StreamsAvailabilityConfiguration.class,
    SecurityConfiguration.class
})
public class SessionProcessorApp {

    public static void main(String[] args) {
        new SpringApplicationBuilder(SessionProcessorApp.class)
                .properties("spring.config.name=sessionflow-processor")
                .run(args);
    }
}
