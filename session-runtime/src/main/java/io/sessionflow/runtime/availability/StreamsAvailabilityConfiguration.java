package io.sessionflow.runtime.availability;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Availability from every Streams app in the JVM, whichever there are (none in an app without Streams). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadinessProperties.class)
public class StreamsAvailabilityConfiguration {

    @Bean(destroyMethod = "close")
    public StreamsAvailability streamsAvailability(ListableBeanFactory beans, ReadinessProperties properties,
                                                   ApplicationEventPublisher events) {
        Map<String, StreamsBuilderFactoryBean> streams = new LinkedHashMap<>();
        beans.getBeansOfType(StreamsBuilderFactoryBean.class)
                .forEach((name, factory) -> streams.put(name.startsWith("&") ? name.substring(1) : name, factory));
        return new StreamsAvailability(streams, properties.rebalanceGrace(), events, Clock.systemUTC());
    }
}
