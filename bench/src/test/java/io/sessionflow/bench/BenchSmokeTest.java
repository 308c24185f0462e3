package io.sessionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.imageio.ImageIO;

import io.sessionflow.bench.app.AppMemory;
import io.sessionflow.bench.load.LatencyStep;
import io.sessionflow.bench.overload.OverloadReport;
import io.sessionflow.bench.pipeline.PipelineResult;
import io.sessionflow.bench.report.BenchResult;
import io.sessionflow.bench.report.Report;
import io.sessionflow.bench.sustainable.SustainableRateReport;
import io.sessionflow.bench.workload.Workloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole harness, tiny: the real app jar in child JVMs, a short low-rate load, Kafka's tools
 * with a few records, one pipeline run with a few hundred sessions. Asserts that every phase ran
 * and produced counts and a complete report; never how fast anything was (a benchmark is not a test).
 */
class BenchSmokeTest {

    private static final int RATE = 20;
    private static final int SECONDS = 2;
    private static final long SESSIONS = 200;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void aTinyRunMeasuresEveryPhaseAndWritesTheReport() throws IOException, InterruptedException {
        Path appJar = Path.of(System.getProperty("sessionflow.bench.app-jar", "../session-app/target/sessionflow.jar"));
        assertThat(appJar)
                .as("the app jar, built by the reactor before this module")
                .isRegularFile();
        BenchOptions options = BenchOptions.parse(
                "--app-jar",
                appJar.toString(),
                "--out",
                System.getProperty("sessionflow.bench.smoke-out", "target/smoke-results"),
                "--rates",
                Integer.toString(RATE),
                "--duration",
                SECONDS + "s",
                "--warmup",
                "1s",
                "--sessions",
                Long.toString(SESSIONS),
                "--baseline-sessions",
                "0",
                "--broker-records",
                "2000",
                "--e2e-records",
                "20",
                "--overload-ramp-from",
                "10",
                "--overload-ramp-to",
                "20",
                "--overload-ramp-factor",
                "2",
                "--overload-ramp-step",
                "1s",
                "--overload-duration",
                "1s",
                "--overload-multiples",
                "2",
                "--overload-recovery",
                "2s",
                "--sustainable-from",
                "10",
                "--sustainable-to",
                "20",
                "--sustainable-probe",
                "1s",
                // the search's two bounds: its bisection is SustainableRateSearchTest's
                "--sustainable-probes",
                "2",
                "--sustainable-p99",
                "30s",
                "--sustainable-confirm",
                "1s",
                // no settling between steps: a smoke test proves that each step runs, not what it measures
                "--pause",
                "100ms",
                // the warm-up runs, shortly: a smoke test of the phases, not of the warm-up's length
                "--app-arg",
                "sessionflow.readiness.warm-up-time=1s");

        BenchResult run = new Bench(options, "BenchSmokeTest", System.out).run();

        assertThat(run.failures()).isEmpty();

        // one step per registered provider (one rate), each driven with valid requests
        Set<String> providers = Workloads.all(Duration.ofSeconds(30)).keySet();
        assertThat(run.latency()).extracting(LatencyStep::provider).containsExactlyElementsOf(providers);
        assertThat(run.latency()).allSatisfy(step -> {
            assertThat(step.sent()).isEqualTo(RATE * SECONDS);
            assertThat(step.succeeded()).isPositive();
            assertThat(step.latencyMicros().getTotalCount()).isEqualTo(step.succeeded());
            // whatever the machine's load, the harness's own requests must be valid: no 4xx
            assertThat(step.errors().keySet()).noneMatch(status -> status.startsWith("4"));
        });
        assertThat(run.generatorFloor()).extracting(LatencyStep::provider).containsExactlyElementsOf(providers);
        assertThat(run.generatorFloor())
                .allSatisfy(floor -> assertThat(floor.succeeded()).isEqualTo(floor.sent()));

        assertThat(run.brokerLimit().perf()).isNotNull();
        assertThat(run.brokerLimit().perf().records()).isPositive();
        assertThat(run.brokerLimit().perfRecordSize()).isPositive();
        assertThat(run.brokerLimit().e2e()).isNotNull();
        assertThat(run.brokerLimit().e2e().avgMillis()).isPositive();

        assertThat(run.pipeline()).hasSize(1);
        PipelineResult pipeline = run.pipeline().get(0);
        assertThat(pipeline.sessions()).isEqualTo(SESSIONS);
        assertThat(pipeline.created()).isEqualTo(SESSIONS);
        assertThat(pipeline.firstDecisionAt()).isAfterOrEqualTo(pipeline.launchedAt());
        assertThat(pipeline.doneAt()).isAfter(pipeline.firstDecisionAt());

        assertThat(run.memory())
                .extracting(AppMemory::phase)
                .containsExactly("latency", "cold", "pipeline-" + SESSIONS);
        assertThat(run.memory()).allSatisfy(memory -> {
            assertThat(memory.peakRssBytes()).isPositive();
            assertThat(memory.peakHeapBytes()).isPositive();
            assertThat(memory.outOfMemory()).isFalse();
        });
        assertThat(run.exactlyOnce()).contains("sessionflow-processor");

        String report = Files.readString(run.resultsDir().resolve(Report.FILE));
        assertThat(report)
                .contains(
                        "## Machine",
                        "## Targets",
                        "## Create-session latency under open-loop load",
                        "## Pipeline throughput from a standing start",
                        "## The broker's own limit",
                        "## Memory of the app",
                        "`ProducerPerformance`",
                        "`EndToEndLatency`",
                        "| " + pipeline.provider() + " | 200 |",
                        "## The exactly-once floor (same broker, same run)",
                        "p50 / floor p50",
                        "## Cold start: the highest rate from the ready line",
                        "| warm |");
        assertThat(report).doesNotContain("## Failures", "Not run.");
        // the overload phase ran on the latency app: ramp, the steps past capacity, the seconds after, verdicts
        assertThat(report)
                .contains(
                        OverloadReport.HEADING,
                        "### Ramp",
                        "| 2.00 × | 40 |",
                        "### After the overload",
                        "### Verdicts");
        // the sustainable-rate search ran for every provider: probes, the rate found, its confirmation
        assertThat(report).contains(SustainableRateReport.HEADING);
        providers.forEach(
                provider -> assertThat(report).containsPattern("\\| " + provider + " \\| \\*\\*\\d+\\*\\* \\|"));
        BufferedImage chart =
                ImageIO.read(run.resultsDir().resolve(Report.CHART).toFile());
        assertThat(chart).isNotNull();
        providers.forEach(provider -> assertThat(run.resultsDir().resolve("latency-" + provider + "-" + RATE + ".hgrm"))
                .isNotEmptyFile());
        assertThat(run.resultsDir().resolve("work")).doesNotExist();
    }
}
