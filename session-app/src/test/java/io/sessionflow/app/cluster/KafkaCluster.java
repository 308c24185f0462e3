package io.sessionflow.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A three-node Kafka cluster for the cluster tests, with no Docker: three {@link ClusterNode} JVMs
 * (broker and controller combined, all three voters of the KRaft quorum), each on a {@link Host} of its
 * own ({@code broker-1..3} of {@link Hosts#shared()}): a network namespace, whose link a test can cut,
 * where the machine allows it, else a loopback address of its own (127.0.0.11, .12, .13). Either way
 * a node can be told apart and killed alone; its listeners bind its host's address.
 *
 * <p>A broker setting for an experiment reaches every node without a code change:
 * {@code -Dsessionflow.cluster.broker.<setting>=<value>} (e.g.
 * {@code -Dsessionflow.cluster.broker.broker.session.timeout.ms=9000}, Kafka's default).
 *
 * <p>Started once per test JVM ({@link #shared()}); a shutdown hook kills every node by its PID (the
 * java process itself: {@code ip netns exec} execs it) and deletes the nodes' data, and each node also
 * halts when this JVM's end of its standard input closes.
 */
public final class KafkaCluster {

    public static final int SIZE = 3;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static KafkaCluster shared;

    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final List<Host> hosts = IntStream.rangeClosed(1, SIZE)
            .mapToObj(id -> Hosts.shared().host("broker-" + id))
            .toList();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Integer> controllerPorts = new ArrayList<>();
    private final Process[] processes = new Process[SIZE];

    private KafkaCluster(Path dir) {
        this.dir = dir;
        for (Host host : hosts) {
            ports.add(host.freePort());
            controllerPorts.add(host.freePort());
        }
    }

    /** The cluster of this test JVM, started on first use. */
    public static synchronized KafkaCluster shared() {
        if (shared == null) {
            try {
                shared = new KafkaCluster(Files.createTempDirectory("sessionflow-cluster"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stopAll, "kafka-cluster-stop"));
            for (int id = 1; id <= SIZE; id++) {
                shared.start(id);
            }
            shared.awaitBrokers(SIZE);
        }
        return shared;
    }

    public String bootstrapServers() {
        return IntStream.rangeClosed(1, SIZE)
                .mapToObj(id -> hosts.get(id - 1).address() + ":" + ports.get(id - 1))
                .collect(Collectors.joining(","));
    }

    /** Starts node {@code id} (1..3) on its data directory, which a previous run of it may have left. */
    public synchronized void start(int id) {
        String voters = IntStream.rangeClosed(1, SIZE)
                .mapToObj(n -> n + "@" + hosts.get(n - 1).address() + ":" + controllerPorts.get(n - 1))
                .collect(Collectors.joining(","));
        Host host = hosts.get(id - 1);
        List<String> java =
                new ArrayList<>(List.of(Host.java(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith(ClusterNode.SETTING_PREFIX)) {
                java.add("-D" + key + "=" + value);
            }
        });
        java.addAll(List.of(
                "-cp",
                classpath(),
                ClusterNode.class.getName(),
                String.valueOf(id),
                host.address(),
                String.valueOf(ports.get(id - 1)),
                String.valueOf(controllerPorts.get(id - 1)),
                voters,
                clusterId,
                dir.resolve("node-" + id).toString()));
        List<String> command = host.command(java);
        try {
            processes[id - 1] = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start cluster node " + id, e);
        }
    }

    /** SIGKILL of node {@code id}: no shutdown, no controlled leader move. */
    public synchronized void kill(int id) throws InterruptedException {
        Process process = processes[id - 1];
        Host.requireJava(process);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("cluster node " + id + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** Waits until the cluster reports {@code count} live brokers. */
    public void awaitBrokers(int count) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
        throw new AssertionError("the cluster did not reach " + count + " brokers within " + READY_TIMEOUT
                + (last == null ? "" : ": " + last) + "\n" + logTails(40));
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10000));
    }

    /** The host node {@code id} (1..3) runs on. */
    public Host host(int id) {
        return hosts.get(id - 1);
    }

    public long pid(int id) {
        return processes[id - 1].pid();
    }

    public String logTails(int lines) {
        StringBuilder text = new StringBuilder();
        for (int id = 1; id <= SIZE; id++) {
            try {
                List<String> all = Files.readAllLines(log(id), StandardCharsets.ISO_8859_1);
                text.append(log(id))
                        .append(":\n")
                        .append(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())))
                        .append('\n');
            } catch (IOException e) {
                text.append(log(id)).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }

    private synchronized void stopAll() {
        for (Process process : processes) {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
        for (Process process : processes) {
            try {
                if (process != null) {
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind
        }
    }

    private Path log(int id) {
        return dir.resolve("node-" + id + ".log");
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
