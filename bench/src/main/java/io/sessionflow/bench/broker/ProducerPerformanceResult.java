package io.sessionflow.bench.broker;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary line of Kafka's {@code ProducerPerformance}:
 * {@code 1000000 records sent, 123456.789 records/sec (11.77 MB/sec), 12.34 ms avg latency, 456.00 ms max
 * latency, 10 ms 50th, 20 ms 95th, 30 ms 99th, 40 ms 99.9th.} (the steady-state line, after warm-up
 * records, says {@code records sent} after {@code steady state}).
 *
 * @param steadyState whether this is the line without the warm-up records
 */
public record ProducerPerformanceResult(
        long records,
        boolean steadyState,
        double recordsPerSecond,
        double megabytesPerSecond,
        double avgLatencyMillis,
        double maxLatencyMillis,
        int p50Millis,
        int p95Millis,
        int p99Millis,
        int p999Millis) {

    private static final Pattern TOTAL = Pattern.compile(
            "^(\\d+)( steady state)? records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th\\.$");

    /** The steady-state summary when the tool printed one, else the overall summary. */
    public static Optional<ProducerPerformanceResult> parse(List<String> output) {
        ProducerPerformanceResult total = null;
        ProducerPerformanceResult steady = null;
        for (String line : output) {
            Matcher m = TOTAL.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            ProducerPerformanceResult result = new ProducerPerformanceResult(
                    Long.parseLong(m.group(1)),
                    m.group(2) != null,
                    Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4)),
                    Double.parseDouble(m.group(5)),
                    Double.parseDouble(m.group(6)),
                    Integer.parseInt(m.group(7)),
                    Integer.parseInt(m.group(8)),
                    Integer.parseInt(m.group(9)),
                    Integer.parseInt(m.group(10)));
            if (result.steadyState()) {
                steady = result;
            } else {
                total = result;
            }
        }
        return Optional.ofNullable(steady != null ? steady : total);
    }
}
