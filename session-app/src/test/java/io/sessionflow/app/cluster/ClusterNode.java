package io.sessionflow.app.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * One node of the test cluster, run as its own JVM by {@link KafkaCluster}: a KRaft broker and
 * controller (combined) from Apache Kafka's own server classes, with a static three-voter quorum. It
 * formats its data directory on first start and reuses it afterwards, so a node killed and started
 * again comes back on its own data. It halts when its standard input closes, so it never outlives
 * the test JVM that started it, even one that was killed.
 *
 * <p>Arguments: node id, host, client port, controller port, quorum voters
 * ({@code 1@host:port,...}), cluster id, data directory.
 */
public final class ClusterNode {

    static final String READY = "cluster node ready";

    /** System properties {@code sessionflow.cluster.broker.<setting>}: a broker setting overridden for a run. */
    static final String SETTING_PREFIX = "sessionflow.cluster.broker.";

    private ClusterNode() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // the parent writes nothing: only the end of the stream matters
                        }
                    } catch (IOException ignored) {
                        // treated as a closed stream
                    }
                    Runtime.getRuntime().halt(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int nodeId = Integer.parseInt(args[0]);
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        int controllerPort = Integer.parseInt(args[3]);
        String voters = args[4];
        String clusterId = args[5];
        Path dataDir = Path.of(args[6]);
        Files.createDirectories(dataDir);

        Properties p = properties(nodeId, host, port, controllerPort, voters, dataDir);
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith(SETTING_PREFIX)) {
                p.setProperty(key.toString().substring(SETTING_PREFIX.length()), value.toString());
            }
        });
        Path propsFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            p.store(out, "Written by " + ClusterNode.class.getName());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(
                    new String[] {
                        "format", "--cluster-id", clusterId, "--config", propsFile.toString(), "--ignore-formatted"
                    },
                    out);
        }
        if (exit != 0) {
            throw new IllegalStateException("format failed: " + output.toString(StandardCharsets.UTF_8));
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }));
        server.startup();
        System.out.println(READY + " " + nodeId);
        server.awaitShutdown();
    }

    private static Properties properties(
            int nodeId, String host, int port, int controllerPort, String voters, Path dataDir) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(nodeId));
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", "3");
        p.setProperty("min.insync.replicas", "2");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "3");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "3");
        p.setProperty("transaction.state.log.min.isr", "2");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "3");
        p.setProperty("share.coordinator.state.topic.min.isr", "2");
        // a broker that stops heartbeating is fenced, and its partitions get new leaders, after 3 s, not 9 s
        p.setProperty("broker.heartbeat.interval.ms", "1000");
        p.setProperty("broker.session.timeout.ms", "3000");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("group.streams.initial.rebalance.delay.ms", "0");
        p.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.setProperty("offsets.topic.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.setProperty("transaction.state.log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }
}
