package io.sessionflow.processor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.state.ProcessorSessionState;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The real processor topology ({@link SessionProcessorTopology#build} with default settings and one provider's
 * rules) in a {@link TopologyTestDriver} whose wall clock starts at a fixed instant, with ids counting up from
 * {@code 00000000-0000-0000-0000-000000000001} (the rules' and the topology's alike): what every processor
 * topology test starts from.
 */
public final class ProcessorTopologyFixture implements AutoCloseable {

    public final TopologyTestDriver driver;
    public final TestInputTopic<String, CatalogEntry> catalog;
    public final TestOutputTopic<String, SessionEvent> events;
    private final Instant start;

    /** @param rules the provider's rules under test, made with the fixture's id source */
    public ProcessorTopologyFixture(Path stateDir, Instant start, Function<Supplier<UUID>, SessionRules<?>> rules) {
        this.start = start;
        AtomicLong counter = new AtomicLong();
        Supplier<UUID> ids = () -> new UUID(0, counter.incrementAndGet());
        StreamsBuilder builder = new StreamsBuilder();
        SessionProcessorTopology.build(
                builder, SessionProcessorTopology.Settings.defaults().withIds(ids), List.of(rules.apply(ids)));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, start);
        catalog = input(Topics.CATALOG);
        events = output(Topics.SESSION_EVENTS);
    }

    public <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** Writes a catalog entry, as the admin API or the catalog file would. */
    public void putCatalog(String key, Object payload) {
        catalog.pipeInput(
                key,
                CatalogEntry.newBuilder()
                        .setUpdatedAt(start)
                        .setPayload(payload)
                        .build());
    }

    /** The session's state in {@value SessionProcessorTopology#SESSIONS_STORE}, or null. */
    public SessionEvent state(String sessionKey) {
        ProcessorSessionState state = driver.<String, ProcessorSessionState>getKeyValueStore(
                        SessionProcessorTopology.SESSIONS_STORE)
                .get(sessionKey);
        return state == null ? null : SessionStateStore.event(sessionKey, state);
    }

    /** Writes a value of {@value SessionProcessorTopology#SESSIONS_STORE} as bytes, beneath its serde (as a restore would). */
    public void putStoredState(String sessionKey, byte[] value) {
        StateStore store = driver.getKeyValueStore(SessionProcessorTopology.SESSIONS_STORE);
        while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
            store = wrapped.wrapped();
        }
        @SuppressWarnings("unchecked")
        KeyValueStore<Bytes, byte[]> bytes = (KeyValueStore<Bytes, byte[]>) store;
        bytes.put(Bytes.wrap(sessionKey.getBytes(StandardCharsets.UTF_8)), value);
    }

    @Override
    public void close() {
        driver.close();
    }
}
