package io.sessionflow.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sessionflow.bench.app.AppMemory;
import io.sessionflow.bench.app.AppProcess;
import io.sessionflow.bench.app.DataDirectories;
import io.sessionflow.bench.app.MachineCpu;
import io.sessionflow.bench.app.Ports;
import io.sessionflow.bench.broker.EndToEndLatencyResult;
import io.sessionflow.bench.broker.ExactlyOnceFloor;
import io.sessionflow.bench.broker.KafkaTools;
import io.sessionflow.bench.broker.ProducerPerformanceResult;
import io.sessionflow.bench.load.GeneratorFloor;
import io.sessionflow.bench.load.LatencyStep;
import io.sessionflow.bench.load.OpenLoopLoad;
import io.sessionflow.bench.overload.OverloadBenchmark;
import io.sessionflow.bench.overload.OverloadReport;
import io.sessionflow.bench.overload.OverloadResult;
import io.sessionflow.bench.pipeline.PipelineBenchmark;
import io.sessionflow.bench.pipeline.PipelineResult;
import io.sessionflow.bench.report.BenchResult;
import io.sessionflow.bench.report.BrokerLimit;
import io.sessionflow.bench.report.FloorAndColdStartReport;
import io.sessionflow.bench.report.LatencyChart;
import io.sessionflow.bench.report.Machine;
import io.sessionflow.bench.report.Report;
import io.sessionflow.bench.report.Targets;
import io.sessionflow.bench.sustainable.SustainableRateReport;
import io.sessionflow.bench.sustainable.SustainableRateResult;
import io.sessionflow.bench.sustainable.SustainableRateSearch;
import io.sessionflow.bench.workload.ProviderWorkload;
import io.sessionflow.bench.workload.Workloads;
import io.sessionflow.processor.SessionProcessorTopology;
import io.sessionflow.projections.SessionProjectionTopology;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The benchmark harness: one command that measures, on this machine and in one run, the
 * create-session latency under open-loop load, the broker's own limit on the same broker, the
 * pipeline's throughput from a standing start, and the app's memory, and writes
 * {@code bench-results/<timestamp>/report.md} and {@code latency.png}. See docs/benchmarks.md.
 *
 * <p>Phases, each against the all-in-one app in a child JVM on its own embedded broker:
 * <ol>
 *   <li>latency: per provider a warm-up, then each rate in turn ({@link OpenLoopLoad});</li>
 *   <li>overload: on the same app, for the first provider, a ramp to capacity, steps up to twice it and the
 *   recovery after ({@link OverloadBenchmark});</li>
 *   <li>sustainable: on the same app, per provider, the highest rate with p99 within a bound and no error, by
 *   bisection, then held to confirm it ({@link SustainableRateSearch});</li>
 *   <li>broker: Kafka's ProducerPerformance and EndToEndLatency against that same app's broker,
 *   the app idle ({@link KafkaTools});</li>
 *   <li>pipeline: at the baseline N and at N, each on a fresh app ({@link PipelineBenchmark}).</li>
 * </ol>
 * A phase that fails is reported as such; the others still run.
 */
public final class Bench {

    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final int SIZE_SAMPLE = 10_000;
    private static final Duration FLOOR_DURATION = Duration.ofSeconds(10);
    private static final Duration FLOOR_WARMUP = Duration.ofSeconds(10);

    private final BenchOptions options;
    private final String command;
    private final PrintStream console;

    public Bench(BenchOptions options, String command, PrintStream console) {
        this.options = options;
        this.command = command;
        this.console = console;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (List.of(args).contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        String command =
                "java -jar bench/target/sessionflow-bench.jar" + (args.length == 0 ? "" : " " + String.join(" ", args));
        BenchResult result = new Bench(options, command, System.out).run();
        System.exit(result.failures().isEmpty() ? 0 : 1);
    }

    public BenchResult run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        Machine machine = Machine.describe();
        Path results = options.out().resolve(RUN_ID.format(started)).toAbsolutePath();
        Files.createDirectories(results);
        Path work = results.resolve("work");
        console.printf("sessionflow benchmark: results in %s%n", results);
        List<ProviderWorkload> workloads = Workloads.select(
                options.providers().isEmpty()
                        ? List.copyOf(Workloads.all(options.requestTimeout()).keySet())
                        : options.providers(),
                options.requestTimeout());
        Map<String, Integer> hops = new LinkedHashMap<>();
        workloads.forEach(w -> hops.put(w.provider(), w.brokerHops()));

        List<LatencyStep> steps = new ArrayList<>();
        List<LatencyStep> floor = new ArrayList<>();
        List<AppMemory> memory = new ArrayList<>();
        List<PipelineResult> pipeline = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        BrokerLimit brokerLimit = null;
        String exactlyOnce = null;
        OverloadResult overload = null;
        List<SustainableRateResult> sustainable = new ArrayList<>();

        if (options.runs(BenchOptions.Phase.LATENCY) || options.runs(BenchOptions.Phase.COLD)) {
            try {
                generatorFloor(workloads, floor);
            } catch (RuntimeException | IOException e) {
                failures.add("generator floor: " + describe(e));
            }
        }
        ExactlyOnceFloor.Result floorResult = null;
        List<LatencyStep> cold = new ArrayList<>();
        if (options.runs(BenchOptions.Phase.LATENCY)
                || options.runs(BenchOptions.Phase.BROKER)
                || options.runs(BenchOptions.Phase.FLOOR)
                || options.runs(BenchOptions.Phase.OVERLOAD)
                || options.runs(BenchOptions.Phase.SUSTAINABLE)) {
            Path dataDir = work.resolve("latency");
            AppProcess app = AppProcess.start(appConfig(results, "latency", dataDir, Ports.free()));
            try {
                app.awaitReady(READY_TIMEOUT);
                console.printf(
                        "[latency] app ready after %.1f s (pid %d)%n",
                        Duration.between(app.launchedAt(), Instant.now()).toMillis() / 1000.0, app.pid());
                if (options.runs(BenchOptions.Phase.LATENCY)) {
                    try {
                        latency(app, workloads, results, steps);
                    } catch (RuntimeException | IOException e) {
                        failures.add("latency phase: " + describe(e));
                    }
                }
                if (options.runs(BenchOptions.Phase.SUSTAINABLE)) {
                    try {
                        sustainable(app, workloads, sustainable);
                    } catch (RuntimeException e) {
                        failures.add("sustainable-rate search: " + describe(e));
                    }
                }
                if (options.runs(BenchOptions.Phase.OVERLOAD)) {
                    try {
                        overload = overload(app, workloads.get(0));
                    } catch (RuntimeException e) {
                        failures.add("overload phase: " + describe(e));
                    }
                }
                exactlyOnce = exactlyOnce(app.bootstrapServers());
                if (options.runs(BenchOptions.Phase.BROKER)) {
                    brokerLimit = brokerLimit(app.bootstrapServers(), workloads.get(0), results, failures);
                }
                if (options.runs(BenchOptions.Phase.FLOOR)) {
                    try {
                        floorResult = exactlyOnceFloor(
                                app.bootstrapServers(),
                                workloads.get(0),
                                floorRate(workloads.get(0), sustainable),
                                results);
                    } catch (RuntimeException | IOException e) {
                        failures.add("exactly-once floor: " + describe(e));
                    }
                }
            } catch (RuntimeException e) {
                failures.add("latency app: " + describe(e));
            } finally {
                memory.add(app.stop());
                if (!options.keepData()) {
                    DataDirectories.delete(dataDir);
                }
            }
        }

        if (options.runs(BenchOptions.Phase.COLD)) {
            Path dataDir = work.resolve("cold");
            AppProcess app = AppProcess.start(appConfig(results, "cold", dataDir, Ports.free()));
            try {
                app.awaitReady(READY_TIMEOUT);
                console.printf(
                        "[cold] app ready after %.1f s (pid %d)%n",
                        Duration.between(app.launchedAt(), Instant.now()).toMillis() / 1000.0, app.pid());
                coldStart(app, workloads.get(0), cold);
            } catch (RuntimeException e) {
                failures.add("cold start: " + describe(e));
            } finally {
                memory.add(app.stop());
                if (!options.keepData()) {
                    DataDirectories.delete(dataDir);
                }
            }
        }

        if (options.runs(BenchOptions.Phase.PIPELINE)) {
            PipelineBenchmark bench = new PipelineBenchmark(
                    work,
                    options.partitions(),
                    options.pipelineTimeout(),
                    options.keepData(),
                    (phase, dataDir, brokerPort) -> appConfig(results, phase, dataDir, brokerPort),
                    console);
            for (long sessions : options.pipelineSizes()) {
                try {
                    PipelineResult result = bench.run(workloads.get(0), sessions);
                    pipeline.add(result);
                    memory.add(result.memory());
                    console.printf(
                            "[pipeline-%d] %,.0f sessions/s (first decision to last queryable: %.2f s; "
                                    + "events %s)%n",
                            sessions,
                            result.sessionsPerSecond(),
                            result.processing().toNanos() / 1e9,
                            result.eventsByType());
                } catch (RuntimeException | IOException e) {
                    failures.add("pipeline at N = " + sessions + ": " + describe(e));
                }
            }
        }

        BenchResult result = new BenchResult(
                results,
                started,
                Instant.now(),
                machine,
                command,
                settings(),
                hops,
                steps,
                floor,
                brokerLimit,
                pipeline,
                memory,
                exactlyOnce,
                Machine.currentLoadAverage(),
                failures);
        LatencyChart.write(steps, results.resolve(Report.CHART));
        Path report = Report.write(result);
        Files.writeString(
                report,
                FloorAndColdStartReport.sections(
                        Stream.concat(
                                        steps.stream(),
                                        sustainable.stream().flatMap(r -> r.sustainedConfirmation().stream()))
                                .toList(),
                        floorResult,
                        cold,
                        coldSplit()),
                java.nio.file.StandardOpenOption.APPEND);
        if (overload != null) {
            Files.writeString(report, OverloadReport.render(overload), java.nio.file.StandardOpenOption.APPEND);
        }
        if (!sustainable.isEmpty()) {
            Files.writeString(
                    report,
                    SustainableRateReport.render(sustainable, options.sustainable()),
                    java.nio.file.StandardOpenOption.APPEND);
        }
        if (!options.keepData()) {
            DataDirectories.delete(work);
        }
        for (Targets.Target target : Targets.evaluate(result)) {
            console.printf("%-12s %s: %s%n", target.verdict(), target.name(), target.measured());
        }
        failures.forEach(f -> console.println("FAILED " + f));
        console.println("Report: " + report);
        return result;
    }

    /**
     * The generator against a no-op server at the highest rate, before any app runs: its own floor
     * (after a warm-up of its own: a cold client's first seconds are the JIT's, not the client's). It also
     * warms the generator's code for a cold start's load, whose first seconds must be the app's alone.
     */
    private void generatorFloor(List<ProviderWorkload> workloads, List<LatencyStep> floor)
            throws IOException, InterruptedException {
        int rate = options.rates().stream().max(Integer::compare).orElseThrow();
        Duration duration = options.duration().compareTo(FLOOR_DURATION) < 0 ? options.duration() : FLOOR_DURATION;
        Duration warmup = options.warmup().compareTo(FLOOR_WARMUP) < 0 ? options.warmup() : FLOOR_WARMUP;
        for (ProviderWorkload workload : workloads) {
            LatencyStep step = GeneratorFloor.measure(workload, rate, warmup, duration, options.requestTimeout());
            floor.add(step);
            console.printf(
                    "[latency] %s generator floor (no-op server) at %d req/s for %d s: %s%n",
                    workload.provider(), rate, duration.toSeconds(), summary(step));
        }
    }

    private void latency(AppProcess app, List<ProviderWorkload> workloads, Path results, List<LatencyStep> steps)
            throws InterruptedException, IOException {
        long sequence = 0;
        try (OpenLoopLoad load = new OpenLoopLoad(options.requestTimeout())) {
            for (ProviderWorkload workload : workloads) {
                if (!options.warmup().isZero()) {
                    LatencyStep warm =
                            load.run(workload, app.baseUri(), options.rates().get(0), options.warmup(), sequence);
                    sequence += warm.sent();
                    console.printf(
                            "[latency] %s warm-up at %d req/s for %d s: %s%n",
                            workload.provider(),
                            options.rates().get(0),
                            options.warmup().toSeconds(),
                            summary(warm));
                }
                for (int rate : options.rates()) {
                    Thread.sleep(options.pause().toMillis());
                    long cpuBefore = app.cpuNanos();
                    LatencyStep step = load.run(workload, app.baseUri(), rate, options.duration(), sequence);
                    long cpuAfter = app.cpuNanos();
                    if (cpuBefore >= 0 && cpuAfter >= 0) {
                        step = step.withAppCpu(cpuAfter - cpuBefore);
                    }
                    sequence += step.sent();
                    steps.add(step);
                    OpenLoopLoad.writePercentiles(
                            step, results.resolve("latency-" + workload.provider() + "-" + rate + ".hgrm"));
                    console.printf(
                            "[latency] %s %d req/s for %d s: %s%n",
                            workload.provider(), rate, options.duration().toSeconds(), summary(step));
                }
            }
        }
    }

    /** The part of the cold load counted as its first seconds: 10 s, or half of a shorter load. */
    private Duration coldSplit() {
        Duration tenSeconds = Duration.ofSeconds(10);
        return options.duration().compareTo(tenSeconds.multipliedBy(2)) >= 0
                ? tenSeconds
                : options.duration().dividedBy(2);
    }

    /**
     * A fresh app, loaded at the highest rate from its ready line for the step duration (reported as the first
     * seconds and the rest), then, after a pause, at the same rate for the rest's length: the warm figure.
     */
    private void coldStart(AppProcess app, ProviderWorkload workload, List<LatencyStep> cold)
            throws InterruptedException {
        int rate = options.rates().stream().max(Integer::compare).orElseThrow();
        try (OpenLoopLoad load = new OpenLoopLoad(options.requestTimeout())) {
            List<LatencyStep> windows =
                    load.runWindows(workload, app.baseUri(), rate, options.duration(), 0, coldSplit());
            cold.addAll(windows);
            Thread.sleep(options.pause().toMillis());
            LatencyStep warm = load.run(
                    workload,
                    app.baseUri(),
                    rate,
                    options.duration().minus(coldSplit()),
                    windows.stream().mapToLong(LatencyStep::sent).sum());
            cold.add(warm);
            for (LatencyStep step : cold) {
                console.printf(
                        "[cold] %s %d req/s, %d s: %s%n",
                        workload.provider(), rate, step.plannedSeconds(), summary(step));
            }
        }
    }

    /**
     * The rate of the exactly-once floor: the workload's highest sustainable rate when the search confirmed one (the
     * issue's "at the highest sustained rate"), else the highest rate of the latency phase.
     */
    private int floorRate(ProviderWorkload workload, List<SustainableRateResult> sustainable) {
        return sustainable.stream()
                .filter(r -> r.provider().equals(workload.provider()) && r.confirmed() > 0)
                .map(SustainableRateResult::confirmed)
                .findFirst()
                .orElseGet(() -> options.rates().stream().max(Integer::compare).orElseThrow());
    }

    /** The exactly-once floor at a rate, with the workload's record sizes. */
    private ExactlyOnceFloor.Result exactlyOnceFloor(
            String bootstrapServers, ProviderWorkload workload, int rate, Path results)
            throws IOException, InterruptedException {
        double[] size = averageEventSize(workload);
        Duration warmup = options.warmup().compareTo(FLOOR_WARMUP) < 0 ? options.warmup() : FLOOR_WARMUP;
        Duration duration =
                options.duration().compareTo(Duration.ofSeconds(30)) < 0 ? options.duration() : Duration.ofSeconds(30);
        console.printf(
                "[floor] transactional copier at %d req/s for %d s (commit interval %d ms, linger %d ms)%n",
                rate, duration.toSeconds(), processorCommitInterval().toMillis(), processorLingerMillis());
        ExactlyOnceFloor.Result floor = ExactlyOnceFloor.measure(
                results,
                bootstrapServers,
                (int) Math.round(size[0]),
                (int) Math.round(size[1]),
                rate,
                warmup,
                duration,
                processorCommitInterval(),
                processorLingerMillis(),
                appProducerProperties(bootstrapServers));
        console.printf(
                Locale.ROOT,
                "[floor] received %,d of %,d; p50 %.2f ms, p99 %.2f ms%n",
                floor.received(),
                floor.sent(),
                floor.latencyMillis(50),
                floor.latencyMillis(99));
        return floor;
    }

    /** The processor's commit interval: its default, or as the run sets it. */
    private Duration processorCommitInterval() {
        return appArg("sessionflow.processor.commit-interval")
                .map(value -> BenchOptions.duration("--app-arg", value))
                .orElse(Duration.ofMillis(10));
    }

    /** The processor's producers' linger: its own client property, else every client's, else the app's default. */
    private int processorLingerMillis() {
        return appArg("sessionflow.kafka.processor.client.producer.linger.ms")
                .or(() -> appArg("sessionflow.kafka.client.producer.linger.ms"))
                .map(Integer::parseInt)
                .orElse(KafkaSettings.STREAMS_LINGER_MS);
    }

    /** The last {@code --app-arg} value of a property. */
    private Optional<String> appArg(String name) {
        Optional<String> value = Optional.empty();
        for (String arg : options.appArgs()) {
            if (arg.startsWith(name + "=")) {
                value = Optional.of(arg.substring(name.length() + 1));
            }
        }
        return value;
    }

    /**
     * The overload phase on the latency phase's app (warmed by it, or here at the ramp's first rate when it did
     * not run), with request sequence numbers past the latency phase's.
     */
    private OverloadResult overload(AppProcess app, ProviderWorkload workload) throws InterruptedException {
        try (OpenLoopLoad load = new OpenLoopLoad(options.requestTimeout())) {
            long sequence = 1_000_000_000L;
            if (!options.runs(BenchOptions.Phase.LATENCY) && !options.warmup().isZero()) {
                LatencyStep warm =
                        load.run(workload, app.baseUri(), options.overload().rampFrom(), options.warmup(), sequence);
                sequence += warm.sent();
                console.printf(
                        "[overload] %s warm-up at %d req/s for %d s: %s%n",
                        workload.provider(),
                        options.overload().rampFrom(),
                        options.warmup().toSeconds(),
                        summary(warm));
            }
            return new OverloadBenchmark(
                            options.overload(),
                            load,
                            app.managementUri(),
                            app.managementAuthorization(),
                            line -> console.println("[overload] " + workload.provider() + " " + line),
                            options.pause())
                    .run(workload, app.baseUri(), sequence);
        }
    }

    /**
     * The sustainable-rate search on the latency phase's app, each provider in turn (warmed by the latency phase, or
     * here at the search's first rate when it did not run), with request sequence numbers past the other phases'.
     */
    private void sustainable(AppProcess app, List<ProviderWorkload> workloads, List<SustainableRateResult> results)
            throws InterruptedException {
        try (OpenLoopLoad load = new OpenLoopLoad(options.requestTimeout())) {
            long sequence = 2_000_000_000L;
            for (ProviderWorkload workload : workloads) {
                if (!options.runs(BenchOptions.Phase.LATENCY)
                        && !options.warmup().isZero()) {
                    LatencyStep warm = load.run(
                            workload, app.baseUri(), options.sustainable().from(), options.warmup(), sequence);
                    sequence += warm.sent();
                    console.printf(
                            "[sustainable] %s warm-up at %d req/s for %d s: %s%n",
                            workload.provider(),
                            options.sustainable().from(),
                            options.warmup().toSeconds(),
                            summary(warm));
                }
                SustainableRateResult result = new SustainableRateSearch(
                                options.sustainable(),
                                (rate, duration, first) -> load.run(workload, app.baseUri(), rate, duration, first),
                                line -> console.println("[sustainable] " + workload.provider() + " " + line),
                                options.pause())
                        .run(workload.provider(), sequence);
                results.add(result);
                sequence += 1_000_000_000L;
            }
        }
    }

    private static String summary(LatencyStep step) {
        return String.format(
                Locale.ROOT,
                "sent %,d (%.1f/s), succeeded %,d, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %s%s",
                step.sent(),
                step.achievedRate(),
                step.succeeded(),
                step.latencyMillis(50),
                step.latencyMillis(99),
                step.latencyMillis(100),
                step.errors().isEmpty() ? "none" : step.errors(),
                step.appCpuNanos() < 0
                        ? ""
                        : String.format(Locale.ROOT, ", app CPU %.3f ms per success", step.appCpuMillisPerSuccess()));
    }

    private BrokerLimit brokerLimit(
            String bootstrapServers, ProviderWorkload workload, Path results, List<String> failures)
            throws InterruptedException {
        double[] size = averageEventSize(workload);
        int recordSize = (int) Math.round(size[0] + size[1]);
        List<String> producerProperties = appProducerProperties(bootstrapServers);
        KafkaTools tools = new KafkaTools(results);
        ProducerPerformanceResult perf = null;
        MachineCpu.Usage perfCpu = null;
        EndToEndLatencyResult e2e = null;
        try {
            console.printf("[broker] ProducerPerformance: %,d records of %d B%n", options.brokerRecords(), recordSize);
            MachineCpu.Sample before = MachineCpu.sample();
            perf = tools.producerPerformance(
                    bootstrapServers,
                    options.partitions(),
                    options.brokerRecords(),
                    options.brokerRecords() / 10,
                    recordSize,
                    producerProperties);
            perfCpu = MachineCpu.between(before, MachineCpu.sample());
            console.printf(
                    "[broker] %,.0f records/s (%.2f MB/s)%n", perf.recordsPerSecond(), perf.megabytesPerSecond());
        } catch (RuntimeException | IOException e) {
            failures.add("ProducerPerformance: " + describe(e));
        }
        try {
            console.printf("[broker] EndToEndLatency: %,d records%n", options.e2eRecords());
            e2e = tools.endToEndLatency(
                    bootstrapServers, options.e2eRecords(), (int) Math.round(size[1]), (int) Math.round(size[0]));
            console.printf("[broker] end-to-end mean %.4f ms%n", e2e.avgMillis());
        } catch (RuntimeException | IOException e) {
            failures.add("EndToEndLatency: " + describe(e));
        }
        return new BrokerLimit(
                workload.provider(),
                size[0],
                size[1],
                perf,
                options.brokerRecords(),
                recordSize,
                producerProperties,
                perfCpu,
                e2e,
                options.e2eRecords());
    }

    /** The producer settings every sessionflow producer uses (KafkaSettings), for ProducerPerformance. */
    private List<String> appProducerProperties(String bootstrapServers) {
        Map<String, Object> app = new KafkaSettings(
                        bootstrapServers, options.partitions(), (short) 1, Duration.ofMillis(100), "unused", Map.of())
                .producerConfig(Duration.ofSeconds(30));
        List<String> properties = new ArrayList<>();
        for (String name : List.of(
                ProducerConfig.ACKS_CONFIG,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                ProducerConfig.LINGER_MS_CONFIG)) {
            properties.add(name + "=" + app.get(name));
        }
        return properties;
    }

    /** Average key and value size of the workload's request events, as the project's serde writes them. */
    private static double[] averageEventSize(ProviderWorkload workload) {
        long keys = 0;
        long values = 0;
        for (int i = 0; i < SIZE_SAMPLE; i++) {
            ProviderWorkload.RequestEvent event = workload.requestEvent(i);
            keys += event.sessionKey().length();
            values += event.value().length;
        }
        return new double[] {(double) keys / SIZE_SAMPLE, (double) values / SIZE_SAMPLE};
    }

    /**
     * Evidence that the Streams apps ran with exactly-once: their transactional producers, as the
     * broker lists them; null when none is seen.
     */
    private static String exactlyOnce(String bootstrapServers) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, Integer> byApp = new TreeMap<>();
            for (TransactionListing listing : admin.listTransactions().all().get(30, TimeUnit.SECONDS)) {
                for (String app :
                        List.of(SessionProcessorTopology.APPLICATION_ID, SessionProjectionTopology.APPLICATION_ID)) {
                    if (listing.transactionalId().startsWith(app + "-")) {
                        byApp.merge(app, 1, Integer::sum);
                    }
                }
            }
            return byApp.isEmpty() ? null : "transactional producers on the broker: " + byApp;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /**
     * What the harness sets for every app it starts: per-address and per-tenant rates lifted for the load generator
     * (the waiting share stays as configured), and no drain at a stop, as no load balancer is in front to steer away.
     */
    static final List<String> BENCH_SETTINGS = List.of(
            "sessionflow.limits.exempt-addresses=127.0.0.1,0:0:0:0:0:0:0:1",
            "sessionflow.limits.tenant-requests=100000000",
            "sessionflow.shutdown.drain=0s");

    private AppProcess.Config appConfig(Path results, String phase, Path dataDir, int brokerPort) {
        List<String> appArgs = new ArrayList<>();
        appArgs.add("sessionflow.kafka.partitions=" + options.partitions());
        // the load generator is one client on loopback sending for a few tenants: the abuse limits would refuse it
        appArgs.addAll(BENCH_SETTINGS);
        appArgs.addAll(options.appArgs());
        return new AppProcess.Config(
                options.appJar(),
                phase,
                results,
                dataDir,
                brokerPort,
                options.heap(),
                options.jfr(),
                options.jvmArgs(),
                appArgs,
                options.appCpus());
    }

    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(
                "app",
                "`" + options.appJar() + "`, child JVM, -Xmx" + options.heap() + " "
                        + String.join(" ", AppProcess.README_JVM_OPTIONS)
                        + (options.jvmArgs().isEmpty() ? "" : " " + String.join(" ", options.jvmArgs()))
                        + (options.jfr() ? ", JFR recording" : ""));
        s.put(
                "CPUs",
                "app " + (options.appCpus().isEmpty() ? "any" : options.appCpus() + " (taskset -c)") + ", bench "
                        + Machine.allowedCpus());
        List<String> properties = new ArrayList<>(BENCH_SETTINGS);
        properties.addAll(options.appArgs());
        s.put("app properties", "application.yml defaults and `" + String.join("`, `", properties) + "`");
        s.put("processing guarantee", "exactly_once_v2 (KafkaSettings.streamsConfig)");
        s.put("partitions", Integer.toString(options.partitions()));
        s.put("phases", options.phases().toString().toLowerCase(Locale.ROOT));
        s.put("providers", options.providers().isEmpty() ? "all registered" : String.join(", ", options.providers()));
        s.put(
                "rates (req/s) × duration",
                options.rates() + " × " + options.duration().toSeconds() + " s, warm-up "
                        + options.warmup().toSeconds() + " s at the first rate, "
                        + options.pause().toMillis()
                        + " ms idle before each step");
        if (options.runs(BenchOptions.Phase.OVERLOAD)) {
            OverloadBenchmark.Settings o = options.overload();
            s.put(
                    "overload",
                    String.format(
                            Locale.ROOT,
                            "ramp from %d req/s ×%.2f every %d s up to %d (sustained: "
                                    + "all 2xx, p99 ≤ %d ms); capacity and %s × capacity for %d s each; %d s at capacity after",
                            o.rampFrom(),
                            o.rampFactor(),
                            o.rampStep().toSeconds(),
                            o.rampTo(),
                            o.rampP99().toMillis(),
                            o.multiples(),
                            o.duration().toSeconds(),
                            o.recovery().toSeconds()));
        }
        s.put(
                "pipeline N",
                options.pipelineSizes().stream()
                        .map(n -> String.format(Locale.ROOT, "%,d", n))
                        .toList()
                        .toString());
        s.put(
                "ProducerPerformance / EndToEndLatency records",
                String.format(Locale.ROOT, "%,d / %,d", options.brokerRecords(), options.e2eRecords()));
        return s;
    }

    /** A failure and its causes in one line: "Failed to construct kafka producer" alone says too little. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause();
                cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            text.append(" (caused by ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage())
                    .append(')');
        }
        return text.toString();
    }
}
