package io.sessionflow.schemas.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * How every sessionflow service talks to Kafka: one place for the cluster address, topic layout
 * and the reliability settings (idempotent producers with {@code acks=all}, Streams apps with
 * {@code exactly_once_v2}, undecodable records to the dead-letter topic).
 *
 * @param bootstrapServers the cluster
 * @param partitions       partitions of each topic sessionflow creates
 * @param replicationFactor replication of those topics and of the Streams apps' internal topics
 * @param commitInterval   Streams commit interval: under exactly-once, the latency a record waits
 *                         before the next hop can read it
 * @param stateDir         where the Streams apps keep their local state
 * @param client           extra client properties for every client (security settings, for instance); the
 *                         Streams apps' producer batching ({@code producer.linger.ms},
 *                         {@code producer.batch.size}) can be set here too
 * @param components       client properties of one component, over {@code client}: its own principal's
 *                         credentials, for instance (see {@link #forComponent})
 * @param sessionTimeout   the Streams apps' consumer session timeout: how long the group waits for an instance
 *                         that stopped heartbeating (SIGKILLed, cut off) before its tasks move to the others; it
 *                         heartbeats every half second, or every third of it when that is shorter. A
 *                         {@code session.timeout.ms} or {@code heartbeat.interval.ms} among the client properties
 *                         wins
 */
public record KafkaSettings(
        String bootstrapServers,
        int partitions,
        short replicationFactor,
        Duration commitInterval,
        String stateDir,
        Map<String, String> client,
        Map<KafkaComponent, Map<String, String>> components,
        Duration sessionTimeout) {

    /**
     * A SIGKILLed instance's tasks move after this, not after Kafka's 45 s default: the brokers' least
     * {@code group.min.session.timeout.ms} (6 s by default). Measured on the cluster
     * deployment, a processor instance's SIGKILL cost a longest gap of 11.5 s and sessions served again after
     * 18.5 s with 10 s; 3.4 s and 9.2 s with this (README, Reliability).
     */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(6);

    /**
     * A member learns that its group rebalances (another left or joined) from the answer to its next heartbeat, so
     * this bounds how long the others wait before taking over a stopped instance's tasks: Kafka's 3 s, measured in
     * a rolling restart, kept the partitions of an instance that had left without an owner for 2.3 s; with 1 s the
     * other processor instance still noticed a leave up to 1.4 s after it, against a 3 s outcome-wait.
     */
    public static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofMillis(500);

    /** At least the default commit interval: a commit sends what is left. */
    public static final int STREAMS_LINGER_MS = 100;

    private static final int STREAMS_BATCH_BYTES = 512 * 1024;

    /**
     * A transaction's first write to a partition is refused with {@code CONCURRENT_TRANSACTIONS} while the
     * previous transaction's markers are still being written, which a commit every few milliseconds meets whenever
     * the brokers slow down. The refusal lasts milliseconds, but the producer's retries back off from Kafka's
     * 100 ms up to 1 s: measured in a rolling restart on the cluster deployment, creates then waited more than the
     * 5 s outcome-wait. These bounds keep the retry close to the refusal.
     */
    private static final int STREAMS_RETRY_BACKOFF_MS = 10;

    private static final int STREAMS_RETRY_BACKOFF_MAX_MS = 100;

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are not set");
        }
        client = client == null ? Map.of() : Map.copyOf(client);
        components = components == null ? Map.of() : Map.copyOf(components);
        sessionTimeout = sessionTimeout == null ? DEFAULT_SESSION_TIMEOUT : sessionTimeout;
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("The Kafka session timeout must be positive: " + sessionTimeout);
        }
    }

    /** The same client properties for every component. */
    public KafkaSettings(
            String bootstrapServers,
            int partitions,
            short replicationFactor,
            Duration commitInterval,
            String stateDir,
            Map<String, String> client) {
        this(bootstrapServers, partitions, replicationFactor, commitInterval, stateDir, client, Map.of(), null);
    }

    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(
                servers, partitions, replicationFactor, commitInterval, stateDir, client, components, sessionTimeout);
    }

    /** The settings {@code component}'s clients use: its own client properties over every client's. */
    public KafkaSettings forComponent(KafkaComponent component) {
        Map<String, String> merged = new HashMap<>(client);
        merged.putAll(components.getOrDefault(component, Map.of()));
        return new KafkaSettings(
                bootstrapServers,
                partitions,
                replicationFactor,
                commitInterval,
                stateDir,
                merged,
                Map.of(),
                sessionTimeout);
    }

    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(client);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** An idempotent producer that waits for all in-sync replicas and gives up after {@code deliveryTimeout}. */
    public Map<String, Object> producerConfig(Duration deliveryTimeout) {
        Map<String, Object> config = adminConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        int timeoutMs = (int) deliveryTimeout.toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(timeoutMs - 1, 1));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        return config;
    }

    public Map<String, Object> streamsConfig(String applicationId) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        config.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        config.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER.name());
        config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        // Under exactly-once nothing a Streams app writes can be read before its commit, which flushes: its
        // producers batch until then (or until a batch is full), in fewer and larger produce requests.
        config.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), STREAMS_LINGER_MS);
        config.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), STREAMS_BATCH_BYTES);
        config.putIfAbsent(
                StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), STREAMS_RETRY_BACKOFF_MS);
        config.putIfAbsent(
                StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), STREAMS_RETRY_BACKOFF_MAX_MS);
        // A task's input partitions are synchronized by timestamp for joins and merges; no topology here has one
        // (a record is decided by its own key's state). Kafka's default still checks, before every record, each
        // empty input partition (a processor task has one per provider), formatting a log line for each even
        // with logging off: a tenth of the processor's stream thread.
        config.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int)
                Math.min(sessionTimeout.toMillis() / 3, MAX_HEARTBEAT_INTERVAL.toMillis()));
        return config;
    }
}
