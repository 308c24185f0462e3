package io.sessionflow.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker (KRaft, combined broker and controller) running inside
 * the current JVM, built from Kafka's own server classes rather than a fake or a container.
 *
 * <p>It runs in-process so that the laptop command is one process with nothing else to install,
 * the broker's lifecycle is tied to the application's (it starts before the app's clients and
 * stops with it), and tests can stop and start it to simulate a broker outage. Data lives in
 * {@code dataDir}; the directory is formatted on first start and reused afterwards, so topics and
 * records survive a restart, including a restart of the whole process.
 *
 * <p>Only meant for one node on localhost: every replication factor and ISR minimum is 1, and
 * topics are never created automatically. Both its listeners (clients' and controller's) bind
 * 127.0.0.1 only, and its data directory is owner-only (0700), so other users on the machine can
 * neither read its files nor, with {@link Builder#scram}, use it: then every client authenticates
 * (SCRAM-SHA-512) and is authorized by ACLs (see {@link ScramSecurity}). Without it, any local
 * process can connect (fast, for tests).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String SERVER_PROPERTIES = "server.properties";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(100);
    private static final int SEGMENT_BYTES = 16 * 1024 * 1024;
    // The partition counts of the internal topics are fixed once the topics exist: a broker that
    // later computes coordinators for a different count would lose track of groups and transactions.
    private static final int INTERNAL_TOPIC_PARTITIONS = 5;

    private final int port;
    private final Path dataDir;
    private final int defaultPartitions;
    private final ScramSecurity scram;

    private KafkaRaftServer server;
    private volatile boolean running;

    private EmbeddedKafkaBroker(int port, Path dataDir, int defaultPartitions, ScramSecurity scram) {
        this.port = port;
        this.dataDir = dataDir;
        this.defaultPartitions = defaultPartitions;
        this.scram = scram;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory if needed, starts the broker and returns once a client can reach
     * it. Does nothing if the broker is already running.
     *
     * @throws BrokerPortInUseException if the Kafka port is taken by something else
     * @throws IllegalStateException if the broker does not start or does not become reachable
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        if (!isFree(port)) {
            throw new BrokerPortInUseException(port);
        }
        long startedAt = System.nanoTime();
        int controllerPort;
        try {
            controllerPort = controllerPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Kafka data directory " + dataDir, e);
        }
        KafkaRaftServer starting = createServer(controllerPort);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(starting);
            if (causedByBindFailure(e) && !isFree(port)) {
                throw new BrokerPortInUseException(port, e);
            }
            throw new IllegalStateException(
                    "Embedded Kafka broker on " + bootstrapServers() + " failed to start: " + e.getMessage(), e);
        }
        try {
            awaitReachable();
        } catch (RuntimeException e) {
            shutdownQuietly(starting);
            throw e;
        }
        server = starting;
        running = true;
        log.info(
                "Kafka broker running on {} with data in {} (started in {} ms)",
                bootstrapServers(),
                dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    }

    /** Shuts the broker down cleanly and waits until it has stopped. Safe to call more than once. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        running = false;
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        log.info("Kafka broker on {} stopped", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return running;
    }

    /** Whether clients must authenticate (SCRAM-SHA-512) and are authorized by ACLs. */
    public boolean isSecured() {
        return scram != null;
    }

    /**
     * The security settings a client needs to connect as {@code user} (one of the SCRAM users), or
     * none when the broker is not secured. The same settings, with {@code bootstrap.servers}, are in
     * {@code client-<user>.properties} in the data directory once the broker has started.
     */
    public Map<String, String> clientConfig(String user) {
        return scram == null ? Map.of() : scram.clientConfig(user);
    }

    /** The broker's own super user's client settings: for tests of this package only. */
    Map<String, String> superUserConfig() {
        return scram == null ? Map.of() : scram.superUserConfig();
    }

    /** The file with {@code user}'s client settings, for tools outside this JVM. */
    public Path clientConfigFile(String user) {
        return dataDir.resolve(ScramSecurity.clientFileName(user));
    }

    private KafkaRaftServer createServer(int controllerPort) {
        try {
            OwnerOnly.directory(dataDir);
            Properties props = serverProperties(controllerPort);
            Path propsFile = dataDir.resolve(SERVER_PROPERTIES);
            Properties withoutSecrets = new Properties();
            props.forEach((name, value) -> {
                if (!ScramSecurity.isSecret((String) name)) {
                    withoutSecrets.put(name, value);
                }
            });
            Path temp = OwnerOnly.createFile(dataDir, "." + SERVER_PROPERTIES);
            try (OutputStream out = Files.newOutputStream(temp)) {
                withoutSecrets.store(out, "Written by " + EmbeddedKafkaBroker.class.getName() + " on every start");
            }
            Files.move(temp, propsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            format(existingClusterId().orElseGet(() -> Uuid.randomUuid().toString()), propsFile);
            return new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    private Properties serverProperties(int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(NODE_ID));
        if (scram == null) {
            p.setProperty(
                    "listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
            p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
            p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        } else {
            scram.serverProperties(HOST, port, controllerPort).forEach(p::setProperty);
        }
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());

        p.setProperty("num.partitions", String.valueOf(defaultPartitions));
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("group.streams.initial.rebalance.delay.ms", "0");

        p.setProperty("log.segment.bytes", String.valueOf(SEGMENT_BYTES));
        p.setProperty("offsets.topic.segment.bytes", String.valueOf(SEGMENT_BYTES));
        p.setProperty("transaction.state.log.segment.bytes", String.valueOf(SEGMENT_BYTES));
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(SEGMENT_BYTES));
        return p;
    }

    /**
     * Reuses the previous controller port when it is still free, so that the controller endpoint
     * recorded in the quorum's voter set (a {@code --standalone} quorum stores it in the metadata
     * log) stays accurate. A single node also starts fine on a different one.
     */
    private int controllerPort() throws IOException {
        Path propsFile = dataDir.resolve(SERVER_PROPERTIES);
        if (Files.exists(propsFile)) {
            String bootstrap = load(propsFile).getProperty("controller.quorum.bootstrap.servers", "");
            int colon = bootstrap.lastIndexOf(':');
            if (colon >= 0) {
                try {
                    int previous =
                            Integer.parseInt(bootstrap.substring(colon + 1).trim());
                    if (previous != port && isFree(previous)) {
                        return previous;
                    }
                } catch (NumberFormatException ignored) {
                    // fall through to a fresh port
                }
            }
        }
        return freePort(port);
    }

    private Optional<String> existingClusterId() throws IOException {
        Path meta = dataDir.resolve(META_PROPERTIES);
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        return Optional.ofNullable(load(meta).getProperty("cluster.id")).filter(id -> !id.isBlank());
    }

    private void format(String clusterId, Path propsFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(
                    new String[] {
                        "format",
                        "--cluster-id",
                        clusterId,
                        "--config",
                        propsFile.toString(),
                        "--standalone",
                        "--ignore-formatted"
                    },
                    out);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Formatting Kafka storage in " + dataDir + " failed: " + e.getMessage() + System.lineSeparator()
                            + output.toString(StandardCharsets.UTF_8),
                    e);
        }
        String printed = output.toString(StandardCharsets.UTF_8).trim();
        if (exitCode != 0) {
            throw new IllegalStateException(
                    "Formatting Kafka storage in " + dataDir + " failed with exit code " + exitCode + ": " + printed);
        }
        log.debug("Kafka storage tool: {}", printed);
    }

    private void applySecurity(Admin superUser) {
        if (scram == null) {
            return;
        }
        try {
            scram.apply(superUser);
            scram.writeClientFiles(dataDir, bootstrapServers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while securing Kafka on " + bootstrapServers());
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "Could not create the users and ACLs of Kafka on " + bootstrapServers() + ": "
                            + (e.getCause() == null ? e : e.getCause()),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the client settings into " + dataDir, e);
        }
    }

    /** Waits until a client can reach the broker, then gives it its users and ACLs (if secured). */
    private void awaitReachable() {
        Properties adminProps = new Properties();
        if (scram != null) {
            adminProps.putAll(scram.superUserConfig());
        }
        adminProps.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        adminProps.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        adminProps.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "sessionflow-broker-readiness");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        applySecurity(admin);
                        return;
                    }
                } catch (ExecutionException e) {
                    lastFailure = e.getCause() instanceof Exception cause ? cause : e;
                } catch (java.util.concurrent.TimeoutException e) {
                    lastFailure = e;
                }
                Thread.sleep(READY_POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka on " + bootstrapServers());
        }
        throw new IllegalStateException(
                "Kafka broker on " + bootstrapServers()
                        + " did not become reachable within " + READY_TIMEOUT.toSeconds() + " s"
                        + (lastFailure == null ? "" : ": " + lastFailure),
                lastFailure);
    }

    private void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Error while shutting down a Kafka broker that failed to start", e);
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Probes the port the way Kafka will bind it. Address reuse is on, as on Kafka's own server
     * socket, so that connections of a just-stopped broker lingering in TIME_WAIT do not count as
     * "in use", while a live listener on the port still does.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort(int avoid) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(HOST, 0));
                if (socket.getLocalPort() != avoid) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
            }
        }
        throw new IllegalStateException("Cannot find a free port on " + HOST);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    public static final class Builder {

        private int port = 9092;
        private Path dataDir;
        private int defaultPartitions = 1;
        private List<String> scramUsers;
        private List<AclBinding> acls;

        private Builder() {}

        /** The clients' port on 127.0.0.1; 0 picks a free port once, when {@link #build()} runs. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The broker's log directory; it also holds the cluster id, so reuse it to keep the data. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Partitions of a topic created without an explicit count. */
        public Builder defaultPartitions(int defaultPartitions) {
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be at least 1: " + defaultPartitions);
            }
            this.defaultPartitions = defaultPartitions;
            return this;
        }

        /**
         * Secures the broker: clients authenticate with SCRAM-SHA-512 as one of {@code users} (each
         * gets a random password, see {@link EmbeddedKafkaBroker#clientConfig}), and may do only what
         * {@code acls} allow; the broker's ACLs are replaced with these on every start.
         */
        public Builder scram(Collection<String> users, Collection<AclBinding> acls) {
            this.scramUsers = List.copyOf(users);
            this.acls = List.copyOf(acls);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            return new EmbeddedKafkaBroker(
                    port == 0 ? freePort(-1) : port,
                    dataDir,
                    defaultPartitions,
                    scramUsers == null ? null : new ScramSecurity(scramUsers, acls));
        }
    }
}
