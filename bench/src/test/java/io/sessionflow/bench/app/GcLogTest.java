package io.sessionflow.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void peakHeapIsTheHighestOccupancyBeforeAPause() {
        GcLog gc = GcLog.parse(List.of(
                "[0.011s][info][gc] Using G1",
                "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.456ms",
                "[2.000s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 300M->120M(512M) 10.5ms",
                "[2.100s][info][gc] GC(2) Concurrent Mark Cycle 80.123ms",
                "[2.200s][info][gc] GC(2) Pause Remark 130M->128M(512M) 1.000ms",
                "[3.000s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 1G->200M(512M) 150.0ms",
                "[4.000s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 4096K->1024K(8192K) 0.5ms"));

        assertThat(gc.pauses()).isEqualTo(5);
        assertThat(gc.fullPauses()).isEqualTo(1);
        assertThat(gc.totalPauseMillis()).isEqualTo(3.456 + 10.5 + 1.0 + 150.0 + 0.5);
        assertThat(gc.maxPauseMillis()).isEqualTo(150.0);
        assertThat(gc.peakHeapBytes()).isEqualTo(1L << 30);
        assertThat(gc.maxAfterGcBytes()).isEqualTo(200L << 20);
        assertThat(gc.maxCommittedBytes()).isEqualTo(512L << 20);
    }

    @Test
    void anEmptyLogHasNoPauses() {
        GcLog gc = GcLog.parse(List.of());

        assertThat(gc.pauses()).isZero();
        assertThat(gc.peakHeapBytes()).isZero();
    }
}
