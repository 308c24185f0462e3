package io.sessionflow.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void busyIsEveryStateButIdleAndIowaitOverAllTheMachinesCpus() {
        MachineCpu.Sample from = MachineCpu.parse(
                List.of(
                        "cpu  1000 10 200 5000 50 0 30 5 0 0",
                        "cpu0 500 5 100 2500 25 0 15 2 0 0",
                        "cpu1 500 5 100 2500 25 0 15 3 0 0",
                        "intr 1 2 3"),
                Instant.EPOCH);
        // 300 busy ticks (user 240, system 40, softirq 15, steal 5) and 100 idle or iowait, over 2 s
        MachineCpu.Sample to = MachineCpu.parse(
                List.of(
                        "cpu  1240 10 240 5080 70 0 45 10 7 0",
                        "cpu0 620 5 120 2540 35 0 22 5 3 0",
                        "cpu1 620 5 120 2540 35 0 23 5 4 0"),
                Instant.ofEpochSecond(2));

        MachineCpu.Usage usage = from.until(to);

        assertThat(usage.cpus()).isEqualTo(2);
        assertThat(usage.busyShare()).isCloseTo(0.75, within(1e-9));
        assertThat(usage.busySeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(usage.microsEach(1_000)).isCloseTo(3_000.0, within(1e-6));
    }

    @Test
    void noAggregateLineIsRefused() {
        assertThatThrownBy(() -> MachineCpu.parse(List.of("intr 1 2 3"), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingSampleGivesNoUsage() {
        assertThat(MachineCpu.between(null, sample(1, 2, Instant.EPOCH))).isNull();
    }

    @Test
    void aRecordersStretchRunsFromTheLastSampleBeforeItsStartToTheFirstAfterItsEnd() {
        Instant t0 = Instant.ofEpochSecond(100);
        List<MachineCpu.Sample> samples = List.of(
                sample(0, 0, t0),
                sample(10, 100, t0.plusSeconds(1)), // the stretch starts 0.5 s after this one
                sample(100, 200, t0.plusSeconds(2)),
                sample(200, 300, t0.plusSeconds(3)), // and ends 0.5 s before this one
                sample(300, 400, t0.plusSeconds(4)));

        MachineCpu.Usage usage = MachineCpu.Recorder.usage(samples, t0.plusMillis(1500), t0.plusMillis(2500));

        assertThat(usage.wallSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(usage.busyShare()).isCloseTo(190.0 / 200, within(1e-9));
        assertThat(MachineCpu.Recorder.usage(samples, t0.minusSeconds(1), t0.plusSeconds(2)))
                .as("nothing sampled before the stretch began")
                .isNull();
        assertThat(MachineCpu.Recorder.usage(samples, t0, t0.plusSeconds(5)))
                .as("nothing sampled after it ended")
                .isNull();
    }

    /** A one-CPU machine's counters: user time as busy, the rest idle. */
    private static MachineCpu.Sample sample(long busy, long total, Instant at) {
        String counters = busy + " 0 0 " + (total - busy) + " 0 0 0 0";
        return MachineCpu.parse(List.of("cpu  " + counters, "cpu0 " + counters), at);
    }
}
