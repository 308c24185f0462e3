package io.sessionflow.processor;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.chat.ChatRequestProcessor;
import io.sessionflow.chat.ChatSessionCreator;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The session processor: reads each provider's request topic, decides with the catalog (a
 * GlobalKTable over {@code sessionflow.catalog}) and writes the outcome to
 * {@code sessionflow.session-events}. Its own store {@value #SESSIONS_STORE} remembers every session
 * key it has decided, so that a request replayed with the same key never makes a second session.
 */
public final class SessionProcessorTopology {

    public static final String APPLICATION_ID = "sessionflow-processor";
    public static final String CATALOG_STORE = "catalog";
    public static final String SESSIONS_STORE = "processor-sessions";

    /** What the topology needs beyond Kafka: session lifetimes and an id source (fixed in tests). */
    public record Settings(Duration chatSessionTtl, Supplier<UUID> ids) {
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

        ChatSessionCreator chat = new ChatSessionCreator(settings.chatSessionTtl(), settings.ids());
        builder.stream(Topics.CHAT_REQUESTS.name(),
                        Consumed.with(Topics.CHAT_REQUESTS.keySerde(), Topics.CHAT_REQUESTS.valueSerde())
                                .withName("chat-requests"))
                .process(() -> new ChatRequestProcessor(chat, CATALOG_STORE, SESSIONS_STORE),
                        org.apache.kafka.streams.kstream.Named.as("create-chat-session"), SESSIONS_STORE)
                .to(Topics.SESSION_EVENTS.name(),
                        Produced.with(Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde())
                                .withName("session-events-sink"));
    }
}
