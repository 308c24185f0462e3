package io.sessionflow.bench.broker;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The broker's own limit, from Apache Kafka's own tools ({@code kafka-tools} on Maven Central), each
 * run as a child JVM on this JVM's class path against the app's embedded broker, its output kept in
 * {@code producer-performance.log} and {@code end-to-end-latency.log}:
 * <ul>
 *   <li>{@code org.apache.kafka.tools.ProducerPerformance}: unthrottled producer throughput into a
 *   topic of the app's partition count, with the app's own producer settings;</li>
 *   <li>{@code org.apache.kafka.tools.EndToEndLatency}: one record at a time produced
 *   ({@code acks=all}) and consumed back: the latency of one broker hop.</li>
 * </ul>
 */
public final class KafkaTools {

    public static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";
    public static final String END_TO_END_LATENCY = "org.apache.kafka.tools.EndToEndLatency";
    static final String PERF_TOPIC = "sessionflow-bench.producer-performance";
    static final String E2E_TOPIC = "sessionflow-bench.end-to-end-latency";
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(30);

    private final Path outputDir;

    public KafkaTools(Path outputDir) {
        this.outputDir = outputDir;
    }

    /**
     * @param producerProperties the producer settings, {@code name=value} (the app's: acks=all, idempotence, linger)
     * @param warmupRecords      records left out of the steady-state figure
     */
    public ProducerPerformanceResult producerPerformance(
            String bootstrapServers,
            int partitions,
            long records,
            long warmupRecords,
            int recordSize,
            List<String> producerProperties)
            throws IOException, InterruptedException {
        createTopic(bootstrapServers, PERF_TOPIC, partitions);
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-server",
                bootstrapServers,
                "--topic",
                PERF_TOPIC,
                "--num-records",
                Long.toString(records),
                "--record-size",
                Integer.toString(recordSize),
                "--throughput",
                "-1",
                "--reporting-interval",
                "5000"));
        if (warmupRecords > 0) {
            args.addAll(List.of("--warmup-records", Long.toString(warmupRecords)));
        }
        if (!producerProperties.isEmpty()) {
            args.add("--command-property");
            args.addAll(producerProperties);
        }
        List<String> output = runTool(PRODUCER_PERFORMANCE, args, "producer-performance.log");
        return ProducerPerformanceResult.parse(output)
                .orElseThrow(() -> new IllegalStateException(
                        "ProducerPerformance printed no summary; see producer-performance.log"));
    }

    /** @param keySize 0 for records without a key */
    public EndToEndLatencyResult endToEndLatency(String bootstrapServers, int records, int valueSize, int keySize)
            throws IOException, InterruptedException {
        createTopic(bootstrapServers, E2E_TOPIC, 1); // the tool reads one partition
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-server",
                bootstrapServers,
                "--topic",
                E2E_TOPIC,
                "--num-records",
                Integer.toString(records),
                "--producer-acks",
                "all",
                "--record-size",
                Integer.toString(valueSize)));
        if (keySize > 0) {
            args.addAll(List.of("--record-key-size", Integer.toString(keySize)));
        }
        List<String> output = runTool(END_TO_END_LATENCY, args, "end-to-end-latency.log");
        return EndToEndLatencyResult.parse(output)
                .orElseThrow(() ->
                        new IllegalStateException("EndToEndLatency printed no result; see end-to-end-latency.log"));
    }

    private List<String> runTool(String mainClass, List<String> args, String logName)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                classPath(),
                mainClass));
        command.addAll(args);
        Path log = outputDir.resolve(logName);
        Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(TOOL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass + " did not finish within " + TOOL_TIMEOUT + "; see " + logName);
        }
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " exited with " + process.exitValue() + "; see " + logName);
        }
        return output;
    }

    /** This JVM's class path, absolute, so that a child started from any directory finds the same classes. */
    static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    static void createTopic(String bootstrapServers, String topic, int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot create " + topic + ": the broker did not answer", e);
        }
    }
}
