package io.sessionflow.runtime;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/**
 * Publishes the Streams apps' metrics to Micrometer, so that {@code /actuator/metrics} and any
 * registry the operator plugs in see them: all of Kafka Streams' own metrics (discovered on the
 * binder's periodic refresh), and {@value #DROPPED_RECORDS}, per app, read live from
 * {@link KafkaStreams#metrics()}: the records its exception handlers skipped and sent to
 * {@code sessionflow.dead-letter}.
 */
@Configuration(proxyBeanMethods = false)
public class StreamsMetricsConfiguration {

    public static final String DROPPED_RECORDS = "sessionflow.streams.dropped.records";

    @Bean
    public SmartInitializingSingleton streamsMetrics(
            Map<String, StreamsBuilderFactoryBean> streams, MeterRegistry registry) {
        return () -> streams.forEach((name, factory) -> {
            factory.addListener(new KafkaStreamsMicrometerListener(registry));
            Gauge.builder(DROPPED_RECORDS, factory, StreamsMetricsConfiguration::droppedRecords)
                    .description("Records skipped by the exception handlers and sent to the dead-letter topic")
                    .tag("app", name)
                    .register(registry);
        });
    }

    private static double droppedRecords(StreamsBuilderFactoryBean factory) {
        KafkaStreams kafkaStreams = factory.getKafkaStreams();
        if (kafkaStreams == null) {
            return 0;
        }
        double dropped = 0;
        for (Metric metric : kafkaStreams.metrics().values()) {
            if ("dropped-records-total".equals(metric.metricName().name())
                    && metric.metricValue() instanceof Number value) {
                dropped += value.doubleValue();
            }
        }
        return dropped;
    }
}
