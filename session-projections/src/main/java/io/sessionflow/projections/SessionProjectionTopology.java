package io.sessionflow.projections;

import io.sessionflow.algoreg.AlgoregCustomerReferences;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.events.SessionResumed;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The projections: read {@code sessionflow.session-events} into two queryable stores, both
 * partitioned by session key:
 * <ul>
 *   <li>{@value #OUTCOMES_STORE}: the answer to each request ({@code SessionCreated},
 *   {@code SessionResumed} or {@code SessionRejected}) under {@link #outcomeKey}, which the API
 *   waits on;</li>
 *   <li>{@value #SESSIONS_STORE}: the current state of each session, for reads by session key.</li>
 * </ul>
 * and the whole catalog as the global store {@value #CATALOG_STORE}, which the API authenticates
 * callers with, and the Algoreg customer references as the global store
 * {@value AlgoregCustomerReferences#STORE} (restricted data that session reads answer). The query service is told of every stored answer, so that a waiting HTTP request is answered as
 * soon as it is stored.
 */
public final class SessionProjectionTopology {

    public static final String APPLICATION_ID = "sessionflow-projections";
    public static final String OUTCOMES_STORE = "request-outcomes";
    public static final String SESSIONS_STORE = "sessions-by-key";
    public static final String CATALOG_STORE = "catalog-view";

    private SessionProjectionTopology() {
    }

    /** Key of a request's answer in {@value #OUTCOMES_STORE}; a request without a key of its own is its session. */
    public static String outcomeKey(String sessionKey, String requestKey) {
        return sessionKey + "/" + (requestKey == null ? sessionKey : requestKey);
    }

    public static void build(StreamsBuilder builder, SessionUpdateListener listener) {
        builder.globalTable(Topics.CATALOG.name(),
                Consumed.with(Topics.CATALOG.keySerde(), Topics.CATALOG.valueSerde()).withName("catalog-source"),
                Materialized.<String, CatalogEntry, KeyValueStore<Bytes, byte[]>>as(CATALOG_STORE)
                        .withKeySerde(Topics.CATALOG.keySerde())
                        .withValueSerde(Topics.CATALOG.valueSerde()));
        AlgoregCustomerReferences.addTo(builder);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OUTCOMES_STORE),
                        Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde())
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS_STORE),
                        Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde())
                .withCachingDisabled());
        builder.stream(Topics.SESSION_EVENTS.name(),
                        Consumed.with(Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde())
                                .withName("session-events"))
                .process(() -> new SessionProjector(listener), Named.as("project-sessions"),
                        OUTCOMES_STORE, SESSIONS_STORE);
    }

    static final class SessionProjector implements Processor<String, SessionEvent, Void, Void> {

        private final SessionUpdateListener listener;
        private KeyValueStore<String, SessionEvent> outcomes;
        private KeyValueStore<String, SessionEvent> sessions;

        SessionProjector(SessionUpdateListener listener) {
            this.listener = listener;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            outcomes = context.getStateStore(OUTCOMES_STORE);
            sessions = context.getStateStore(SESSIONS_STORE);
        }

        @Override
        public void process(Record<String, SessionEvent> record) {
            SessionEvent event = record.value();
            if (record.key() == null || event == null) {
                return;
            }
            Object payload = event.getPayload();
            if (payload instanceof SessionCreated || payload instanceof SessionResumed) {
                sessions.put(record.key(), event);
            }
            if (payload instanceof SessionCreated || payload instanceof SessionResumed
                    || payload instanceof SessionRejected) {
                String key = outcomeKey(record.key(), event.getRequestKey());
                outcomes.put(key, event);
                listener.outcomeStored(key, event);
            }
        }
    }
}
