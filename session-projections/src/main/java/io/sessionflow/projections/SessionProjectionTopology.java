package io.sessionflow.projections;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.kafka.DeadlineIndex;
import io.sessionflow.schemas.kafka.WarmUpHeader;
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
import org.apache.kafka.streams.state.WindowStore;

/**
 * The projections: read {@code sessionflow.session-events} into queryable stores, partitioned by
 * session key, which keep events as they arrived ({@link EncodedSessionEvent}):
 * <ul>
 *   <li>{@value #SESSIONS_STORE}: one entry per live session ({@link ProjectedSession}): the event that
 *   made its state, which is also the answer to that event's request, and its current expiry
 *   ({@code SessionExtended} moves it); an expired session leaves it. A created session is one write;</li>
 *   <li>{@value #ANSWERS_STORE}: the other answers, which the API waits on under {@link #outcomeKey}:
 *   rejections, and a session's answer once its state leaves (expiry) or another request's answer
 *   replaces it; a window store by the answer's time with the outcome retention, which forgets by
 *   dropping old segments;</li>
 *   <li>{@value #LEGACY_OUTCOMES_STORE} and {@value #DEADLINES_STORE}: answers stored before this
 *   layout, read until their retention ends and purged then; nothing new is added to them.</li>
 * </ul>
 * and the whole catalog as the global store {@value #CATALOG_STORE}, which the API authenticates
 * callers with, and every registered provider's own stores ({@link ProviderProjection}). The query
 * service is told of every stored answer, so that a waiting HTTP request is answered as soon as it
 * is stored ({@link ProjectionReads} reads them). An event marked by the warm-up header is only told to
 * the query service (its call waits for it), never stored.
 */
public final class SessionProjectionTopology {

    public static final String APPLICATION_ID = "sessionflow-projections";
    public static final String SESSIONS_STORE = "sessions-by-key";
    public static final String ANSWERS_STORE = "request-answers";
    public static final String LEGACY_OUTCOMES_STORE = "request-outcomes";
    public static final String CATALOG_STORE = "catalog-view";
    public static final String DEADLINES_STORE = "projection-deadlines";

    /**
     * @param outcomeRetention how long a request's answer is kept: longer than the processor keeps
     *                         request keys, so that no retry the processor would de-duplicate finds
     *                         its answer gone
     * @param purgeInterval    how often answers of the old layout past their retention are looked for
     */
    public record Settings(Duration outcomeRetention, Duration purgeInterval) {
        public static Settings defaults() {
            return new Settings(Duration.ofHours(25), Duration.ofSeconds(10));
        }
    }

    private SessionProjectionTopology() {}

    /** Key of a request's answer; a request without a key of its own is its session. */
    public static String outcomeKey(String sessionKey, String requestKey) {
        return sessionKey + "/" + (requestKey == null ? sessionKey : requestKey);
    }

    /** @param providers the providers' own stores, each registered {@link ProviderProjection} */
    public static void build(
            StreamsBuilder builder,
            Settings settings,
            SessionUpdateListener listener,
            Collection<? extends ProviderProjection> providers) {
        builder.globalTable(
                Topics.CATALOG.name(),
                Consumed.with(Topics.CATALOG.keySerde(), Topics.CATALOG.valueSerde())
                        .withName("catalog-source"),
                Materialized.<String, CatalogEntry, KeyValueStore<Bytes, byte[]>>as(CATALOG_STORE)
                        .withKeySerde(Topics.CATALOG.keySerde())
                        .withValueSerde(Topics.CATALOG.valueSerde()));
        providers.forEach(provider -> provider.addTo(builder));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SESSIONS_STORE),
                        Topics.SESSION_EVENTS.keySerde(),
                        ProjectedSession.SERDE)
                .withCachingDisabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                ANSWERS_STORE, settings.outcomeRetention(), Duration.ofMillis(1), false),
                        Topics.SESSION_EVENTS.keySerde(),
                        EncodedSessionEvent.SERDE)
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(LEGACY_OUTCOMES_STORE),
                        Topics.SESSION_EVENTS.keySerde(),
                        EncodedSessionEvent.SERDE)
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEADLINES_STORE), Serdes.String(), Serdes.String()));
        builder.stream(
                        Topics.SESSION_EVENTS.name(),
                        Consumed.with(Topics.SESSION_EVENTS.keySerde(), EncodedSessionEvent.SERDE)
                                .withName("session-events"))
                .process(
                        () -> new SessionProjector(settings, listener),
                        Named.as("project-sessions"),
                        SESSIONS_STORE,
                        ANSWERS_STORE,
                        LEGACY_OUTCOMES_STORE,
                        DEADLINES_STORE);
    }

    static final class SessionProjector implements Processor<String, EncodedSessionEvent, Void, Void> {

        private static final String OUTCOME = "outcome";
        private static final int PURGE_BATCH = 10_000;

        private final Settings settings;
        private final SessionUpdateListener listener;
        private KeyValueStore<String, ProjectedSession> sessions;
        private WindowStore<String, EncodedSessionEvent> answers;
        private KeyValueStore<String, EncodedSessionEvent> legacyOutcomes;
        private DeadlineIndex deadlines;
        private ProcessorContext<Void, Void> context;

        SessionProjector(Settings settings, SessionUpdateListener listener) {
            this.settings = settings;
            this.listener = listener;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            sessions = context.getStateStore(SESSIONS_STORE);
            answers = context.getStateStore(ANSWERS_STORE);
            legacyOutcomes = context.getStateStore(LEGACY_OUTCOMES_STORE);
            deadlines = new DeadlineIndex(context.getStateStore(DEADLINES_STORE));
            context.schedule(
                    settings.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, now -> purge(Instant.ofEpochMilli(now)));
        }

        @Override
        public void process(Record<String, EncodedSessionEvent> record) {
            EncodedSessionEvent encoded = record.value();
            if (record.key() == null || encoded == null) {
                return;
            }
            String sessionKey = record.key();
            String key = outcomeKey(sessionKey, encoded.requestKey());
            if (record.headers().lastHeader(WarmUpHeader.NAME) != null) {
                // the warm-up's answer: to its waiting call, and into no store (nor changelog)
                listener.outcomeStored(key, encoded);
                return;
            }
            switch (encoded.kind()) {
                case SESSION_CREATED, SESSION_RESUMED -> {
                    ProjectedSession previous = sessions.get(sessionKey);
                    if (previous != null && !key.equals(previous.outcomeKey(sessionKey))) {
                        keepAnswer(sessionKey, previous);
                    }
                    sessions.put(sessionKey, ProjectedSession.of(encoded));
                    listener.outcomeStored(key, encoded);
                }
                case SESSION_REJECTED -> {
                    answers.put(key, encoded, encoded.occurredAt().toEpochMilli());
                    listener.outcomeStored(key, encoded);
                }
                case SESSION_EXPIRED -> {
                    ProjectedSession previous = sessions.get(sessionKey);
                    if (previous != null) {
                        sessions.delete(sessionKey);
                        keepAnswer(sessionKey, previous);
                    }
                }
                case SESSION_EXTENDED -> {
                    ProjectedSession session = sessions.get(sessionKey);
                    if (session != null) {
                        SessionExtended extended =
                                (SessionExtended) encoded.event().getPayload();
                        sessions.put(sessionKey, session.withExpiry(extended.getExpiresAt()));
                    }
                }
                default -> {
                    // engagement offers and impressions: no store of these projections holds them
                }
            }
        }

        /** The answer a leaving or replaced state held, kept until its retention ends (older ones are dropped). */
        private void keepAnswer(String sessionKey, ProjectedSession state) {
            String key = state.outcomeKey(sessionKey);
            Instant answeredAt = state.event().occurredAt();
            if (key != null
                    && answeredAt.plus(settings.outcomeRetention()).toEpochMilli() > context.currentSystemTimeMs()) {
                answers.put(key, state.event(), answeredAt.toEpochMilli());
            }
        }

        private void purge(Instant now) {
            for (DeadlineIndex.Due due : deadlines.dueBy(OUTCOME, now, PURGE_BATCH)) {
                legacyOutcomes.delete(due.key());
                deadlines.done(due);
            }
        }
    }
}
