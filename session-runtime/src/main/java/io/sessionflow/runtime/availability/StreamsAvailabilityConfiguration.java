package io.sessionflow.runtime.availability;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
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
    public StreamsAvailability streamsAvailability(
            ListableBeanFactory beans,
            ReadinessProperties properties,
            ApplicationEventPublisher events,
            WarmUpPhase warmUpPhase) {
        Map<String, StreamsBuilderFactoryBean> streams = new LinkedHashMap<>();
        beans.getBeansOfType(StreamsBuilderFactoryBean.class)
                .forEach((name, factory) -> streams.put(name.startsWith("&") ? name.substring(1) : name, factory));
        StreamsAvailability availability =
                new StreamsAvailability(streams, properties.rebalanceGrace(), events, Clock.systemUTC());
        availability.settleBeforeReady(properties.startSettle());
        availability.warmUpBeforeReady(warmUpPhase);
        return availability;
    }

    /** The warm-ups of whatever components the JVM runs (none in the standalone processor and projections). */
    @Bean
    public WarmUpPhase warmUpPhase(ObjectProvider<WarmUp> warmUps, ReadinessProperties properties) {
        return new WarmUpPhase(
                warmUps.orderedStream().toList(), properties.warmUp(), properties.warmUpTime(), Clock.systemUTC());
    }
}
