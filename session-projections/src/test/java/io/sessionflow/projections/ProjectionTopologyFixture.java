package io.sessionflow.projections;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.sessionflow.schemas.Topic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The real projections topology ({@link SessionProjectionTopology#build} with the given settings, listener and
 * providers' own stores) in a {@link TopologyTestDriver} whose wall clock starts at a fixed instant: what every
 * projections topology test starts from.
 */
public final class ProjectionTopologyFixture implements AutoCloseable {

    public final TopologyTestDriver driver;

    public ProjectionTopologyFixture(
            Path stateDir,
            Instant start,
            SessionProjectionTopology.Settings settings,
            SessionUpdateListener listener,
            List<? extends ProviderProjection> providers) {
        StreamsBuilder builder = new StreamsBuilder();
        SessionProjectionTopology.build(builder, settings, listener, providers);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projections-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, start);
    }

    public <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
