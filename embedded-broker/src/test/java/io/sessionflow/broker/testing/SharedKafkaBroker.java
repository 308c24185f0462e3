package io.sessionflow.broker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.sessionflow.broker.EmbeddedKafkaBroker;

/**
 * One embedded Kafka broker per test JVM, started on first use on a free port with a temporary
 * data directory, and stopped (and its directory deleted) when the JVM exits. Tests sharing it
 * should use their own topic names and group ids.
 */
public final class SharedKafkaBroker {

    private static final int DEFAULT_PARTITIONS = 2;

    private static EmbeddedKafkaBroker broker;

    private SharedKafkaBroker() {}

    public static synchronized EmbeddedKafkaBroker get() {
        if (broker == null) {
            broker = startNew();
        }
        return broker;
    }

    public static String bootstrapServers() {
        return get().bootstrapServers();
    }

    private static EmbeddedKafkaBroker startNew() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("sessionflow-kafka-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker started = EmbeddedKafkaBroker.builder()
                .port(0)
                .dataDir(dataDir)
                .defaultPartitions(DEFAULT_PARTITIONS)
                .build();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                started.stop();
                            } finally {
                                deleteRecursively(dataDir);
                            }
                        },
                        "shared-kafka-broker-shutdown"));
        started.start();
        return started;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
