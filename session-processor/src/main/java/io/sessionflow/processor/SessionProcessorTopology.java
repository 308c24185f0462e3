package io.sessionflow.processor;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.secrets.RandomIds;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The session processor: reads each provider's request topic, decides with the catalog (a
 * GlobalKTable over {@code sessionflow.catalog}) and writes the outcome to
 * {@code sessionflow.session-events}, one {@link SessionRequestProcessor} per provider's registered
 * {@link SessionRules} (in the order of {@code Provider}, whatever order they are handed in). Its stores:
 * {@value #SESSIONS_STORE}, the current state of each session by session key (with the request key
 * that made it; compact, {@link SessionStateStore}), {@value #REQUEST_KEYS_STORE}, the other request keys decided within the request
 * retention (a window store, which forgets by dropping old segments), so that a replayed request
 * never makes a second session ({@link DecidedRequests}), and {@value #DEADLINES_STORE}, when each
 * session expires. A created session is so three writes: its event, its state and its deadline. Every request topic must have the same partition count: the stores are
 * shared by all providers' processors. A provider that keeps personal data with its sessions
 * ({@link SessionRules#keptData}) gets it written to its own
 * restricted topic, in the same transaction as the events. Uses of sessions
 * ({@code sessionflow.session-activity}) extend the sessions that have an idle timeout
 * ({@link SessionActivityProcessor}).
 */
public final class SessionProcessorTopology {

    public static final String APPLICATION_ID = "sessionflow-processor";
    public static final String CATALOG_STORE = "catalog";
    public static final String SESSIONS_STORE = "processor-sessions";
    public static final String REQUEST_KEYS_STORE = "processor-request-keys";
    /** Request keys as the processor kept them before {@link #REQUEST_KEYS_STORE}: read and forgotten, never added to. */
    public static final String LEGACY_REQUESTS_STORE = "processor-requests";

    public static final String DEADLINES_STORE = "processor-deadlines";

    /**
     * What the topology needs beyond Kafka and the providers' rules, which carry their own settings (fixed in tests).
     *
     * @param requestRetention how long a request key is remembered: an idempotent retry within it
     *                         answers the first outcome
     * @param expiryInterval   how often due sessions and request keys are looked for
     * @param commitInterval   how soon a decision on a fresh request is committed ({@link DecisionCommits})
     * @param backlogCommitInterval how soon anything else the processor writes is committed
     * @param backlogAge       how long after it was sent a request is still fresh
     * @param ids              the source of the ids the topology itself makes (expiry and extension events)
     */
    public record Settings(
            Duration requestRetention,
            Duration expiryInterval,
            Duration commitInterval,
            Duration backlogCommitInterval,
            Duration backlogAge,
            Supplier<UUID> ids) {
        public static Settings defaults() {
            return new Settings(
                    Duration.ofHours(24),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(10),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    RandomIds.source());
        }

        /** These settings with another id source (tests fix it). */
        public Settings withIds(Supplier<UUID> ids) {
            return new Settings(
                    requestRetention, expiryInterval, commitInterval, backlogCommitInterval, backlogAge, ids);
        }
    }

    private SessionProcessorTopology() {}

    /** @param rules every provider's rules, one each (a second one for a provider or a request topic is refused) */
    public static void build(StreamsBuilder builder, Settings settings, Collection<? extends SessionRules<?>> rules) {
        List<? extends SessionRules<?>> providers = inProviderOrder(rules);
        builder.globalTable(
                Topics.CATALOG.name(),
                Consumed.with(Topics.CATALOG.keySerde(), Topics.CATALOG.valueSerde())
                        .withName("catalog-source"),
                Materialized.<String, CatalogEntry, KeyValueStore<Bytes, byte[]>>as(CATALOG_STORE)
                        .withKeySerde(Topics.CATALOG.keySerde())
                        .withValueSerde(Topics.CATALOG.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SESSIONS_STORE),
                Topics.SESSION_EVENTS.keySerde(),
                new ProcessorSessionStateSerde()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(
                        REQUEST_KEYS_STORE, settings.requestRetention(), Duration.ofMillis(1), false),
                Serdes.String(),
                Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LEGACY_REQUESTS_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEADLINES_STORE), Serdes.String(), Serdes.String()));

        boolean first = true;
        for (SessionRules<?> provider : providers) {
            addProvider(builder, provider, settings, first);
            first = false;
        }
        builder.stream(
                        Topics.SESSION_ACTIVITY.name(),
                        Consumed.with(Topics.SESSION_ACTIVITY.keySerde(), Topics.SESSION_ACTIVITY.valueSerde())
                                .withName(Topics.SESSION_ACTIVITY.name()))
                .process(
                        () -> new SessionActivityProcessor(settings),
                        Named.as("extend-idle-sessions"),
                        SESSIONS_STORE,
                        DEADLINES_STORE)
                .to(
                        Topics.SESSION_EVENTS.name(),
                        Produced.with(Topics.SESSION_EVENTS.keySerde(), Topics.SESSION_EVENTS.valueSerde())
                                .withName("events-from-activity"));
    }

    private static List<? extends SessionRules<?>> inProviderOrder(Collection<? extends SessionRules<?>> rules) {
        Set<Provider> providers = new HashSet<>();
        Set<String> topics = new HashSet<>();
        for (SessionRules<?> provider : rules) {
            if (!providers.add(provider.provider())
                    || !topics.add(provider.requests().name())) {
                throw new IllegalArgumentException("Two rules for " + provider.provider() + " or for "
                        + provider.requests().name() + ": a provider has one rules and one request topic");
            }
        }
        return rules.stream()
                .sorted(Comparator.comparing(provider -> provider.provider()))
                .toList();
    }

    /** @param forgetsRequests whether this provider's processor forgets expired request keys (one per task does) */
    private static <R extends GenericRecord> void addProvider(
            StreamsBuilder builder, SessionRules<R> rules, Settings settings, boolean forgetsRequests) {
        Topic<String, R> topic = rules.requests();
        KStream<String, SpecificRecord> decided = builder.stream(
                        topic.name(),
                        Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.name()))
                .process(
                        () -> new SessionRequestProcessor<>(rules, settings, forgetsRequests),
                        Named.as("decide-" + topic.name()),
                        SESSIONS_STORE,
                        REQUEST_KEYS_STORE,
                        LEGACY_REQUESTS_STORE,
                        DEADLINES_STORE);
        BranchedKStream<String, SpecificRecord> routes = decided.split(Named.as("route-" + topic.name() + "-"));
        routes.branch(
                (key, value) -> value instanceof SessionEvent,
                Branched.withConsumer(
                        events -> events.mapValues(value -> (SessionEvent) value, Named.as("as-events-" + topic.name()))
                                .to(
                                        Topics.SESSION_EVENTS.name(),
                                        Produced.with(
                                                        Topics.SESSION_EVENTS.keySerde(),
                                                        Topics.SESSION_EVENTS.valueSerde())
                                                .withName("events-from-" + topic.name())),
                        "events"));
        rules.keptData()
                .ifPresentOrElse(
                        kept -> routes.defaultBranch(
                                Branched.withConsumer(stream -> toKeptData(stream, kept.topic()), "kept")),
                        routes::noDefaultBranch);
    }

    /** Everything but the events is the provider's kept data, of the topic's value type, or its tombstone (null). */
    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> void toKeptData(
            KStream<String, SpecificRecord> stream, Topic<String, V> topic) {
        stream.mapValues(value -> (V) value, Named.as("as-" + topic.name()))
                .to(
                        topic.name(),
                        Produced.with(topic.keySerde(), topic.valueSerde()).withName("to-" + topic.name()));
    }
}
