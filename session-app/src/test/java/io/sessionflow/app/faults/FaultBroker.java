package io.sessionflow.app.faults;

import java.nio.file.Path;

import io.sessionflow.broker.EmbeddedKafkaBroker;

/**
 * The broker a single-JVM fault test owns, so that it can stop it or start apps on it alone: the embedded broker on
 * a free port, its data in {@code kafka/} of the test's folder, two partitions per topic.
 */
public final class FaultBroker {

    private FaultBroker() {}

    /** Started; the caller closes it. */
    public static EmbeddedKafkaBroker start(Path dir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(0)
                .dataDir(dir.resolve("kafka"))
                .defaultPartitions(2)
                .build();
        broker.start();
        return broker;
    }
}
