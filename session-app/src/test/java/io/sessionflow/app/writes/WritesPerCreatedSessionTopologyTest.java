package io.sessionflow.app.writes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.sessionflow.processor.SessionProcessorTopology;
import io.sessionflow.processor.chat.ChatSessionRules;
import io.sessionflow.projections.SessionProjectionTopology;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.chat.ChatCatalogKeys;
import io.sessionflow.schemas.chat.ChatFlow;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import io.sessionflow.schemas.events.SessionCreated;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts the broker writes a created chat session costs, with the real topology factories in
 * {@link TopologyTestDriver}s on a fixed clock: every record the processor writes (session-events and
 * its stores' changelogs), then every record the projections write (their changelogs) when they read
 * those events. Input records and transaction markers are not counted. Pins the bound of at most
 * four: the event, the processor's session state and its expiry, the projections' session.
 */
class WritesPerCreatedSessionTopologyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String WIDGET_KEY = "pk_live_00000000000000000000000000000001";
    private static final int SESSIONS = 100;

    @TempDir
    Path stateDir;

    @Test
    void aCreatedChatSessionCostsAtMostFourBrokerWrites() {
        Map<String, Integer> writes = new TreeMap<>();
        List<KeyValue<String, byte[]>> events;
        try (TopologyTestDriver processor = processor()) {
            TestInputTopic<String, CatalogEntry> catalog = processor.createInputTopic(
                    Topics.CATALOG.name(),
                    Topics.CATALOG.keySerde().serializer(),
                    Topics.CATALOG.valueSerde().serializer());
            catalog.pipeInput(
                    ChatCatalogKeys.tenant("acme"),
                    entry(ChatTenant.newBuilder()
                            .setTenantId("acme")
                            .setName("Acme")
                            .setFlows(List.of(ChatFlow.newBuilder()
                                    .setFlowId("f-orders")
                                    .setPublished(true)
                                    .setIntent(ChatIntent.newBuilder()
                                            .setName("track_order")
                                            .setDisplayLabel("Track")
                                            .setIsPinned(false)
                                            .setPriority(1)
                                            .build())
                                    .build()))
                            .setQuickQuestions(List.of())
                            .build()));
            catalog.pipeInput(
                    ChatCatalogKeys.widgetKey(WIDGET_KEY),
                    entry(ChatWidgetKey.newBuilder()
                            .setPublicKey(WIDGET_KEY)
                            .setTenantId("acme")
                            .setLabel("Help")
                            .setEnabled(true)
                            .setAllowsAllIntents(true)
                            .setAllowedIntents(List.of())
                            .setAllowedOrigins(List.of("*"))
                            .build()));
            TestInputTopic<String, ChatSessionRequested> requests = processor.createInputTopic(
                    Topics.CHAT_REQUESTS.name(),
                    Topics.CHAT_REQUESTS.keySerde().serializer(),
                    Topics.CHAT_REQUESTS.valueSerde().serializer());
            drain(processor, writes, "processor");
            for (int i = 0; i < SESSIONS; i++) {
                String key = UUID.randomUUID().toString();
                requests.pipeInput(
                        key,
                        ChatSessionRequested.newBuilder()
                                .setSessionKey(key)
                                .setRequestedAt(NOW)
                                .setRequestFingerprint("fp")
                                .setPublicKey(WIDGET_KEY)
                                .build(),
                        NOW);
            }
            events = processor
                    .createOutputTopic(
                            Topics.SESSION_EVENTS.name(),
                            new org.apache.kafka.common.serialization.StringDeserializer(),
                            new ByteArrayDeserializer())
                    .readKeyValuesToList();
            writes.merge("processor: " + Topics.SESSION_EVENTS.name(), events.size(), Integer::sum);
            drain(processor, writes, "processor");
        }
        assertThat(events)
                .hasSize(SESSIONS)
                .allSatisfy(event -> assertThat(Topics.SESSION_EVENTS
                                .valueSerde()
                                .deserializer()
                                .deserialize(Topics.SESSION_EVENTS.name(), event.value)
                                .getPayload())
                        .isInstanceOf(SessionCreated.class));
        try (TopologyTestDriver projections = projections()) {
            TestInputTopic<String, byte[]> input = projections.createInputTopic(
                    Topics.SESSION_EVENTS.name(),
                    Topics.SESSION_EVENTS.keySerde().serializer(),
                    new ByteArraySerializer());
            events.forEach(event -> input.pipeInput(event.key, event.value, NOW));
            drain(projections, writes, "projections");
        }

        int total = writes.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "Broker writes for %d created chat sessions: %s, %.2f per session%n",
                SESSIONS, writes, (double) total / SESSIONS);
        assertThat((double) total / SESSIONS)
                .as("broker writes per created session: %s", writes)
                .isLessThanOrEqualTo(4.0);
    }

    /** Counts (and empties) what the driver produced to every topic but session-events, by topic. */
    private static void drain(TopologyTestDriver driver, Map<String, Integer> writes, String component) {
        for (String topic : driver.producedTopicNames()) {
            if (topic.equals(Topics.SESSION_EVENTS.name())) {
                continue;
            }
            TestOutputTopic<byte[], byte[]> output =
                    driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            int records = output.readRecordsToList().size();
            if (records > 0) {
                writes.merge(component + ": " + topic, records, Integer::sum);
            }
        }
    }

    private TopologyTestDriver processor() {
        AtomicLong ids = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        Supplier<UUID> counted = () -> new UUID(0, ids.incrementAndGet());
        SessionProcessorTopology.build(
                builder,
                SessionProcessorTopology.Settings.defaults().withIds(counted),
                List.of(new ChatSessionRules(Duration.ofHours(1), counted)));
        return new TopologyTestDriver(builder.build(), props("processor"), NOW);
    }

    private TopologyTestDriver projections() {
        StreamsBuilder builder = new StreamsBuilder();
        SessionProjectionTopology.build(
                builder,
                new SessionProjectionTopology.Settings(Duration.ofHours(25), Duration.ofSeconds(10)),
                (key, event) -> {},
                List.of());
        return new TopologyTestDriver(builder.build(), props("projections"), NOW);
    }

    private Properties props(String application) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, application);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(application).toString());
        return props;
    }

    private static CatalogEntry entry(Object payload) {
        return CatalogEntry.newBuilder().setUpdatedAt(NOW).setPayload(payload).build();
    }
}
