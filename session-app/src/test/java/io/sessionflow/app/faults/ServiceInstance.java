package io.sessionflow.app.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One instance of a standalone app in the cluster deployment ({@link ClusterDeployment}): its role, its name,
 * the host it runs on (an address of its own, and what its JVM is launched through), its ports and its state
 * directory, which every start reuses. It can be SIGKILLed, stopped gracefully (SIGTERM) and started again,
 * and tells whether its readiness probe is UP. Each start logs to a file of its own
 * ({@code app-<name>-<start>.log}).
 */
final class ServiceInstance {

    /** Which standalone app an instance runs. */
    enum Role {
        API,
        PROCESSOR,
        PROJECTIONS
    }

    static final String STARTED = "Started Session";
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final HttpClient PROBE =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Role role;
    private final String name;
    private final InstanceHost host;
    private final Map<String, Object> properties;
    private final int managementPort;
    private final ChildSessionApp app;
    private int starts;

    ServiceInstance(
            Role role,
            String name,
            InstanceHost host,
            Class<?> mainClass,
            Map<String, Object> properties,
            int managementPort,
            Path logDir) {
        this.role = role;
        this.name = name;
        this.host = host;
        this.properties = Map.copyOf(properties);
        this.managementPort = managementPort;
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        this.app = new ChildSessionApp(mainClass, STARTED, arguments, logDir, host.launcher());
    }

    Role role() {
        return role;
    }

    String name() {
        return name;
    }

    InstanceHost host() {
        return host;
    }

    /** A property it was started with ({@code server.port}, {@code sessionflow.internal.port}, ...). */
    Object property(String key) {
        return properties.get(key);
    }

    /** Starts the JVM on the instance's state directory; {@link #awaitReady} waits for it. */
    synchronized void start() {
        starts++;
        app.start(name + "-" + starts);
    }

    /** Waits until the app has started and its readiness probe answers UP. */
    void awaitReady() {
        app.awaitReady(START_LIMIT);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!ready()) {
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(name + " never reported readiness UP:\n" + app.logTail(60));
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** SIGKILL: no shutdown, no leaving the consumer group. */
    void kill() throws InterruptedException {
        app.kill();
    }

    /** SIGTERM and the wait for the exit: the graceful stop of a rolling restart. */
    void stop() throws InterruptedException {
        app.stop(STOP_LIMIT);
    }

    boolean isAlive() {
        return app.isAlive();
    }

    long pid() {
        return app.pid();
    }

    /** Whether {@code /actuator/health/readiness} on its management port answers 200 (UP). */
    boolean ready() {
        if (!app.isAlive()) {
            return false;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            "http://" + host.address() + ":" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    String logTail(int lines) {
        return app.logTail(lines);
    }

    /** The whole log of its current start (its first line names the file). */
    String log() {
        return app.logTail(Integer.MAX_VALUE);
    }

    /** SIGKILL at the end of the test JVM (nothing to keep). */
    void destroy() {
        try {
            if (app.isAlive()) {
                app.kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + "@" + host.address();
    }
}
