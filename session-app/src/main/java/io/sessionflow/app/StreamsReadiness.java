package io.sessionflow.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Holds the end of start-up until both Streams apps run, so that "started" means ready to answer,
 * and says so in one line.
 */
@Component
public class StreamsReadiness implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsReadiness.class);
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final Map<String, StreamsBuilderFactoryBean> streams;
    private final int port;

    public StreamsReadiness(Map<String, StreamsBuilderFactoryBean> streams, @Value("${server.port:8080}") int port) {
        this.streams = streams;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        List<StreamsBuilderFactoryBean> apps = List.copyOf(streams.values());
        while (!apps.stream().allMatch(StreamsReadiness::running)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Streams apps did not reach RUNNING within " + LIMIT);
            }
            Thread.sleep(100);
        }
        LOG.info("sessionflow is ready on http://localhost:{}", port);
    }

    private static boolean running(StreamsBuilderFactoryBean factory) {
        KafkaStreams kafkaStreams = factory.getKafkaStreams();
        return kafkaStreams != null && kafkaStreams.state() == KafkaStreams.State.RUNNING;
    }
}
