package io.sessionflow.processor;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.chat.ChatSessionRules;
import io.sessionflow.liveperson.LivePersonSessionRules;
import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The session processor: reads each provider's request topic, decides with the catalog (a
 * GlobalKTable over {@code sessionflow.catalog}) and writes the outcome to
 * {@code sessionflow.session-events}, one {@link SessionRequestProcessor} per provider. Its stores:
 * {@value #SESSIONS_STORE}, the current state of each session by session key, and
 * {@value #REQUESTS_STORE}, every request key decided (and when), so that a replayed request never
 * makes a second session. Every request topic must have the same partition count: the stores are
 * shared by all providers' processors.
 */
public final class SessionProcessorTopology {

    public static final String APPLICATION_ID = "sessionflow-processor";
    public static final String CATALOG_STORE = "catalog";
    public static final String SESSIONS_STORE = "processor-sessions";
    public static final String REQUESTS_STORE = "processor-requests";

    /**
     * What the topology needs beyond Kafka: session lifetimes and an id source (fixed in tests).
     *
     * @param livePersonSessionTtl how long a LivePerson visit session lives after its latest call
     */
    public record Settings(Duration chatSessionTtl, Duration livePersonSessionTtl, Supplier<UUID> ids) {

        public static final Duration DEFAULT_LIVEPERSON_SESSION_TTL = Duration.ofMinutes(30);

        public Settings(Duration chatSessionTtl, Supplier<UUID> ids) {
            this(chatSessionTtl, DEFAULT_LIVEPERSON_SESSION_TTL, ids);
        }

        public static Settings defaults() {
            return new Settings(Duration.ofHours(1), UUID::randomUUID);
        }
    }

    private SessionProcessorTopology() {
    }

    public static void build(StreamsBuilder builder, Settings settings) {
        builder.globalTable(Topics.CATALOG.name(),
                Consumed.with(Topics.CATALOG.keySerde(), Topics.CATALOG.valueSerde()).withName("catalog-source"),
                Materialized.<String, CatalogEntry, KeyValueStore<Bytes, byte[]>>as(CATALOG_STORE)
                        .withKeySerde(Topics.CATALOG.keySerde())
                        .withValueSerde(Topics.CATALOG.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS_STORE),
                Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REQUESTS_STORE),
                Serdes.String(), Serdes.Long()));

        for (SessionRules<?> rules : rules(settings)) {
            addProvider(builder, rules);
        }
    }

    /** Every provider's rules; a new provider is one more entry here. */
    static List<SessionRules<?>> rules(Settings settings) {
        return List.of(new ChatSessionRules(settings.chatSessionTtl(), settings.ids()),
                new LivePersonSessionRules(settings.livePersonSessionTtl(), settings.ids()));
    }

    private static <R> void addProvider(StreamsBuilder builder, SessionRules<R> rules) {
        Topic<String, R> topic = rules.requests();
        builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.name()))
                .process(() -> new SessionRequestProcessor<>(rules), Named.as("decide-" + topic.name()),
                        SESSIONS_STORE, REQUESTS_STORE)
                .to(Topics.SESSION_EVENTS.name(),
                        Produced.with(Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde())
                                .withName("events-from-" + topic.name()));
    }
}
