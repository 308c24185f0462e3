package io.sessionflow.bench.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Samples a child JVM's memory while it runs: its resident set from {@code /proc/<pid>/status}
 * ({@code VmRSS}; {@code VmHWM} is the kernel's own peak) and its heap use from the app's
 * {@code /actuator/metrics/jvm.memory.used?tag=area:heap} on its management port, with the management
 * credential. One small HTTP call per interval is the only load it adds.
 */
final class MemorySampler implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long pid;
    private final URI heapMetric;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong maxRss = new AtomicLong();
    private final AtomicLong maxHeap = new AtomicLong();
    private final AtomicInteger samples = new AtomicInteger();

    MemorySampler(long pid, URI managementUri, String authorization, Duration interval) {
        this.pid = pid;
        this.heapMetric = managementUri.resolve("/actuator/metrics/jvm.memory.used?tag=area:heap");
        this.authorization = authorization;
        timer.scheduleAtFixedRate(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    long maxSampledRssBytes() {
        return maxRss.get();
    }

    long maxSampledHeapBytes() {
        return maxHeap.get();
    }

    int samples() {
        return samples.get();
    }

    /** {@code VmHWM}: the process's peak resident set so far, in bytes; 0 when it cannot be read. */
    long peakRssBytes() {
        return statusField("VmHWM:");
    }

    private void sample() {
        maxRss.accumulateAndGet(statusField("VmRSS:"), Math::max);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(heapMetric)
                            .header("Authorization", authorization)
                            .timeout(Duration.ofSeconds(2))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode value = JSON.readTree(response.body())
                        .path("measurements")
                        .path(0)
                        .path("value");
                if (value.isNumber()) {
                    maxHeap.accumulateAndGet(value.longValue(), Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not up yet, or stopping: the next sample tells
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        samples.incrementAndGet();
    }

    private long statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone, or this is not Linux
        }
        return 0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
