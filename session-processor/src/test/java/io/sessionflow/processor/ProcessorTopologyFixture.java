package io.sessionflow.processor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The real processor topology ({@link SessionProcessorTopology#build} with default settings) in a
 * {@link TopologyTestDriver} whose wall clock starts at a fixed instant, with ids counting up from
 * {@code 00000000-0000-0000-0000-000000000001}: what every provider's topology test starts from.
 */
final class ProcessorTopologyFixture implements AutoCloseable {

    final TopologyTestDriver driver;
    final TestInputTopic<String, CatalogEntry> catalog;
    final TestOutputTopic<String, SessionEvent> events;
    private final Instant start;

    ProcessorTopologyFixture(Path stateDir, Instant start) {
        this.start = start;
        AtomicLong ids = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        SessionProcessorTopology.build(
                builder,
                SessionProcessorTopology.Settings.defaults().withIds(() -> new UUID(0, ids.incrementAndGet())));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, start);
        catalog = input(Topics.CATALOG);
        events = output(Topics.SESSION_EVENTS);
    }

    <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** Writes a catalog entry, as the admin API or the catalog file would. */
    void putCatalog(String key, Object payload) {
        catalog.pipeInput(
                key,
                CatalogEntry.newBuilder()
                        .setUpdatedAt(start)
                        .setPayload(payload)
                        .build());
    }

    @Override
    public void close() {
        driver.close();
    }
}
