package io.sessionflow.projections;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The projections: reads {@code sessionflow.session-events} into the queryable store
 * {@value #SESSIONS_BY_KEY_STORE} (the outcome of each session key) and tells the query service
 * of every update, so that a waiting HTTP request is answered as soon as its outcome is stored.
 */
public final class SessionProjectionTopology {

    public static final String APPLICATION_ID = "sessionflow-projections";
    public static final String SESSIONS_BY_KEY_STORE = "sessions-by-key";

    private SessionProjectionTopology() {
    }

    public static void build(StreamsBuilder builder, SessionUpdateListener listener) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS_BY_KEY_STORE),
                        Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde())
                .withCachingDisabled());
        builder.stream(Topics.SESSION_EVENTS.name(),
                        Consumed.with(Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde())
                                .withName("session-events"))
                .process(() -> new SessionsByKeyProjector(listener), Named.as("project-sessions-by-key"),
                        SESSIONS_BY_KEY_STORE);
    }

    /** Keeps the latest outcome of each session key. */
    static final class SessionsByKeyProjector implements Processor<String, SessionEvent, Void, Void> {

        private final SessionUpdateListener listener;
        private KeyValueStore<String, SessionEvent> store;

        SessionsByKeyProjector(SessionUpdateListener listener) {
            this.listener = listener;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(SESSIONS_BY_KEY_STORE);
        }

        @Override
        public void process(Record<String, SessionEvent> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            store.put(record.key(), record.value());
            listener.sessionUpdated(record.key(), record.value());
        }
    }
}
