package io.sessionflow.projections;

import java.time.Duration;
import java.time.Instant;

import io.sessionflow.algoreg.AlgoregCustomerReferences;
import io.sessionflow.kafka.DeadlineIndex;
import io.sessionflow.schemas.SessionStates;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.events.SessionResumed;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The projections: read {@code sessionflow.session-events} into two queryable stores, both
 * partitioned by session key, which keep events as they arrived ({@link EncodedSessionEvent}):
 * <ul>
 *   <li>{@value #OUTCOMES_STORE}: the answer to each request ({@code SessionCreated},
 *   {@code SessionResumed} or {@code SessionRejected}) under {@link #outcomeKey}, which the API
 *   waits on, kept for the outcome retention ({@value #DEADLINES_STORE} says until when);</li>
 *   <li>{@value #SESSIONS_STORE}: the current state of each live session ({@link SessionStates#kept}),
 *   for reads by session key;
 *   {@code SessionExtended} moves its expiry, an expired session leaves it.</li>
 * </ul>
 * and the whole catalog as the global store {@value #CATALOG_STORE}, which the API authenticates
 * callers with, and the Algoreg customer references as the global store
 * {@value AlgoregCustomerReferences#STORE} (restricted data that session reads answer). The query
 * service is told of every stored answer, so that a waiting HTTP request is answered as soon as it
 * is stored.
 */
public final class SessionProjectionTopology {

    public static final String APPLICATION_ID = "sessionflow-projections";
    public static final String OUTCOMES_STORE = "request-outcomes";
    public static final String SESSIONS_STORE = "sessions-by-key";
    public static final String CATALOG_STORE = "catalog-view";
    public static final String DEADLINES_STORE = "projection-deadlines";

    /**
     * @param outcomeRetention how long a request's answer is kept: longer than the processor keeps
     *                         request keys, so that no retry the processor would de-duplicate finds
     *                         its answer gone
     * @param purgeInterval    how often answers past their retention are looked for
     */
    public record Settings(Duration outcomeRetention, Duration purgeInterval) {
        public static Settings defaults() {
            return new Settings(Duration.ofHours(25), Duration.ofSeconds(10));
        }
    }

    private SessionProjectionTopology() {
    }

    /** Key of a request's answer in {@value #OUTCOMES_STORE}; a request without a key of its own is its session. */
    public static String outcomeKey(String sessionKey, String requestKey) {
        return sessionKey + "/" + (requestKey == null ? sessionKey : requestKey);
    }

    public static void build(StreamsBuilder builder, Settings settings, SessionUpdateListener listener) {
        builder.globalTable(Topics.CATALOG.name(),
                Consumed.with(Topics.CATALOG.keySerde(), Topics.CATALOG.valueSerde()).withName("catalog-source"),
                Materialized.<String, CatalogEntry, KeyValueStore<Bytes, byte[]>>as(CATALOG_STORE)
                        .withKeySerde(Topics.CATALOG.keySerde())
                        .withValueSerde(Topics.CATALOG.valueSerde()));
        AlgoregCustomerReferences.addTo(builder);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OUTCOMES_STORE),
                        Topics.SESSION_EVENTS.keySerde(), EncodedSessionEvent.SERDE)
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS_STORE),
                        Topics.SESSION_EVENTS.keySerde(), EncodedSessionEvent.SERDE)
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINES_STORE),
                Serdes.String(), Serdes.String()));
        builder.stream(Topics.SESSION_EVENTS.name(),
                        Consumed.with(Topics.SESSION_EVENTS.keySerde(), EncodedSessionEvent.SERDE)
                                .withName("session-events"))
                .process(() -> new SessionProjector(settings, listener), Named.as("project-sessions"),
                        OUTCOMES_STORE, SESSIONS_STORE, DEADLINES_STORE);
    }

    static final class SessionProjector implements Processor<String, EncodedSessionEvent, Void, Void> {

        private static final String OUTCOME = "outcome";
        private static final int PURGE_BATCH = 10_000;

        private final Settings settings;
        private final SessionUpdateListener listener;
        private KeyValueStore<String, EncodedSessionEvent> outcomes;
        private KeyValueStore<String, EncodedSessionEvent> sessions;
        private DeadlineIndex deadlines;

        SessionProjector(Settings settings, SessionUpdateListener listener) {
            this.settings = settings;
            this.listener = listener;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            outcomes = context.getStateStore(OUTCOMES_STORE);
            sessions = context.getStateStore(SESSIONS_STORE);
            deadlines = new DeadlineIndex(context.getStateStore(DEADLINES_STORE));
            context.schedule(settings.purgeInterval(), PunctuationType.WALL_CLOCK_TIME,
                    now -> purge(Instant.ofEpochMilli(now)));
        }

        @Override
        public void process(Record<String, EncodedSessionEvent> record) {
            EncodedSessionEvent encoded = record.value();
            if (record.key() == null || encoded == null) {
                return;
            }
            SessionEvent event = encoded.event();
            Object payload = event.getPayload();
            if (payload instanceof SessionCreated || payload instanceof SessionResumed) {
                SessionEvent kept = SessionStates.kept(event);
                sessions.put(record.key(), kept == event ? encoded : EncodedSessionEvent.encode(kept));
            } else if (payload instanceof SessionExpired) {
                sessions.delete(record.key());
            } else if (payload instanceof SessionExtended extended) {
                EncodedSessionEvent session = sessions.get(record.key());
                if (session != null) {
                    sessions.put(record.key(), EncodedSessionEvent.encode(
                            SessionStates.withExpiry(session.event(), extended.getExpiresAt())));
                }
            }
            if (payload instanceof SessionCreated || payload instanceof SessionResumed
                    || payload instanceof SessionRejected) {
                String key = outcomeKey(record.key(), event.getRequestKey());
                outcomes.put(key, encoded);
                deadlines.add(event.getOccurredAt().plus(settings.outcomeRetention()), OUTCOME, key);
                listener.outcomeStored(key, encoded);
            }
        }

        private void purge(Instant now) {
            for (DeadlineIndex.Due due : deadlines.dueBy(OUTCOME, now, PURGE_BATCH)) {
                outcomes.delete(due.key());
                deadlines.done(due);
            }
        }
    }
}
