package io.sessionflow.runtime.shutdown;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The drain of an app that serves clients (the API, the all-in-one app): see {@link ShutdownDrain}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShutdownProperties.class)
public class ShutdownDrainConfiguration {

    @Bean
    public ShutdownDrain shutdownDrain(ApplicationContext context, ShutdownProperties properties) {
        return new ShutdownDrain(context, properties.drain());
    }
}
