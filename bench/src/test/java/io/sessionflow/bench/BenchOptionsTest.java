package io.sessionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import io.sessionflow.bench.overload.OverloadBenchmark;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreTheIssuesFigures() {
        BenchOptions o = BenchOptions.parse();

        assertThat(o.rates()).containsExactly(250, 500, 1000);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.sessions()).isEqualTo(1_000_000);
        assertThat(o.pipelineSizes()).containsExactly(100_000L, 1_000_000L);
        assertThat(o.heap()).isEqualTo("512m");
        assertThat(o.phases()).isEqualTo(EnumSet.allOf(BenchOptions.Phase.class));
        assertThat(o.appJar()).isEqualTo(Path.of("session-app/target/sessionflow.jar"));
        assertThat(o.out()).isEqualTo(Path.of("bench-results"));
    }

    @Test
    void everyOptionIsRead() {
        BenchOptions o = BenchOptions.parse(
                "--rates",
                "50, 100",
                "--duration",
                "10s",
                "--warmup",
                "0s",
                "--sessions",
                "20000",
                "--baseline-sessions",
                "0",
                "--phases",
                "latency,pipeline",
                "--providers",
                "chat",
                "--app-arg",
                "sessionflow.kafka.commit-interval=50ms",
                "--jvm-arg",
                "-XX:+UseParallelGC",
                "--jfr",
                "--heap",
                "256m",
                "--e2e-records",
                "500",
                "--broker-records",
                "1_000",
                "--keep-data",
                "--pipeline-timeout",
                "2m",
                "--request-timeout",
                "500ms",
                "--partitions",
                "6",
                "--app-cpus",
                "0,2-3");

        assertThat(o.rates()).containsExactly(50, 100);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.warmup()).isZero();
        assertThat(o.pipelineSizes()).containsExactly(20_000L);
        assertThat(o.phases()).containsExactlyInAnyOrder(BenchOptions.Phase.LATENCY, BenchOptions.Phase.PIPELINE);
        assertThat(o.providers()).containsExactly("chat");
        assertThat(o.appArgs()).containsExactly("sessionflow.kafka.commit-interval=50ms");
        assertThat(o.jvmArgs()).containsExactly("-XX:+UseParallelGC");
        assertThat(o.jfr()).isTrue();
        assertThat(o.keepData()).isTrue();
        assertThat(o.heap()).isEqualTo("256m");
        assertThat(o.e2eRecords()).isEqualTo(500);
        assertThat(o.brokerRecords()).isEqualTo(1000);
        assertThat(o.pipelineTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.requestTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.partitions()).isEqualTo(6);
        assertThat(o.appCpus()).isEqualTo("0,2-3");
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> BenchOptions.parse("--rates", "fast")).hasMessageContaining("--rates needs a number");
        assertThatThrownBy(() -> BenchOptions.parse("--duration", "60")).hasMessageContaining("duration");
        assertThatThrownBy(() -> BenchOptions.parse("--sessions", "1000", "--baseline-sessions", "1000"))
                .hasMessageContaining("--baseline-sessions");
        assertThatThrownBy(() -> BenchOptions.parse("--phases", "soak")).hasMessageContaining("Unknown phase");
        assertThatThrownBy(() -> BenchOptions.parse("--app-arg", "no-value")).hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> BenchOptions.parse("--app-cpus", "0;rm")).hasMessageContaining("CPU list");
        assertThatThrownBy(() -> BenchOptions.parse("--frobnicate", "1")).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> BenchOptions.parse("--rates")).hasMessageContaining("missing value");
        assertThat(List.of(BenchOptions.USAGE.split("\n"))).anyMatch(line -> line.contains("--sessions"));
    }

    @Test
    void overloadOptionsSetTheRampTheStepsAndTheRecovery() {
        BenchOptions o = BenchOptions.parse(
                "--overload-ramp-from",
                "100",
                "--overload-ramp-to",
                "800",
                "--overload-ramp-factor",
                "1.5",
                "--overload-ramp-step",
                "5s",
                "--overload-ramp-p99",
                "200ms",
                "--overload-duration",
                "20s",
                "--overload-multiples",
                "1.25,2",
                "--overload-recovery",
                "15s");

        assertThat(o.overload())
                .isEqualTo(new OverloadBenchmark.Settings(
                        100,
                        800,
                        1.5,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(20),
                        List.of(1.25, 2.0),
                        Duration.ofSeconds(15)));
        assertThatThrownBy(() -> BenchOptions.parse("--overload-multiples", "0.5"))
                .hasMessageContaining("must be above 1");
    }
}
