package io.sessionflow.api.standalone;

import io.sessionflow.api.ApiConfiguration;
import io.sessionflow.api.CatalogFileConfiguration;
import io.sessionflow.runtime.ClusterConnectionConfiguration;
import io.sessionflow.runtime.security.PublicPortSecurity;
import io.sessionflow.runtime.security.SecurityConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The standalone API ({@code java -jar session-api/target/sessionflow-api-exec.jar}): the provider surfaces,
 * introspection and admin on the public port, actuator on the management port. It publishes requests to the
 * cluster named by {@code KAFKA_BOOTSTRAP_SERVERS} and asks the projections instances of
 * {@code sessionflow.api.projections} for answers; stateless, so any number of instances serve side by side.
 * Its configuration is {@code sessionflow-api.yml} (not {@code application.yml}, which would also be read by
 * the all-in-one app that has this module on its class path).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
@Import({
    ClusterConnectionConfiguration.class,
    ApiConfiguration.class,
    StandaloneApiConfiguration.class,
    CatalogFileConfiguration.class,
    SecurityConfiguration.class,
    PublicPortSecurity.class
})
public class SessionApiApp {

    public static void main(String[] args) {
        new SpringApplicationBuilder(SessionApiApp.class)
                .properties("spring.config.name=sessionflow-api")
                .run(args);
    }
}
