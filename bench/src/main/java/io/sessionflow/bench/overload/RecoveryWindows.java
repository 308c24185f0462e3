package io.sessionflow.bench.overload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

import io.sessionflow.bench.load.OpenLoopLoad;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The answers of the load that follows an overload, by second of intended send time: each window's
 * p99 of successful answers and its failures, to tell when the service was back to normal.
 */
final class RecoveryWindows implements OpenLoopLoad.Answers {

    /** One second of the recovery load. */
    record Window(int second, long succeeded, long failed, double p99Millis) {}

    private final List<Histogram> latency = new ArrayList<>();
    private final AtomicLongArray failed;

    RecoveryWindows(int seconds) {
        for (int i = 0; i < seconds; i++) {
            latency.add(new ConcurrentHistogram(3));
        }
        failed = new AtomicLongArray(seconds);
    }

    @Override
    public void answered(long intendedNanos, int status, long latencyMicros) {
        int second = (int) (intendedNanos / 1_000_000_000L);
        if (second < 0 || second >= latency.size()) {
            return;
        }
        if (status / 100 == 2) {
            latency.get(second).recordValue(latencyMicros);
        } else {
            failed.incrementAndGet(second);
        }
    }

    List<Window> windows() {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < latency.size(); i++) {
            Histogram h = latency.get(i);
            windows.add(new Window(
                    i,
                    h.getTotalCount(),
                    failed.get(i),
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0));
        }
        return windows;
    }

    /**
     * Seconds from the end of the overload to the first window from which every window is normal (no failure,
     * p99 at most {@code normalP99Millis}); -1 when the last window is not.
     */
    static int recoverySeconds(List<Window> windows, double normalP99Millis) {
        int recovered = -1;
        for (int i = windows.size() - 1; i >= 0; i--) {
            Window w = windows.get(i);
            if (w.failed() > 0 || w.succeeded() == 0 || !(w.p99Millis() <= normalP99Millis)) {
                break;
            }
            recovered = i;
        }
        return recovered;
    }
}
