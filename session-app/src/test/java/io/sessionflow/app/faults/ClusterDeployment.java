package io.sessionflow.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.sessionflow.api.standalone.SessionApiApp;
import io.sessionflow.app.cluster.Hosts;
import io.sessionflow.app.cluster.KafkaCluster;
import io.sessionflow.processor.standalone.SessionProcessorApp;
import io.sessionflow.projections.standalone.SessionProjectionsApp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * The standalone apps deployed on the shared three-broker cluster ({@link KafkaCluster}: replication 3, min ISR
 * 2), as a user runs them: two API instances, two processor instances and two projections instances, each a
 * child JVM on a host of its own ({@link InstanceHost}) with its own state directory. Started once per test
 * JVM ({@link #shared()}) and shared by every cluster scenario in it; a scenario kills, stops and starts
 * instances ({@link ServiceInstance}) and leaves the deployment healthy ({@link #restore()}) for the next one.
 *
 * <p>Settings for an experiment reach every app without a code change: a system property
 * {@code sessionflow.cluster.app.<property>=<value>} becomes {@code --<property>=<value>} of every instance
 * (e.g. {@code -Dsessionflow.cluster.app.sessionflow.kafka.projections.client.num.standby.replicas=1});
 * {@code -Dsessionflow.cluster.static-membership=true} gives each Streams instance a {@code group.instance.id},
 * its name; {@code -Dsessionflow.cluster.keep-logs=true} keeps every instance's logs (and state) after the run.
 */
final class ClusterDeployment {

    static final Duration OUTCOME_WAIT = Duration.ofSeconds(5);
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(3);
    static final int PARTITIONS = 3;
    static final String PROCESSOR_GROUP = "sessionflow-processor";
    static final String PROJECTIONS_GROUP = "sessionflow-projections";
    private static final String APP_PROPERTY_PREFIX = "sessionflow.cluster.app.";
    private static final Duration HEALTHY_LIMIT = Duration.ofMinutes(3);

    private static ClusterDeployment shared;

    private final KafkaCluster cluster;
    private final Path dir;
    private final List<ServiceInstance> instances = new ArrayList<>();

    private ClusterDeployment(KafkaCluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
    }

    /** The deployment of this test JVM, started (with the cluster) on first use and ready to serve. */
    static synchronized ClusterDeployment shared() {
        if (shared == null) {
            KafkaCluster cluster = KafkaCluster.shared();
            ClusterDeployment deployment;
            try {
                deployment = new ClusterDeployment(cluster, Files.createTempDirectory("sessionflow-deployment"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(deployment::destroy, "cluster-deployment-stop"));
            deployment.deploy();
            shared = deployment;
        }
        return shared;
    }

    KafkaCluster cluster() {
        return cluster;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    List<ServiceInstance> instances() {
        return List.copyOf(instances);
    }

    List<ServiceInstance> instances(ServiceInstance.Role role) {
        return instances.stream().filter(i -> i.role() == role).toList();
    }

    /** A client of each API instance, in order. */
    List<SessionApiClient> apiClients() {
        return instances(ServiceInstance.Role.API).stream()
                .map(ClusterDeployment::client)
                .toList();
    }

    static SessionApiClient client(ServiceInstance api) {
        return new SessionApiClient(api.host().address(), (int) api.property("server.port"));
    }

    /** {@code loopback} or {@code netns}: how the instances got hosts of their own. */
    String hostKind() {
        return instances.stream().map(i -> i.host().kind()).distinct().collect(Collectors.joining("+"));
    }

    /**
     * Starts every instance that is not running and waits until all are ready and each API instance answers a
     * create of every provider: the state a scenario starts from and leaves behind.
     */
    synchronized void restore() {
        for (ServiceInstance instance : instances) {
            if (!instance.isAlive()) {
                instance.start();
            }
        }
        for (ServiceInstance instance : instances) {
            instance.awaitReady();
        }
        for (SessionApiClient api : apiClients()) {
            for (String provider : CreateRequest.PROVIDERS) {
                RetriedCreate create = new RetriedCreate(CreateRequest.of(provider, "warm-" + UUID.randomUUID()));
                if (!create.drive(api, System.nanoTime() + HEALTHY_LIMIT.toNanos(), () -> 0) || !create.answered2xx()) {
                    throw new AssertionError("The deployment is not healthy: " + api.address() + " did not answer "
                            + create.describe() + "\n" + logTails(40));
                }
            }
        }
    }

    /**
     * The instance of {@code role} (processor or projections) whose Streams consumer holds the most partitions:
     * the one owning the most active tasks.
     */
    ServiceInstance busiest(ServiceInstance.Role role) throws Exception {
        String group = role == ServiceInstance.Role.PROCESSOR ? PROCESSOR_GROUP : PROJECTIONS_GROUP;
        Map<String, Integer> partitions = new HashMap<>();
        try (Admin admin = cluster.admin()) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(group);
            for (MemberDescription member : description.members()) {
                for (ServiceInstance instance : instances(role)) {
                    if (member.clientId().startsWith(instance.name() + "-")) {
                        partitions.merge(
                                instance.name(),
                                member.assignment().topicPartitions().size(),
                                Integer::sum);
                    }
                }
            }
        }
        System.out.println("CLUSTER " + group + ": partitions held by instance " + partitions);
        String name = partitions.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow(() -> new AssertionError("No member of " + group + " is one of " + instances(role)))
                .getKey();
        return instances.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    String logTails(int lines) {
        return instances.stream().map(i -> i.logTail(lines)).collect(Collectors.joining("\n"));
    }

    private void deploy() {
        List<ServiceInstance> projections = List.of(
                projections("projections-1", host("projections-1")),
                projections("projections-2", host("projections-2")));
        String internal = projections.stream()
                .map(p -> p.host().address() + ":" + p.property("sessionflow.internal.port"))
                .collect(Collectors.joining(","));
        instances.addAll(projections);
        instances.add(streamsApp(
                ServiceInstance.Role.PROCESSOR,
                SessionProcessorApp.class,
                "processor-1",
                host("processor-1"),
                Map.of()));
        instances.add(streamsApp(
                ServiceInstance.Role.PROCESSOR,
                SessionProcessorApp.class,
                "processor-2",
                host("processor-2"),
                Map.of()));
        instances.add(api("api-1", host("api-1"), internal));
        instances.add(api("api-2", host("api-2"), internal));
        restore();
        System.out.println("CLUSTER DEPLOYMENT: " + instances + " on " + cluster.bootstrapServers() + " (hosts: "
                + hostKind() + ")");
    }

    /** The cluster's host called {@code name}: the instance's network namespace, or its loopback address. */
    private static InstanceHost host(String name) {
        return InstanceHost.of(Hosts.shared().host(name));
    }

    private ServiceInstance projections(String name, InstanceHost host) {
        int internalPort = AppUnderTest.freePort();
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("sessionflow.internal.port", internalPort);
        own.put("sessionflow.projections.advertised-host", host.address());
        return streamsApp(ServiceInstance.Role.PROJECTIONS, SessionProjectionsApp.class, name, host, own);
    }

    /** The processor or the projections: actuator on its main HTTP port, on the host's address. */
    private ServiceInstance streamsApp(
            ServiceInstance.Role role, Class<?> main, String name, InstanceHost host, Map<String, Object> own) {
        int managementPort = AppUnderTest.freePort();
        Map<String, Object> properties = common(name);
        properties.put("server.port", managementPort);
        properties.put("server.address", host.address());
        properties.putAll(own);
        String component = "sessionflow.kafka." + role.name().toLowerCase(Locale.ROOT) + ".client.";
        // the Streams clients' ids start with the instance's name: which member holds which tasks
        properties.put(component + "client.id", name);
        if (Boolean.getBoolean("sessionflow.cluster.static-membership")) {
            properties.put(component + "main.consumer.group.instance.id", name);
        }
        properties.putAll(experiment());
        return new ServiceInstance(role, name, host, main, properties, managementPort, dir);
    }

    private ServiceInstance api(String name, InstanceHost host, String projections) {
        int managementPort = AppUnderTest.freePort();
        Map<String, Object> properties = common(name);
        properties.put("server.port", AppUnderTest.freePort());
        properties.put("server.address", host.address());
        properties.put("management.server.port", managementPort);
        properties.put("management.server.address", host.address());
        properties.put("sessionflow.api.projections", projections);
        properties.putAll(StandaloneApiSettings.of(OUTCOME_WAIT, PUBLISH_TIMEOUT));
        // the test's balancer is one client sending thousands of creates for one tenant of each provider
        properties.put(
                "sessionflow.limits.exempt-addresses",
                "127.0.0.1,0:0:0:0:0:0:0:1," + Hosts.shared().testAddress());
        properties.put("sessionflow.limits.address-requests", 100_000_000);
        properties.put("sessionflow.limits.tenant-requests", 100_000_000);
        properties.putAll(experiment());
        return new ServiceInstance(
                ServiceInstance.Role.API, name, host, SessionApiApp.class, properties, managementPort, dir);
    }

    private Map<String, Object> common(String name) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sessionflow.kafka.bootstrap-servers", cluster.bootstrapServers());
        properties.put("sessionflow.kafka.partitions", PARTITIONS);
        properties.put("sessionflow.kafka.replication-factor", KafkaCluster.SIZE);
        properties.put("sessionflow.data-dir", dir.resolve(name).toString());
        properties.put("sessionflow.internal.token", AppUnderTest.INTERNAL_TOKEN);
        properties.put("sessionflow.management.token", AppUnderTest.MANAGEMENT_TOKEN);
        return properties;
    }

    /** {@code -Dsessionflow.cluster.app.<property>=<value>}: a setting of every app, for an experiment. */
    private static Map<String, Object> experiment() {
        Map<String, Object> properties = new LinkedHashMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith(APP_PROPERTY_PREFIX)) {
                properties.put(key.toString().substring(APP_PROPERTY_PREFIX.length()), value);
            }
        });
        return properties;
    }

    private synchronized void destroy() {
        instances.forEach(ServiceInstance::destroy);
        if (Boolean.getBoolean("sessionflow.cluster.keep-logs")) {
            System.out.println("CLUSTER DEPLOYMENT: logs and state kept in " + dir);
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind
        }
    }

    /** Waits until {@code condition} holds, or fails saying {@code what}. */
    static void await(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not reached within " + limit + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
