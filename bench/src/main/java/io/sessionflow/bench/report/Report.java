package io.sessionflow.bench.report;

import static io.sessionflow.bench.report.Markdown.count;
import static io.sessionflow.bench.report.Markdown.errorSamples;
import static io.sessionflow.bench.report.Markdown.fmt;
import static io.sessionflow.bench.report.Markdown.row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.sessionflow.bench.app.AppMemory;
import io.sessionflow.bench.load.LatencyStep;
import io.sessionflow.bench.pipeline.PipelineResult;

/**
 * Writes a run as Markdown: the machine, the command, the targets with their verdicts, every figure
 * of every phase, and the ratios to the broker's own limit. Pure: the same result gives the same text.
 */
public final class Report {

    public static final String FILE = "report.md";
    public static final String CHART = "latency.png";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Report() {}

    public static Path write(BenchResult run) throws IOException {
        Path file = run.resultsDir().resolve(FILE);
        Files.writeString(file, render(run), StandardCharsets.UTF_8);
        return file;
    }

    public static String render(BenchResult run) {
        StringBuilder md = new StringBuilder();
        md.append("# sessionflow benchmark, ")
                .append(WHEN.format(run.startedAt()))
                .append("\n\n");
        md.append("Command: `").append(run.command()).append("`  \n");
        md.append("Ran ")
                .append(duration(Duration.between(run.startedAt(), run.finishedAt())))
                .append(", results in `")
                .append(run.resultsDir().getFileName())
                .append("/`.\n\n");
        machine(md, run);
        settings(md, run);
        targets(md, run);
        latency(md, run);
        pipeline(md, run);
        broker(md, run);
        memory(md, run);
        failures(md, run);
        files(md, run);
        return md.toString();
    }

    private static void machine(StringBuilder md, BenchResult run) {
        Machine m = run.machine();
        md.append("## Machine\n\n| | |\n| --- | --- |\n");
        row(
                md,
                "CPU",
                m.cpuModel() + ", " + m.cores() + " cores (the settings say which ones the app and the bench ran on)");
        row(md, "memory", gib(m.memoryBytes()));
        row(md, "OS", m.os() + " (" + m.kernel() + ")");
        row(md, "JDK (harness and app)", m.jdk());
        row(md, "load average at start / end", m.loadAverage() + " / " + run.loadAverageAtEnd());
        md.append("\n");
    }

    private static void settings(StringBuilder md, BenchResult run) {
        md.append("## Settings\n\n| setting | value |\n| --- | --- |\n");
        run.settings().forEach((name, value) -> row(md, name, value));
        md.append("\n");
    }

    private static void targets(StringBuilder md, BenchResult run) {
        md.append("## Targets\n\n| target | required | measured | verdict |\n| --- | --- | --- | --- |\n");
        for (Targets.Target t : Targets.evaluate(run)) {
            row(
                    md,
                    t.name(),
                    t.required(),
                    t.measured(),
                    switch (t.verdict()) {
                        case PASS -> "**pass**";
                        case FAIL -> "**FAIL**";
                        case NOT_MEASURED -> "not measured";
                    });
        }
        md.append("\n");
    }

    private static void latency(StringBuilder md, BenchResult run) {
        md.append("## Create-session latency under open-loop load\n\n");
        if (run.latency().isEmpty()) {
            md.append("Not run.\n\n");
            return;
        }
        md.append("Requests are sent on a fixed schedule whatever the answers (open loop); each latency is measured "
                + "from the request's intended send time, so queueing anywhere (app, client, this machine) counts "
                + "(no coordinated omission). Percentiles are over successful answers (HdrHistogram, 3 significant "
                + "digits); every other outcome is an error below. Send lag is how late the generator itself sent: "
                + "when it is large, the generator, not the app, could not keep the rate. App CPU is the app JVM's "
                + "CPU time (every thread: HTTP, Streams, the embedded broker) from the step's start to its last "
                + "answer, per successful answer: what a create costs, whatever the machine's load.\n\n");
        md.append("![create-session latency percentiles by rate](")
                .append(CHART)
                .append(")\n\n");
        run.latencyByProvider().forEach((provider, steps) -> {
            md.append("### ").append(provider).append("\n\n");
            md.append("| rate (req/s) | seconds | sent | sent/s | succeeded | succeeded/s | p50 ms | p90 ms | p99 ms "
                    + "| p99.9 ms | max ms | errors | send lag p99 / max ms | app CPU ms per success |\n");
            md.append(
                    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n");
            for (LatencyStep s : steps) {
                row(
                        md,
                        count(s.rate()),
                        s.plannedSeconds(),
                        count(s.sent()),
                        fmt(s.achievedRate(), 1),
                        count(s.succeeded()),
                        fmt(s.succeededPerSecond(), 1),
                        fmt(s.latencyMillis(50), 2),
                        fmt(s.latencyMillis(90), 2),
                        fmt(s.latencyMillis(99), 2),
                        fmt(s.latencyMillis(99.9), 2),
                        fmt(s.latencyMillis(100), 2),
                        counts(s.errors()),
                        sendLag(s),
                        fmt(s.appCpuMillisPerSuccess(), 3));
            }
            md.append("\n");
            steps.forEach(s -> errorSamples(md, s));
            md.append("Full percentile distributions: `latency-")
                    .append(provider)
                    .append("-<rate>.hgrm`.\n\n");
        });
        if (!run.generatorFloor().isEmpty()) {
            md.append("### The load generator's own floor\n\n");
            md.append(
                    "The same requests at the highest rate against a no-op HTTP server in the harness's JVM (no app): "
                            + "the generator's and this machine's share of the figures above.\n\n");
            md.append(
                    "| provider | rate (req/s) | seconds | sent/s | p50 ms | p99 ms | p99.9 ms | max ms | errors "
                            + "| send lag p99 / max ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
            for (LatencyStep s : run.generatorFloor()) {
                row(
                        md,
                        s.provider(),
                        count(s.rate()),
                        s.plannedSeconds(),
                        fmt(s.achievedRate(), 1),
                        fmt(s.latencyMillis(50), 2),
                        fmt(s.latencyMillis(99), 2),
                        fmt(s.latencyMillis(99.9), 2),
                        fmt(s.latencyMillis(100), 2),
                        counts(s.errors()),
                        sendLag(s));
            }
            md.append("\n");
        }
    }

    private static void pipeline(StringBuilder md, BenchResult run) {
        md.append("## Pipeline throughput from a standing start\n\n");
        if (run.pipeline().isEmpty()) {
            md.append("Not run.\n\n");
            return;
        }
        md.append("N request events are written to the request topic while the app is stopped; then the app starts "
                + "on that broker data and the processor and the projections work through the backlog. Sessions/s = "
                + "N / (first decision → the last session of every partition queryable through the projections). "
                + "The first decision is the earliest `occurredAt` on session-events (the processor's clock, this "
                + "machine); every session event is read back read_committed and counted. The machine's CPU is every "
                + "process's, the broker's and the bench's included, from the first decision until done, as busy share "
                + "of all its CPUs and per session.\n\n");
        md.append("| provider | N | request key + value bytes | pre-produce s | app start-up s | first decision → last "
                + "queryable s | **sessions/s** | sessions/s from ready | processor decisions/s | session events "
                + "| event bytes | machine busy | machine CPU µs per session |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
        for (PipelineResult p : run.pipeline()) {
            row(
                    md,
                    p.provider(),
                    count(p.sessions()),
                    fmt(p.avgKeyBytes(), 0) + " + " + fmt(p.avgValueBytes(), 1),
                    fmt(p.produceNanos() / 1e9, 1),
                    seconds(p.startup()),
                    seconds(p.processing()),
                    "**" + fmt(p.sessionsPerSecond(), 0) + "**",
                    fmt(p.sessionsPerSecondFromReady(), 0),
                    fmt(p.processorDecisionsPerSecond(), 0),
                    counts(p.eventsByType()),
                    fmt(p.avgEventBytes(), 1),
                    p.cpu() == null ? "n/a" : fmt(p.cpu().busyShare() * 100, 0) + "%",
                    fmt(p.machineCpuMicrosPerSession(), 1));
        }
        List<PipelineResult> sorted = run.pipeline().stream()
                .sorted(Comparator.comparingLong(PipelineResult::sessions))
                .toList();
        if (sorted.size() > 1) {
            PipelineResult small = sorted.get(0);
            PipelineResult large = sorted.get(sorted.size() - 1);
            md.append("\nLinearity: throughput at ")
                    .append(count(large.sessions()))
                    .append(" / throughput at ")
                    .append(count(small.sessions()))
                    .append(" = ")
                    .append(fmt(Targets.linearity(small, large), 3))
                    .append(".\n");
        }
        md.append("\nThe processor's decisions per second in each tenth of its decisions (by `occurredAt`): flat "
                + "when a decision costs the same however much the stores already hold.\n\n");
        md.append("| provider | N | 1st | 2nd | 3rd | 4th | 5th | 6th | 7th | 8th | 9th | 10th |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (PipelineResult p : sorted) {
            md.append("| ").append(p.provider()).append(" | ").append(count(p.sessions()));
            for (double rate : p.decisionRatesByTenth()) {
                md.append(" | ").append(fmt(rate, 0));
            }
            md.append(" |\n");
        }
        md.append("\n");
    }

    private static void broker(StringBuilder md, BenchResult run) {
        md.append("## The broker's own limit (same broker, same run)\n\n");
        BrokerLimit b = run.brokerLimit();
        if (b == null) {
            md.append("Not run.\n\n");
            return;
        }
        md.append("Measured on the embedded broker of the latency phase's app, while that app ran idle, with the "
                        + "size of our ")
                .append(b.eventProvider())
                .append(" request events (average key ")
                .append(fmt(b.avgKeyBytes(), 1))
                .append(" B, value ")
                .append(fmt(b.avgValueBytes(), 1))
                .append(" B, as the project's serde writes them).\n\n");
        md.append("| tool | settings | result |\n| --- | --- | --- |\n");
        if (b.perf() != null) {
            md.append("| `ProducerPerformance` | ")
                    .append(count(b.perfRecords()))
                    .append(" records of ")
                    .append(b.perfRecordSize())
                    .append(" B (key + value; the tool sends no key), unthrottled, ")
                    .append(String.join(" ", b.perfProperties()))
                    .append(" | **")
                    .append(fmt(b.perf().recordsPerSecond(), 0))
                    .append(" records/s** (")
                    .append(fmt(b.perf().megabytesPerSecond(), 2))
                    .append(" MB/s")
                    .append(b.perf().steadyState() ? ", steady state after warm-up" : "")
                    .append("); send latency avg ")
                    .append(fmt(b.perf().avgLatencyMillis(), 2))
                    .append(" ms, p50 ")
                    .append(b.perf().p50Millis())
                    .append(", p99 ")
                    .append(b.perf().p99Millis())
                    .append(", p99.9 ")
                    .append(b.perf().p999Millis())
                    .append(", max ")
                    .append(fmt(b.perf().maxLatencyMillis(), 0))
                    .append(" ms");
            if (b.perfCpu() != null) {
                md.append("; the machine ")
                        .append(fmt(b.perfCpu().busyShare() * 100, 0))
                        .append("% busy, ")
                        .append(fmt(b.machineCpuMicrosPerRecord(), 1))
                        .append(" µs of CPU per record (the tool's own start included)");
            }
            md.append(" |\n");
        } else {
            md.append("| `ProducerPerformance` | | failed or not run |\n");
        }
        if (b.e2e() != null) {
            md.append("| `EndToEndLatency` | ")
                    .append(count(b.e2eRecords()))
                    .append(" records, key ")
                    .append(b.keySize())
                    .append(" B, value ")
                    .append(b.valueSize())
                    .append(" B, acks=all, one at a time | **mean ")
                    .append(fmt(b.e2e().avgMillis(), 4))
                    .append(" ms**; p50 ")
                    .append(b.e2e().p50Millis())
                    .append(", p99 ")
                    .append(b.e2e().p99Millis())
                    .append(", p99.9 ")
                    .append(b.e2e().p999Millis())
                    .append(" ms (whole ms) |\n");
        } else {
            md.append("| `EndToEndLatency` | | failed or not run |\n");
        }
        md.append("\nRatios to the broker's limit:\n\n");
        for (PipelineResult p : run.pipeline()) {
            if (b.perf() != null) {
                md.append("- pipeline at N = ")
                        .append(count(p.sessions()))
                        .append(": ")
                        .append(fmt(p.sessionsPerSecond(), 0))
                        .append(" sessions/s = ")
                        .append(fmt(100 * p.sessionsPerSecond() / b.perf().recordsPerSecond(), 1))
                        .append("% of the producer throughput");
                double cpuRatio = b.sessionCostInRecords(p);
                if (!Double.isNaN(cpuRatio)) {
                    md.append("; a session cost the machine ")
                            .append(fmt(cpuRatio, 1))
                            .append(" × the CPU of a producer record, so with both CPU-bound the pipeline reaches "
                                    + "at most ")
                            .append(fmt(100 / cpuRatio, 1))
                            .append("% of the producer's rate");
                }
                md.append("\n");
            }
        }
        if (b.e2e() != null) {
            run.latencyByProvider().forEach((provider, steps) -> {
                int hops = run.brokerHops().getOrDefault(provider, 2);
                double hopsMillis = hops * b.e2e().avgMillis();
                steps.forEach(s -> md.append("- ")
                        .append(provider)
                        .append(" p50 at ")
                        .append(s.rate())
                        .append(" req/s: ")
                        .append(fmt(s.latencyMillis(50), 2))
                        .append(" ms = ")
                        .append(fmt(s.latencyMillis(50) / hopsMillis, 2))
                        .append(" × (")
                        .append(hops)
                        .append(" hops × ")
                        .append(fmt(b.e2e().avgMillis(), 4))
                        .append(" ms)\n"));
            });
        }
        md.append("\n");
    }

    private static void memory(StringBuilder md, BenchResult run) {
        md.append("## Memory of the app\n\n");
        if (run.memory().isEmpty()) {
            md.append("No app ran.\n\n");
            return;
        }
        md.append("One child JVM per phase. Peak RSS is the kernel's `VmHWM` read just before the app stopped; "
                + "peak heap is the highest occupancy before a collection in the GC log (or sampled from "
                + "`/actuator/metrics/jvm.memory.used` on the management port, every 0.5 s, if higher).\n\n");
        md.append("| phase | -Xmx | peak RSS | max sampled RSS | peak heap used | max heap after GC | max heap "
                + "committed | GC pauses (full) | total pause ms | max pause ms | OutOfMemoryError |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (AppMemory m : run.memory()) {
            row(
                    md,
                    m.phase(),
                    m.maxHeap(),
                    mib(m.peakRssBytes()),
                    mib(m.maxSampledRssBytes()),
                    mib(m.peakHeapBytes()),
                    mib(m.gc().maxAfterGcBytes()),
                    mib(m.gc().maxCommittedBytes()),
                    m.gc().pauses() + " (" + m.gc().fullPauses() + ")",
                    fmt(m.gc().totalPauseMillis(), 1),
                    fmt(m.gc().maxPauseMillis(), 1),
                    m.outOfMemory() ? "**yes**" : "no");
        }
        md.append("\n");
    }

    private static void failures(StringBuilder md, BenchResult run) {
        if (run.failures().isEmpty()) {
            return;
        }
        md.append("## Failures\n\n");
        run.failures().forEach(f -> md.append("- ").append(f.replace("\n", " ")).append("\n"));
        md.append("\n");
    }

    private static void files(StringBuilder md, BenchResult run) {
        md.append("## Files\n\n");
        try (Stream<Path> files = Files.list(run.resultsDir())) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .collect(Collectors.toList());
            if (!names.contains(FILE)) {
                names.add(FILE);
                names.sort(String::compareTo);
            }
            md.append(names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
                    .append("\n");
        } catch (IOException e) {
            md.append("(could not list ").append(run.resultsDir()).append(")\n");
        }
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream()
                .map(e -> e.getKey() + ": " + count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String sendLag(LatencyStep s) {
        return fmt(s.sendLagMillis(99), 2) + " / " + fmt(s.sendLagMillis(100), 2);
    }

    static String mib(long bytes) {
        return bytes <= 0 ? "n/a" : fmt(bytes / (double) (1L << 20), 1) + " MiB";
    }

    private static String gib(long bytes) {
        return bytes <= 0 ? "unknown" : fmt(bytes / (double) (1L << 30), 1) + " GiB";
    }

    private static String seconds(Duration duration) {
        return fmt(duration.toNanos() / 1e9, 2);
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
