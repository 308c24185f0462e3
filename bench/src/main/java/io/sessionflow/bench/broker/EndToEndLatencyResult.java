package io.sessionflow.bench.broker;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results Kafka's {@code EndToEndLatency} prints: {@code Avg latency: 1.2345 ms} and
 * {@code Percentiles: 50th = 1, 99th = 3, 99.9th = 7} (whole milliseconds). Each record is
 * produced synchronously and polled back before the next, so the mean is one hop's latency.
 */
public record EndToEndLatencyResult(double avgMillis, int p50Millis, int p99Millis, int p999Millis) {

    private static final Pattern AVG = Pattern.compile("^Avg latency: ([\\d.]+) ms$");
    private static final Pattern PERCENTILES =
            Pattern.compile("^Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)$");

    public static Optional<EndToEndLatencyResult> parse(List<String> output) {
        Double avg = null;
        Matcher percentiles = null;
        for (String line : output) {
            Matcher a = AVG.matcher(line.trim());
            if (a.matches()) {
                avg = Double.parseDouble(a.group(1));
            }
            Matcher p = PERCENTILES.matcher(line.trim());
            if (p.matches()) {
                percentiles = p;
            }
        }
        if (avg == null || percentiles == null) {
            return Optional.empty();
        }
        return Optional.of(new EndToEndLatencyResult(
                avg,
                Integer.parseInt(percentiles.group(1)),
                Integer.parseInt(percentiles.group(2)),
                Integer.parseInt(percentiles.group(3))));
    }
}
