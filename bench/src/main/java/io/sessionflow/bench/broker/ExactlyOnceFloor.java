package io.sessionflow.bench.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The exactly-once floor: the least latency any exactly-once read-process-write answer can have on
 * this broker, measured beside the app. A producer in this JVM sends records of our request events' key and value
 * size at a fixed rate (open loop, the app's producer settings), {@link FloorCopier} (a child JVM) copies them to
 * a second topic in transactions committed at the processor's commit interval, with the consumed offsets in
 * each, and a {@code read_committed} consumer in this JVM reads the copies.
 * Latency is from each record's intended send time (carried in its value) to its committed copy being read:
 * one transactional hop, as the app's request to answer has one (the processor's; the projections answer
 * before their own commit), without any of the app's work. The copier's output is kept in
 * {@code exactly-once-floor.log}.
 */
public final class ExactlyOnceFloor {

    static final String INPUT = "sessionflow-bench.floor-input";
    static final String OUTPUT = "sessionflow-bench.floor-output";

    /**
     * @param latencyMicros   measured records (after the warm-up): committed copy read minus intended send time
     * @param commitIntervalMs the copier's commit interval
     */
    public record Result(
            int rate, long seconds, long sent, long received, long commitIntervalMs, Histogram latencyMicros) {
        public double latencyMillis(double percentile) {
            if (latencyMicros.getTotalCount() == 0) {
                return Double.NaN;
            }
            return (percentile >= 100 ? latencyMicros.getMaxValue() : latencyMicros.getValueAtPercentile(percentile))
                    / 1000.0;
        }
    }

    private ExactlyOnceFloor() {}

    public static Result measure(
            Path outputDir,
            String bootstrapServers,
            int keySize,
            int valueSize,
            int rate,
            Duration warmup,
            Duration duration,
            Duration commitInterval,
            int copierLingerMillis,
            List<String> producerProperties)
            throws IOException, InterruptedException {
        KafkaTools.createTopic(bootstrapServers, INPUT, 1);
        KafkaTools.createTopic(bootstrapServers, OUTPUT, 1);
        long warmupRecords = warmup.toSeconds() * rate;
        long total = warmupRecords + duration.toSeconds() * rate;
        Process copier = startCopier(outputDir, bootstrapServers, total, commitInterval, copierLingerMillis);
        Histogram latency = new Histogram(3);
        AtomicLong received = new AtomicLong();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers);
                KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers, producerProperties)) {
            TopicPartition output = new TopicPartition(OUTPUT, 0);
            consumer.assign(List.of(output));
            consumer.seekToEnd(List.of(output));
            consumer.position(output);
            Thread reader = new Thread(
                    () -> {
                        while (received.get() < total && !Thread.currentThread().isInterrupted()) {
                            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                                long now = System.nanoTime();
                                ByteBuffer value = ByteBuffer.wrap(record.value());
                                long intended = value.getLong();
                                long sequence = value.getLong();
                                if (sequence >= warmupRecords) {
                                    latency.recordValue(Math.max(0, now - intended) / 1000);
                                }
                                received.incrementAndGet();
                            }
                        }
                    },
                    "floor-reader");
            reader.start();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            byte[] key = "k".repeat(keySize).getBytes(StandardCharsets.US_ASCII);
            for (long i = 0; i < total; i++) {
                long intended = start + i * 1_000_000_000L / rate;
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] value = new byte[Math.max(16, valueSize)];
                ByteBuffer.wrap(value).putLong(intended).putLong(i);
                producer.send(new ProducerRecord<>(INPUT, 0, key, value));
            }
            producer.flush();
            reader.join(TimeUnit.SECONDS.toMillis(30));
            reader.interrupt();
            reader.join();
        } finally {
            copier.destroy();
            if (!copier.waitFor(10, TimeUnit.SECONDS)) {
                copier.destroyForcibly();
            }
        }
        return new Result(rate, duration.toSeconds(), total, received.get(), commitInterval.toMillis(), latency);
    }

    private static Process startCopier(
            Path outputDir, String bootstrapServers, long messages, Duration commitInterval, int lingerMillis)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                KafkaTools.classPath(),
                FloorCopier.class.getName(),
                bootstrapServers,
                INPUT,
                OUTPUT,
                Long.toString(commitInterval.toMillis()),
                Long.toString(messages),
                Integer.toString(lingerMillis)));
        Path log = outputDir.resolve("exactly-once-floor.log");
        Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** @param producerProperties {@code name=value}: the app's request producer settings */
    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, List<String> producerProperties) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        for (String property : producerProperties) {
            int eq = property.indexOf('=');
            props.put(property.substring(0, eq), property.substring(eq + 1));
        }
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
