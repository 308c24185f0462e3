package io.sessionflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionflow.bench.overload.OverloadBenchmark;
import io.sessionflow.bench.sustainable.SustainableRateSearch;

/**
 * The harness's command line. Every figure of the targets is the default; everything is
 * configurable so that a quick run (or the smoke test) uses the same code with small numbers.
 */
public record BenchOptions(
        Path appJar,
        Path out,
        List<String> providers,
        List<Integer> rates,
        Duration duration,
        Duration warmup,
        long sessions,
        long baselineSessions,
        long brokerRecords,
        int e2eRecords,
        int partitions,
        String heap,
        boolean jfr,
        Set<Phase> phases,
        List<String> appArgs,
        List<String> jvmArgs,
        Duration pipelineTimeout,
        Duration requestTimeout,
        boolean keepData,
        OverloadBenchmark.Settings overload,
        SustainableRateSearch.Settings sustainable,
        Duration pause,
        String appCpus) {

    /** The parts of a run; all by default. */
    public enum Phase {
        /** create-session latency under open-loop load */
        LATENCY,
        /** ProducerPerformance and EndToEndLatency on the latency phase's broker */
        BROKER,
        /** pre-produced requests processed from a standing start */
        PIPELINE,
        /** the exactly-once floor: a minimal transactional copier (FloorCopier) between a producer and a
         *  read_committed consumer, on the latency phase's broker at the highest rate */
        FLOOR,
        /** the highest rate from the ready line of a fresh app, then the same rate warm */
        COLD,
        /** a ramp to capacity, then up to twice capacity, then recovery, on the latency phase's app */
        OVERLOAD,
        /** per provider, the highest rate with p99 within a bound and no error, by bisection, then confirmed */
        SUSTAINABLE
    }

    public static final String USAGE = """
            Usage: java -jar bench/target/sessionflow-bench.jar [options]
            Runs from the repository root; results go to bench-results/<timestamp>/ (report.md, latency.png, logs).

              --app-jar PATH            the all-in-one app (default session-app/target/sessionflow.jar)
              --out DIR                 where result directories go (default bench-results)
              --phases LIST             latency,broker,pipeline,floor,cold,overload,sustainable (default: all; latency first
                                        measures the load generator against a no-op server: its own floor; floor
                                        is the exactly-once floor on the latency app's broker; cold loads a fresh
                                        app at the highest rate from its ready line; overload drives the first
                                        provider only; sustainable searches each provider's highest rate with
                                        p99 ≤ 50 ms and no error on the latency app)
              --providers LIST          workloads to drive (default: every registered one: chat,algoreg,zenskar,liveperson)
              --rates LIST              open-loop rates, requests/s (default 250,500,1000)
              --duration DURATION       each rate's duration (default 60s)
              --warmup DURATION         warm-up per provider at the first rate, not recorded (default 30s)
              --sessions N              pipeline: N pre-produced requests (default 1000000)
              --baseline-sessions N     pipeline: a first run at this N, for linearity; 0 skips it (default 100000)
              --broker-records N        ProducerPerformance records (default 1000000)
              --e2e-records N           EndToEndLatency records (default 10000)
              --partitions N            partitions of the sessionflow topics (default 3, the app's default)
              --heap SIZE               the app's -Xmx (default 512m)
              --jfr                     record a JFR profile of the app in every phase (app-<phase>.jfr)
              --app-arg NAME=VALUE      a Spring property for the app, e.g. sessionflow.kafka.commit-interval=50ms
                                        (repeatable)
              --jvm-arg ARG             a JVM option for the app, after the README's -XX:TieredStopAtLevel=1, e.g.
                                        -XX:TieredStopAtLevel=4 for the full tiered JIT (repeatable)
              --app-cpus LIST           the CPUs the app (with its embedded broker) runs on, e.g. 0 (taskset -c);
                                        start the bench itself under taskset -c on the others, so that the load
                                        generator does not take the app's CPU (default: not pinned)
              --overload-ramp-from N    overload: the capacity ramp's first rate, req/s (default 250)
              --overload-ramp-to N      overload: the ramp's highest rate (default 20000)
              --overload-ramp-factor X  overload: each ramp step's rate over the previous (default 1.25)
              --overload-ramp-step DURATION  overload: each ramp step's duration (default 10s)
              --overload-ramp-p99 DURATION   overload: a sustained ramp step's p99 at most (default 1s)
              --overload-duration DURATION   overload: the step at capacity and each step past it (default 30s)
              --overload-multiples LIST overload: the steps past capacity, as multiples of it (default 1.5,2)
              --overload-recovery DURATION   overload: the load at capacity right after (default 30s)
              --sustainable-from N      sustainable: the first rate tried, req/s; failed, the probes halve it down to
                                        an eighth of it (default 100)
              --sustainable-to N        sustainable: the highest rate tried, req/s; the probes double up to it (default 4000)
              --sustainable-probe DURATION   sustainable: each probe's duration (default 10s)
              --sustainable-probes N    sustainable: the most probes per provider, second probes included (default 10)
              --sustainable-p99 DURATION     sustainable: a sustained step's p99 at most (default 50ms)
              --sustainable-confirm DURATION sustainable: each confirmation at the rate found (default 60s)
              --sustainable-confirmations N  sustainable: the most confirmations, each failed one followed by one at
                                        85% of its rate (default 4)
              --pause DURATION          the idle time before each load step, so that one step's tail does not
                                        reach into the next (default 2s)
              --pipeline-timeout DURATION  how long a pipeline run may take once the app is ready (default 30m)
              --request-timeout DURATION   each HTTP call's timeout (default 30s)
              --keep-data               keep the broker logs and Streams state of every phase
              --help                    this text
            Durations: 500ms, 30s, 2m, 1h.
            """;

    public static BenchOptions defaults() {
        return new BenchOptions(
                Path.of("session-app/target/sessionflow.jar"),
                Path.of("bench-results"),
                List.of(),
                List.of(250, 500, 1000),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                1_000_000,
                100_000,
                1_000_000,
                10_000,
                3,
                "512m",
                false,
                EnumSet.allOf(Phase.class),
                List.of(),
                List.of(),
                Duration.ofMinutes(30),
                Duration.ofSeconds(30),
                false,
                new OverloadBenchmark.Settings(
                        250,
                        20_000,
                        1.25,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        List.of(1.5, 2.0),
                        Duration.ofSeconds(30)),
                new SustainableRateSearch.Settings(
                        100, 4_000, Duration.ofSeconds(10), 10, 0.05, Duration.ofMillis(50), Duration.ofSeconds(60), 4),
                Duration.ofSeconds(2),
                "");
    }

    /** @throws IllegalArgumentException with a message for the user on a bad option */
    public static BenchOptions parse(String... args) {
        BenchOptions o = defaults();
        List<String> appArgs = new ArrayList<>();
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--jfr")) {
                o = o.with(b -> b.jfr = true);
                continue;
            }
            if (name.equals("--keep-data")) {
                o = o.with(b -> b.keepData = true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Unknown option or missing value: " + name);
            }
            String value = args[++i];
            o = switch (name) {
                case "--app-jar" -> o.with(b -> b.appJar = Path.of(value));
                case "--out" -> o.with(b -> b.out = Path.of(value));
                case "--phases" -> o.with(b -> b.phases = phases(value));
                case "--providers" -> o.with(b -> b.providers = list(value));
                case "--rates" ->
                    o.with(b -> b.rates =
                            list(value).stream().map(r -> positiveInt(name, r)).toList());
                case "--duration" -> o.with(b -> b.duration = duration(name, value));
                case "--warmup" -> o.with(b -> b.warmup = duration(name, value));
                case "--sessions" -> o.with(b -> b.sessions = positiveLong(name, value));
                case "--baseline-sessions" -> o.with(b -> b.baselineSessions = nonNegativeLong(name, value));
                case "--broker-records" -> o.with(b -> b.brokerRecords = positiveLong(name, value));
                case "--e2e-records" -> o.with(b -> b.e2eRecords = positiveInt(name, value));
                case "--partitions" -> o.with(b -> b.partitions = positiveInt(name, value));
                case "--heap" -> o.with(b -> b.heap = heap(value));
                case "--app-arg" -> {
                    if (!value.contains("=")) {
                        throw new IllegalArgumentException("--app-arg needs NAME=VALUE: " + value);
                    }
                    appArgs.add(value);
                    yield o;
                }
                case "--jvm-arg" -> {
                    jvmArgs.add(value);
                    yield o;
                }
                case "--pipeline-timeout" -> o.with(b -> b.pipelineTimeout = duration(name, value));
                case "--request-timeout" -> o.with(b -> b.requestTimeout = duration(name, value));
                case "--pause" -> o.with(b -> b.pause = duration(name, value));
                case "--app-cpus" -> o.with(b -> b.appCpus = cpuList(value));
                case "--overload-ramp-from",
                        "--overload-ramp-to",
                        "--overload-ramp-factor",
                        "--overload-ramp-step",
                        "--overload-ramp-p99",
                        "--overload-duration",
                        "--overload-multiples",
                        "--overload-recovery" -> o.with(b -> b.overload = overload(b.overload, name, value));
                case "--sustainable-from",
                        "--sustainable-to",
                        "--sustainable-probe",
                        "--sustainable-probes",
                        "--sustainable-p99",
                        "--sustainable-confirm",
                        "--sustainable-confirmations" ->
                    o.with(b -> b.sustainable = sustainable(b.sustainable, name, value));
                default -> throw new IllegalArgumentException("Unknown option: " + name);
            };
        }
        if (o.rates().isEmpty()) {
            throw new IllegalArgumentException("--rates needs at least one rate");
        }
        if (o.baselineSessions() >= o.sessions()) {
            throw new IllegalArgumentException("--baseline-sessions must be below --sessions (or 0 to skip it)");
        }
        return o.with(b -> {
            b.appArgs = List.copyOf(appArgs);
            b.jvmArgs = List.copyOf(jvmArgs);
        });
    }

    public boolean runs(Phase phase) {
        return phases.contains(phase);
    }

    /** The pipeline sizes to run, smallest first. */
    public List<Long> pipelineSizes() {
        return baselineSessions > 0 ? List.of(baselineSessions, sessions) : List.of(sessions);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " needs a duration such as 500ms, 30s, 2m: " + text);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static OverloadBenchmark.Settings overload(OverloadBenchmark.Settings o, String name, String value) {
        int from = o.rampFrom();
        int to = o.rampTo();
        double factor = o.rampFactor();
        Duration step = o.rampStep();
        Duration p99 = o.rampP99();
        Duration duration = o.duration();
        List<Double> multiples = o.multiples();
        Duration recovery = o.recovery();
        switch (name) {
            case "--overload-ramp-from" -> from = positiveInt(name, value);
            case "--overload-ramp-to" -> to = positiveInt(name, value);
            case "--overload-ramp-factor" -> factor = factor(name, value);
            case "--overload-ramp-step" -> step = duration(name, value);
            case "--overload-ramp-p99" -> p99 = duration(name, value);
            case "--overload-duration" -> duration = duration(name, value);
            case "--overload-multiples" ->
                multiples = list(value).stream().map(m -> factor(name, m)).toList();
            default -> recovery = duration(name, value);
        }
        if (multiples.isEmpty()) {
            throw new IllegalArgumentException("--overload-multiples needs at least one multiple");
        }
        return new OverloadBenchmark.Settings(from, to, factor, step, p99, duration, multiples, recovery);
    }

    private static SustainableRateSearch.Settings sustainable(
            SustainableRateSearch.Settings s, String name, String value) {
        int from = s.from();
        int to = s.to();
        Duration probe = s.probe();
        int probes = s.probes();
        Duration p99 = s.p99();
        Duration confirm = s.confirm();
        int confirmations = s.confirmations();
        switch (name) {
            case "--sustainable-from" -> from = positiveInt(name, value);
            case "--sustainable-to" -> to = positiveInt(name, value);
            case "--sustainable-probe" -> probe = duration(name, value);
            case "--sustainable-probes" -> probes = positiveInt(name, value);
            case "--sustainable-p99" -> p99 = duration(name, value);
            case "--sustainable-confirm" -> confirm = duration(name, value);
            default -> confirmations = positiveInt(name, value);
        }
        return new SustainableRateSearch.Settings(from, to, probe, probes, s.resolution(), p99, confirm, confirmations);
    }

    private static double factor(String option, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (!(value > 1.0)) {
                throw new IllegalArgumentException(option + " must be above 1: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + text);
        }
    }

    private static Set<Phase> phases(String text) {
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String name : list(text)) {
            try {
                phases.add(Phase.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown phase '" + name
                        + "'; known: latency, broker, pipeline, floor, cold, overload, sustainable");
            }
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("--phases needs at least one phase");
        }
        return phases;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String cpuList(String value) {
        if (!value.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
            throw new IllegalArgumentException("--app-cpus needs a CPU list such as 0 or 0-1,3: " + value);
        }
        return value;
    }

    private static String heap(String value) {
        if (!value.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap needs a JVM size such as 512m: " + value);
        }
        return value;
    }

    private static int positiveInt(String option, String text) {
        long value = positiveLong(option, text);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " is too large: " + text);
        }
        return (int) value;
    }

    private static long positiveLong(String option, String text) {
        long value = nonNegativeLong(option, text);
        if (value == 0) {
            throw new IllegalArgumentException(option + " must be positive: " + text);
        }
        return value;
    }

    private static long nonNegativeLong(String option, String text) {
        try {
            long value = Long.parseLong(text.replace("_", "").replace(",", ""));
            if (value < 0) {
                throw new IllegalArgumentException(option + " must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + text);
        }
    }

    // ---- a mutable copy, so that parse stays readable ----------------------------------------------

    private BenchOptions with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    private static final class Builder {
        Path appJar;
        Path out;
        List<String> providers;
        List<Integer> rates;
        Duration duration;
        Duration warmup;
        long sessions;
        long baselineSessions;
        long brokerRecords;
        int e2eRecords;
        int partitions;
        String heap;
        boolean jfr;
        Set<Phase> phases;
        List<String> appArgs;
        List<String> jvmArgs;
        Duration pipelineTimeout;
        Duration requestTimeout;
        boolean keepData;
        OverloadBenchmark.Settings overload;
        SustainableRateSearch.Settings sustainable;
        Duration pause;
        String appCpus;

        Builder(BenchOptions o) {
            appJar = o.appJar;
            out = o.out;
            providers = o.providers;
            rates = o.rates;
            duration = o.duration;
            warmup = o.warmup;
            sessions = o.sessions;
            baselineSessions = o.baselineSessions;
            brokerRecords = o.brokerRecords;
            e2eRecords = o.e2eRecords;
            partitions = o.partitions;
            heap = o.heap;
            jfr = o.jfr;
            phases = o.phases;
            appArgs = o.appArgs;
            jvmArgs = o.jvmArgs;
            pipelineTimeout = o.pipelineTimeout;
            requestTimeout = o.requestTimeout;
            keepData = o.keepData;
            overload = o.overload;
            sustainable = o.sustainable;
            pause = o.pause;
            appCpus = o.appCpus;
        }

        BenchOptions build() {
            return new BenchOptions(
                    appJar,
                    out,
                    providers,
                    rates,
                    duration,
                    warmup,
                    sessions,
                    baselineSessions,
                    brokerRecords,
                    e2eRecords,
                    partitions,
                    heap,
                    jfr,
                    phases,
                    appArgs,
                    jvmArgs,
                    pipelineTimeout,
                    requestTimeout,
                    keepData,
                    overload,
                    sustainable,
                    pause,
                    appCpus);
        }
    }
}
