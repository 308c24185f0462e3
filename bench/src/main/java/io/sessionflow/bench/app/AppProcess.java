package io.sessionflow.bench.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The all-in-one app under test as a child JVM ({@code java -Xmx... -XX:TieredStopAtLevel=1 -jar sessionflow.jar},
 * as the README starts it) on its
 * own embedded broker, data directory and free ports (public, internal, management), so that the memory
 * measured is the app's own and nothing of the harness runs in it. Its internal and management credentials
 * are random per start and passed in its environment (not on its command line, which is written to the
 * results). Its console goes to {@code app-<phase>.log}, its GC log to
 * {@code gc-<phase>.log} and, when asked, a JFR recording to {@code app-<phase>.jfr}. Ready means
 * the app logged {@value #READY_LINE}: both Streams apps are RUNNING.
 */
public final class AppProcess implements AutoCloseable {

    static final String READY_LINE = "sessionflow is ready on";
    /**
     * The JVM options the README starts the app with, before {@code --jvm-arg}s (of two values of one option the
     * last counts): the C1 compiler only, so that the app is as fast from its ready line as later.
     */
    public static final List<String> README_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 40;
    /** Children still running, stopped if the harness itself is stopped (Ctrl-C) so that none is left behind. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "stop-apps"));
    }

    /**
     * How to start the app.
     *
     * @param appJar     the all-in-one jar
     * @param phase      names the files of this run
     * @param outputDir  where the log, GC log and recording go
     * @param dataDir    the app's data directory (broker log, Streams state)
     * @param brokerPort the embedded broker's port
     * @param maxHeap    the {@code -Xmx} value, e.g. 512m
     * @param jfr        whether to record a JFR profile
     * @param jvmArgs    further JVM options
     * @param appArgs    further Spring properties, {@code name=value}
     * @param cpus       the CPUs to run on ({@code taskset -c}), empty for any
     */
    public record Config(
            Path appJar,
            String phase,
            Path outputDir,
            Path dataDir,
            int brokerPort,
            String maxHeap,
            boolean jfr,
            List<String> jvmArgs,
            List<String> appArgs,
            String cpus) {}

    /** The app's configuration for one phase, on a given data directory and broker port. */
    @FunctionalInterface
    public interface ConfigFactory {
        Config config(String phase, Path dataDir, int brokerPort);
    }

    private final Config config;
    private final Process process;
    private final int httpPort;
    private final int internalPort;
    private final int managementPort;
    private final String internalToken;
    private final String managementToken;
    private final Instant launchedAt;
    private final CompletableFuture<Instant> ready = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile boolean outOfMemory;
    private MemorySampler sampler;

    private AppProcess(
            Config config,
            Process process,
            int[] ports,
            String internalToken,
            String managementToken,
            Instant launchedAt) {
        this.config = config;
        this.process = process;
        this.httpPort = ports[0];
        this.internalPort = ports[1];
        this.managementPort = ports[2];
        this.internalToken = internalToken;
        this.managementToken = managementToken;
        this.launchedAt = launchedAt;
    }

    /** Starts the app; call {@link #awaitReady} next. */
    public static AppProcess start(Config config) throws IOException {
        if (!Files.isRegularFile(config.appJar())) {
            throw new IllegalStateException("The app jar " + config.appJar() + " does not exist: build it first with "
                    + "mvn -B -q -DskipTests package");
        }
        Files.createDirectories(config.outputDir());
        Files.createDirectories(config.dataDir());
        int[] ports = {Ports.free(), Ports.free(), Ports.free()};
        List<String> command = command(config, ports[0], ports[1], ports[2]);
        Files.writeString(
                config.outputDir().resolve("app-" + config.phase() + ".command"),
                String.join(" ", command) + System.lineSeparator(),
                StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS"); // always the embedded broker
        env.put("SESSIONFLOW_DATA_DIR", config.dataDir().toAbsolutePath().toString());
        env.put("SESSIONFLOW_BROKER_PORT", Integer.toString(config.brokerPort()));
        // the harness's own clients (ProducerPerformance, the pre-producer, the event counts) connect unauthenticated
        env.put("SESSIONFLOW_BROKER_SECURITY", "none");
        String internalToken = randomToken();
        String managementToken = randomToken();
        env.put("SESSIONFLOW_INTERNAL_TOKEN", internalToken);
        env.put("SESSIONFLOW_MANAGEMENT_TOKEN", managementToken);
        Instant launchedAt = Instant.now();
        AppProcess app = new AppProcess(config, builder.start(), ports, internalToken, managementToken, launchedAt);
        LIVE.add(app.process);
        app.copyConsole();
        return app;
    }

    private static String randomToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static List<String> command(Config config, int httpPort, int internalPort, int managementPort) {
        Path out = config.outputDir().toAbsolutePath();
        List<String> command = new ArrayList<>();
        if (!config.cpus().isEmpty()) {
            command.addAll(List.of("taskset", "-c", config.cpus()));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + config.maxHeap());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Xlog:gc:file=" + out.resolve("gc-" + config.phase() + ".log") + ":uptime,level,tags");
        if (config.jfr()) {
            command.add("-XX:StartFlightRecording=filename=" + out.resolve("app-" + config.phase() + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        command.addAll(README_JVM_OPTIONS);
        command.addAll(config.jvmArgs());
        command.add("-jar");
        command.add(config.appJar().toAbsolutePath().toString());
        command.add("--server.port=" + httpPort);
        command.add("--sessionflow.internal.port=" + internalPort);
        command.add("--management.server.port=" + managementPort);
        for (String arg : config.appArgs()) {
            command.add("--" + arg);
        }
        return command;
    }

    private void copyConsole() {
        Path log = config.outputDir().resolve("app-" + config.phase() + ".log");
        Thread copier = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (!ready.isDone() && line.contains(READY_LINE)) {
                                ready.complete(Instant.now());
                            }
                            if (line.contains("OutOfMemoryError")) {
                                outOfMemory = true;
                            }
                            synchronized (tail) {
                                tail.addLast(line);
                                if (tail.size() > TAIL_LINES) {
                                    tail.removeFirst();
                                }
                            }
                            file.write(line);
                            file.write(System.lineSeparator());
                            file.flush();
                        }
                    } catch (IOException e) {
                        // the process ended: its exit is reported by awaitReady or stop
                    } finally {
                        ready.completeExceptionally(new IllegalStateException("The app exited before it was ready"));
                    }
                },
                "app-console-" + config.phase());
        copier.setDaemon(true);
        copier.start();
    }

    /**
     * Waits for the ready line and starts sampling memory.
     *
     * @return when the ready line was read
     */
    public Instant awaitReady(Duration timeout) throws InterruptedException {
        Instant at;
        try {
            at = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String why =
                    e instanceof TimeoutException ? "was not ready within " + timeout : "exited before it was ready";
            stop();
            throw new IllegalStateException(
                    "The app (" + config.phase() + ") " + why + "; its last lines:" + System.lineSeparator() + tail());
        }
        sampler = new MemorySampler(process.pid(), managementUri(), managementAuthorization(), Duration.ofMillis(500));
        return at;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The internal port: the projections' query endpoint, with {@link #internalAuthorization()}. */
    public URI internalUri() {
        return URI.create("http://127.0.0.1:" + internalPort);
    }

    public String internalAuthorization() {
        return "Bearer " + internalToken;
    }

    /** The management port: actuator, with {@link #managementAuthorization()}. */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    public String managementAuthorization() {
        return "Bearer " + managementToken;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + config.brokerPort();
    }

    public long pid() {
        return process.pid();
    }

    /** The app JVM's CPU time so far, every thread's, user and system; -1 when the OS does not say. */
    public long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    public Instant launchedAt() {
        return launchedAt;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The app's last console lines, for error messages. */
    public String tail() {
        synchronized (tail) {
            return String.join(System.lineSeparator(), tail);
        }
    }

    /**
     * Stops the app (SIGTERM: a clean shutdown that writes the JFR recording; forcibly after
     * {@value #STOP_TIMEOUT}) and returns its memory over the run. Reads the peak RSS before the stop.
     */
    public AppMemory stop() {
        long peakRss = sampler == null ? 0 : sampler.peakRssBytes();
        if (sampler != null) {
            sampler.close();
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
        GcLog gc;
        try {
            gc = GcLog.read(config.outputDir().resolve("gc-" + config.phase() + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AppMemory(
                config.phase(),
                config.maxHeap(),
                peakRss,
                sampler == null ? 0 : sampler.maxSampledRssBytes(),
                sampler == null ? 0 : sampler.maxSampledHeapBytes(),
                sampler == null ? 0 : sampler.samples(),
                gc,
                outOfMemory);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
