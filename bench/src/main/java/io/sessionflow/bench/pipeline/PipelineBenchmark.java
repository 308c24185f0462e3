package io.sessionflow.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sessionflow.bench.app.AppMemory;
import io.sessionflow.bench.app.AppProcess;
import io.sessionflow.bench.app.DataDirectories;
import io.sessionflow.bench.app.MachineCpu;
import io.sessionflow.bench.app.Ports;
import io.sessionflow.bench.workload.ProviderWorkload;
import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.processor.SessionProcessorTopology;
import io.sessionflow.projections.query.SessionQueryController;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.kafka.KafkaSettings;
import io.sessionflow.schemas.kafka.TopicProvisioner;
import io.sessionflow.schemas.kafka.WarmUpHeader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Pipeline throughput from a standing start, for one N:
 * <ol>
 *   <li>an embedded broker is started in this JVM on a fresh data directory, the sessionflow
 *   topics are created, N request events are written to the workload's request topic, and the
 *   broker is stopped;</li>
 *   <li>the app is started on that same data directory (its embedded broker finds the N records
 *   waiting), so that the processor and the projections start from nothing with the whole backlog;</li>
 *   <li>done is the first moment at which the session of the last record of every request
 *   partition is queryable through the projections ({@code GET /internal/sessions/<key>} on the
 *   internal port answers 200, polled every {@value #POLL_MILLIS} ms): records of a partition are decided and projected
 *   in order, so then every session is;</li>
 *   <li>session-events is read back ({@code read_committed}) to count what the processor wrote and
 *   to find its first decision ({@code occurredAt} is the processor's wall clock, on this machine).</li>
 * </ol>
 * Sessions per second = N / (done - first decision). The app's start-up (JVM, broker, Streams
 * rebalance) is reported beside it, not inside it.
 */
public final class PipelineBenchmark {

    static final long POLL_MILLIS = 100;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final Path workDir;
    private final int partitions;
    private final Duration timeout;
    private final boolean keepData;
    private final AppProcess.ConfigFactory appConfig;
    private final PrintStream console;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param workDir    where the data directories go
     * @param partitions partitions of the sessionflow topics (the app must be told the same)
     * @param timeout    how long the app may take to process the backlog once ready
     * @param keepData   whether to keep each run's data directory (else deleted when the run ends)
     * @param appConfig  the app's configuration for a phase
     */
    public PipelineBenchmark(
            Path workDir,
            int partitions,
            Duration timeout,
            boolean keepData,
            AppProcess.ConfigFactory appConfig,
            PrintStream console) {
        this.workDir = workDir;
        this.partitions = partitions;
        this.timeout = timeout;
        this.keepData = keepData;
        this.appConfig = appConfig;
        this.console = console;
    }

    public PipelineResult run(ProviderWorkload workload, long sessions) throws IOException, InterruptedException {
        Path dataDir = workDir.resolve("pipeline-" + sessions);
        try {
            return measure(workload, sessions, dataDir);
        } finally {
            if (!keepData) {
                DataDirectories.delete(dataDir);
            }
        }
    }

    private PipelineResult measure(ProviderWorkload workload, long sessions, Path dataDir)
            throws IOException, InterruptedException {
        String phase = dataDir.getFileName().toString();
        // one port for the pre-producing broker and then the app's: the same broker, on the same data
        int brokerPort = Ports.free();
        KafkaSettings settings = new KafkaSettings(
                "127.0.0.1:" + brokerPort,
                partitions,
                (short) 1,
                Duration.ofMillis(100),
                dataDir.resolve("streams").toString(),
                Map.of());

        console.printf(
                "[%s] writing %,d %s request events before the app starts%n", phase, sessions, workload.provider());
        RequestPreProducer.Produced produced;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(brokerPort)
                .dataDir(dataDir.resolve("kafka"))
                .defaultPartitions(partitions)
                .build()) {
            broker.start();
            TopicProvisioner.ensureTopics(settings);
            produced = RequestPreProducer.produce(settings, workload, sessions);
        }
        console.printf("[%s] wrote them in %.1f s; starting the app%n", phase, produced.nanos() / 1e9);

        AppProcess app = AppProcess.start(appConfig.config(phase, dataDir, brokerPort));
        // from the launch, seconds before the first decision; started only once there is an app to wait for
        MachineCpu.Recorder machineCpu = new MachineCpu.Recorder();
        AppMemory memory;
        Instant ready;
        Instant done;
        try {
            ready = app.awaitReady(READY_TIMEOUT);
            console.printf(
                    "[%s] app ready after %.1f s; waiting for the last sessions%n",
                    phase, Duration.between(app.launchedAt(), ready).toMillis() / 1000.0);
            done = awaitQueryable(app, produced, settings, phase);
        } catch (RuntimeException | InterruptedException e) {
            app.stop();
            throw e;
        } finally {
            machineCpu.close();
        }
        EventCount events = countEvents(settings, sessions);
        try {
            BrokerWrites.Count writes = BrokerWrites.count(settings.adminConfig());
            String table = writes.describe(sessions);
            console.printf("[%s] records by topic, %,d sessions:%n%s", phase, sessions, table);
            Files.writeString(workDir.getParent().resolve("broker-writes-" + phase + ".md"), table);
        } catch (Exception e) {
            console.printf("[%s] records by topic not counted: %s%n", phase, e);
        }
        memory = app.stop();
        if (events.firstOccurredAt == null) {
            throw new IllegalStateException("No session event was read back from " + Topics.SESSION_EVENTS.name());
        }
        return new PipelineResult(
                workload.provider(),
                sessions,
                partitions,
                produced.nanos(),
                produced.avgKeyBytes(),
                produced.avgValueBytes(),
                app.launchedAt(),
                ready,
                events.firstOccurredAt,
                events.lastOccurredAt,
                done,
                events.byType,
                events.avgValueBytes(),
                PipelineResult.ratesByTenth(events.sortedDecisionMillis()),
                memory,
                machineCpu.between(events.firstOccurredAt, done));
    }

    private Instant awaitQueryable(
            AppProcess app, RequestPreProducer.Produced produced, KafkaSettings settings, String phase)
            throws InterruptedException {
        Set<String> waiting = new HashSet<>(produced.lastKeyByPartition().values());
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            while (true) {
                waiting.removeIf(key -> queryable(app, key));
                if (waiting.isEmpty()) {
                    return Instant.now();
                }
                if (!app.isAlive()) {
                    throw new IllegalStateException(
                            "The app exited while processing; its last lines:" + System.lineSeparator() + app.tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The last sessions were not queryable within " + timeout);
                }
                if (System.nanoTime() > nextProgress) {
                    console.printf(
                            "[%s] processor has committed %,d of %,d requests%n",
                            phase,
                            committed(admin, SessionProcessorTopology.APPLICATION_ID, produced.topic()),
                            produced.records());
                    nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    /** Asks the app's internal query endpoint (its internal port, with its internal credential). */
    private boolean queryable(AppProcess app, String sessionKey) {
        URI uri = app.internalUri()
                .resolve(SessionQueryController.PATH + "/" + URLEncoder.encode(sessionKey, StandardCharsets.UTF_8)
                        + "?waitMs=0");
        try {
            return http.send(
                                    HttpRequest.newBuilder(uri)
                                            .header("Authorization", app.internalAuthorization())
                                            .timeout(Duration.ofSeconds(5))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The sum of a consumer group's committed offsets on a topic: progress, for the console only. */
    private static long committed(Admin admin, String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static final class EventCount {
        final Map<String, Long> byType = new TreeMap<>();
        long valueBytes;
        long count;
        Instant firstOccurredAt;
        Instant lastOccurredAt;
        long[] decidedAt = new long[1024];

        double avgValueBytes() {
            return count == 0 ? 0 : (double) valueBytes / count;
        }

        void decided(Instant at) {
            if (count == decidedAt.length) {
                decidedAt = Arrays.copyOf(decidedAt, decidedAt.length * 2);
            }
            decidedAt[(int) count] = at.toEpochMilli();
        }

        long[] sortedDecisionMillis() {
            long[] sorted = Arrays.copyOf(decidedAt, (int) count);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** Reads session-events from the beginning to its last stable offset, read_committed, but the warm-up's. */
    private static EventCount countEvents(KafkaSettings settings, long expected) {
        Map<String, Object> config = new HashMap<>(settings.adminConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sessionflow-bench-verifier");
        EventCount count = new EventCount();
        var deserializer = Topics.SESSION_EVENTS.valueSerde().deserializer();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.headers().lastHeader(WarmUpHeader.NAME) != null) {
                        // the app's own warm-up at start, as analytics drop it: not the pipeline's sessions
                        continue;
                    }
                    SessionEvent event = deserializer.deserialize(record.topic(), record.value());
                    count.byType.merge(event.getPayload().getClass().getSimpleName(), 1L, Long::sum);
                    count.valueBytes += record.value().length;
                    Instant at = event.getOccurredAt();
                    count.decided(at);
                    count.count++;
                    if (count.firstOccurredAt == null || at.isBefore(count.firstOccurredAt)) {
                        count.firstOccurredAt = at;
                    }
                    if (count.lastOccurredAt == null || at.isAfter(count.lastOccurredAt)) {
                        count.lastOccurredAt = at;
                    }
                }
            }
        }
        if (count.count < expected) {
            throw new IllegalStateException(
                    "Read back " + count.count + " session events, expected at least " + expected);
        }
        return count;
    }
}
