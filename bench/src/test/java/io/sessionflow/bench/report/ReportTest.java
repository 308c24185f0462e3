package io.sessionflow.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import io.sessionflow.bench.app.AppMemory;
import io.sessionflow.bench.app.GcLog;
import io.sessionflow.bench.app.MachineCpu;
import io.sessionflow.bench.broker.EndToEndLatencyResult;
import io.sessionflow.bench.broker.ProducerPerformanceResult;
import io.sessionflow.bench.load.LatencyStep;
import io.sessionflow.bench.pipeline.PipelineResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targets and report from made-up figures: every verdict, and every section with its numbers. */
class ReportTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRunThatMeetsEveryTargetPassesThemAll() {
        BenchResult run = run(
                List.of(step(250, 60, 3, 20, 0), step(1000, 60, 5, 30, 0)),
                List.of(pipeline(100_000, 25_000), pipeline(1_000_000, 22_000)),
                1.0,
                80_000);

        assertThat(Targets.evaluate(run)).extracting(Targets.Target::verdict).containsOnly(Targets.Verdict.PASS);
    }

    @Test
    void missedTargetsFailWithTheirFigures() {
        BenchResult run = run(
                List.of(step(1000, 60, 12, 80, 3)),
                List.of(pipeline(100_000, 25_000), pipeline(1_000_000, 14_000)),
                1.0,
                80_000);

        List<Targets.Target> targets = Targets.evaluate(run);

        assertThat(verdict(targets, "p99")).isEqualTo(Targets.Verdict.FAIL);
        assertThat(measured(targets, "p99")).contains("p99 80.", "3 errors");
        assertThat(verdict(targets, "p50")).isEqualTo(Targets.Verdict.FAIL); // 12 ms > 4 × 2 × 1 ms
        assertThat(verdict(targets, "standing start")).isEqualTo(Targets.Verdict.FAIL);
        assertThat(verdict(targets, "producer throughput")).isEqualTo(Targets.Verdict.FAIL); // 17.5%
        // both keep the machine's two CPUs busy: 2 CPU-seconds a second over 14,000 sessions, over 80,000 records
        assertThat(measured(targets, "producer throughput")).contains("a session cost the machine 5.7 × the CPU");
        assertThat(verdict(targets, "linearly")).isEqualTo(Targets.Verdict.FAIL);
        assertThat(measured(targets, "linearly")).startsWith("0.56×");
    }

    @Test
    void linearityIsWithinTwentyPercentEitherWay() {
        BenchResult faster =
                run(List.of(), List.of(pipeline(100_000, 25_000), pipeline(1_000_000, 32_000)), 1.0, 80_000);

        assertThat(verdict(Targets.evaluate(faster), "linearly")).isEqualTo(Targets.Verdict.FAIL);
    }

    @Test
    void whatWasNotRunIsNotMeasuredRatherThanPassed() {
        BenchResult run = run(List.of(step(20, 3, 5, 10, 0)), List.of(pipeline(300, 500)), 1.0, 80_000);

        List<Targets.Target> targets = Targets.evaluate(run);

        assertThat(verdict(targets, "p99")).isEqualTo(Targets.Verdict.NOT_MEASURED);
        assertThat(verdict(targets, "linearly")).isEqualTo(Targets.Verdict.NOT_MEASURED);
        assertThat(measured(targets, "standing start")).contains("indicative only");
    }

    @Test
    void theReportHasEverySectionAndFigure() throws IOException {
        BenchResult run = run(
                List.of(step(250, 60, 3, 20, 0), step(1000, 60, 5, 30, 2).withAppCpu(45_000_000_000L)),
                List.of(pipeline(100_000, 25_000), pipeline(1_000_000, 22_000)),
                0.8123,
                80_000);

        String report = Files.readString(Report.write(run));

        assertThat(report)
                .contains(
                        "## Machine",
                        "## Settings",
                        "## Targets",
                        "## Create-session latency under open-loop load",
                        "## Pipeline throughput from a standing start",
                        "## The broker's own limit",
                        "## Memory of the app",
                        "## Files",
                        "![create-session latency",
                        "### The load generator's own floor");
        assertThat(report).contains("Test CPU", "`java -jar bench/target/sessionflow-bench.jar --test`");
        assertThat(report).contains("503: 2", "first 503 answer: `{\"error\":\"busy\"}`");
        assertThat(report)
                .as("45 s of the app's CPU over 59,998 successes; not measured at 250 req/s")
                .contains("| 0.750 |", "| n/a |");
        assertThat(report)
                .contains("**22,000**", "**80,000 records/s**", "**mean 0.8123 ms**", "27.5% of the producer");
        assertThat(report)
                .as("both keep the two CPUs busy: 2 CPU-seconds a second over 80,000 records, over 22,000 sessions")
                .contains("100% busy, 25.0 µs of CPU per record", "| 100% | 90.9 |", "3.6 × the CPU of a producer");
        assertThat(report).contains("Linearity: throughput at 1,000,000 / throughput at 100,000 = 0.880");
        assertThat(report).contains("| latency | 512m | 400.0 MiB |");
        assertEveryTableRowHasItsHeadersCells(report);
    }

    /** Markdown shows a row with more cells than its header cut short, silently. */
    private static void assertEveryTableRowHasItsHeadersCells(String report) {
        int headerCells = -1;
        for (String line : report.split("\n")) {
            if (!line.startsWith("|")) {
                headerCells = -1;
                continue;
            }
            int cells = line.split("\\|", -1).length;
            if (headerCells < 0) {
                headerCells = cells;
            }
            assertThat(cells).as(line).isEqualTo(headerCells);
        }
    }

    @Test
    void theChartIsAPngWithAPanelPerProvider() throws IOException {
        Path png = dir.resolve("latency.png");
        LatencyChart.write(List.of(step(250, 60, 3, 20, 0), step(1000, 60, 5, 30, 0)), png);

        BufferedImage image = ImageIO.read(png.toFile());

        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(480);
    }

    private BenchResult run(
            List<LatencyStep> steps, List<PipelineResult> pipeline, double e2eMillis, double producerRecordsPerSecond) {
        Machine machine = new Machine("Test CPU", 2, 8L << 30, "Test OS", "Linux", "JDK 17", "0.1 0.2 0.3");
        BrokerLimit broker = new BrokerLimit(
                "chat",
                36,
                216,
                new ProducerPerformanceResult(900_000, true, producerRecordsPerSecond, 19.3, 2.5, 30, 2, 5, 9, 20),
                1_000_000,
                252,
                List.of("acks=all", "enable.idempotence=true", "linger.ms=1"),
                new MachineCpu.Usage(1.0, 1_000_000 / producerRecordsPerSecond, 2),
                new EndToEndLatencyResult(e2eMillis, 0, 3, 9),
                10_000);
        AppMemory memory = new AppMemory(
                "latency",
                "512m",
                400L << 20,
                390L << 20,
                300L << 20,
                100,
                new GcLog(10, 0, 50, 10, 310L << 20, 120L << 20, 512L << 20),
                false);
        return new BenchResult(
                dir,
                T0,
                T0.plusSeconds(600),
                machine,
                "java -jar bench/target/sessionflow-bench.jar --test",
                Map.of("rates", "test"),
                Map.of("chat", 2),
                steps,
                List.of(step(1000, 10, 1, 2, 0)),
                broker,
                pipeline,
                List.of(memory),
                "transactional producers on the broker: {sessionflow-processor=1}",
                "0.4 0.5 0.6",
                List.of());
    }

    /** A step whose answers are 98% at p50Millis and 2% at p99Millis, all sent on time. */
    private static LatencyStep step(int rate, long seconds, long p50Millis, long p99Millis, long errors503) {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(p50Millis * 1000, 980);
        latency.recordValueWithCount(p99Millis * 1000, 20);
        Histogram lag = new Histogram(3);
        lag.recordValueWithCount(50, 1000);
        long sent = rate * seconds;
        Map<String, Long> errors = errors503 == 0 ? Map.of() : Map.of("503", errors503);
        Map<String, String> samples = errors503 == 0 ? Map.of() : Map.of("503", "{\"error\":\"busy\"}");
        long sendingNanos = (sent - 1) * 1_000_000_000L / rate;
        return new LatencyStep(
                "chat",
                rate,
                seconds,
                sent,
                sendingNanos,
                Duration.ofSeconds(seconds).toNanos(),
                sent - errors503,
                errors,
                samples,
                latency,
                lag,
                -1);
    }

    private static PipelineResult pipeline(long sessions, double sessionsPerSecond) {
        Instant first = T0.plusSeconds(20);
        Instant done = first.plusNanos((long) (sessions / sessionsPerSecond * 1e9));
        AppMemory memory = new AppMemory(
                "pipeline-" + sessions,
                "512m",
                450L << 20,
                440L << 20,
                400L << 20,
                50,
                new GcLog(40, 0, 200, 20, 480L << 20, 200L << 20, 512L << 20),
                false);
        return new PipelineResult(
                "chat",
                sessions,
                3,
                1_000_000_000L,
                36,
                216,
                T0,
                T0.plusSeconds(15),
                first,
                done.minusMillis(100),
                done,
                Map.of("SessionCreated", sessions),
                900,
                Collections.nCopies(10, sessionsPerSecond),
                memory,
                new MachineCpu.Usage(1.0, sessions / sessionsPerSecond, 2));
    }

    private static Targets.Verdict verdict(List<Targets.Target> targets, String nameContains) {
        return target(targets, nameContains).verdict();
    }

    private static String measured(List<Targets.Target> targets, String nameContains) {
        return target(targets, nameContains).measured();
    }

    private static Targets.Target target(List<Targets.Target> targets, String nameContains) {
        return targets.stream()
                .filter(t -> t.name().contains(nameContains))
                .findFirst()
                .orElseThrow();
    }
}
