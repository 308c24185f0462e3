package io.sessionflow.bench.overload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import io.sessionflow.bench.load.LatencyStep;
import io.sessionflow.bench.load.OpenLoopLoad;
import io.sessionflow.bench.workload.ProviderWorkload;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Goodput past capacity, against one running app: a ramp finds the highest rate it sustains (every call
 * answered 2xx but for one in a thousand refused with a 503, p99 within a bound); a step at that rate is the
 * reference; then steps at multiples of it (up to twice) measure goodput, the p99 of successes and the 503s
 * (count and latency); at the planned end of the last, a load at capacity starts at once (overlapping the last
 * answers of the overload, as a real client population would) and its seconds tell how long p99 took to be
 * normal again.
 */
public final class OverloadBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The share of a sustained ramp step's calls the admission limit may refuse: one in a thousand. */
    static final double RAMP_REFUSALS = 0.001;

    /**
     * @param rampFrom      the ramp's first rate
     * @param rampTo        the ramp's highest rate: reached and sustained, it is taken as the capacity
     * @param rampFactor    each ramp step's rate over the previous one's
     * @param rampStep      each ramp step's duration
     * @param rampP99       the p99 a sustained ramp step may have at most
     * @param duration      the reference step's and each overload step's duration
     * @param multiples     the overload steps, as multiples of capacity, in order
     * @param recovery      how long the load at capacity after the overload runs
     */
    public record Settings(
            int rampFrom,
            int rampTo,
            double rampFactor,
            Duration rampStep,
            Duration rampP99,
            Duration duration,
            List<Double> multiples,
            Duration recovery) {}

    private final Settings settings;
    private final OpenLoopLoad load;
    private final URI managementUri;
    private final String managementAuthorization;
    private final Consumer<String> log;
    private final Duration pause;
    private final HttpClient http = HttpClient.newHttpClient();

    public OverloadBenchmark(
            Settings settings,
            OpenLoopLoad load,
            URI managementUri,
            String managementAuthorization,
            Consumer<String> log,
            Duration pause) {
        this.pause = pause;
        this.settings = settings;
        this.load = load;
        this.managementUri = managementUri;
        this.managementAuthorization = managementAuthorization;
        this.log = log;
    }

    /** @param sequence the first request sequence number to use (unique across the run) */
    public OverloadResult run(ProviderWorkload workload, URI baseUri, long sequence) throws InterruptedException {
        List<OverloadResult.Step> ramp = new ArrayList<>();
        int capacity = 0;
        for (int rate = settings.rampFrom();
                rate <= settings.rampTo();
                rate = Math.max(rate + 1, (int) Math.round(rate * settings.rampFactor()))) {
            pause();
            LatencyStep step = load.run(workload, baseUri, rate, settings.rampStep(), sequence);
            sequence += step.sent();
            ramp.add(observed(step));
            boolean sustained = sustained(step);
            log.accept(String.format(
                    "ramp %d req/s: succeeded %,d of %,d, p99 %.1f ms, errors %s: %s",
                    rate,
                    step.succeeded(),
                    step.sent(),
                    step.latencyMillis(99),
                    step.errors(),
                    sustained ? "sustained" : "not sustained"));
            if (!sustained) {
                break;
            }
            capacity = rate;
        }
        if (capacity == 0) {
            throw new IllegalStateException(
                    "the app did not sustain the ramp's first rate, " + settings.rampFrom() + " req/s");
        }
        pause();
        LatencyStep reference = load.run(workload, baseUri, capacity, settings.duration(), sequence);
        sequence += reference.sent();
        OverloadResult.Step atCapacity = observed(reference);
        log.accept(String.format(
                "capacity %d req/s for %d s: succeeded %.1f/s, p99 %.1f ms, errors %s",
                capacity,
                settings.duration().toSeconds(),
                reference.succeededPerSecond(),
                reference.latencyMillis(99),
                reference.errors()));
        double normalP99 = 2 * reference.latencyMillis(99);

        List<OverloadResult.Overloaded> overload = new ArrayList<>();
        RecoveryWindows windows = new RecoveryWindows((int) settings.recovery().toSeconds());
        LatencyStep recoveryLoad = null;
        for (int i = 0; i < settings.multiples().size(); i++) {
            double multiple = settings.multiples().get(i);
            int rate = (int) Math.round(capacity * multiple);
            boolean last = i == settings.multiples().size() - 1;
            Histogram refused = new ConcurrentHistogram(3);
            long first = sequence;
            pause();
            CompletableFuture<LatencyStep> overloaded = CompletableFuture.supplyAsync(() -> call(() ->
                    load.run(workload, baseUri, rate, settings.duration(), first, (intended, status, micros) -> {
                        if (status == 503) {
                            refused.recordValue(micros);
                        }
                    })));
            sequence += Math.max(1, settings.duration().toNanos() * rate / 1_000_000_000L);
            if (last) {
                // the overload stops at its planned end: the load at capacity starts then, not after its last answer
                Thread.sleep(settings.duration().toMillis() + 20);
                recoveryLoad = load.run(workload, baseUri, capacity, settings.recovery(), sequence, windows);
                sequence += recoveryLoad.sent();
            }
            LatencyStep step = join(overloaded);
            OverloadResult.Overloaded result = new OverloadResult.Overloaded(multiple, observed(step), refused);
            overload.add(result);
            log.accept(String.format(
                    "%.2f × capacity = %d req/s: succeeded %.1f/s, p99 %.1f ms, 503 × %,d "
                            + "(p99 %.1f ms), other errors %,d",
                    multiple,
                    rate,
                    step.succeededPerSecond(),
                    step.latencyMillis(99),
                    result.refused(),
                    result.refusedMillis(99),
                    result.otherErrors()));
        }
        List<RecoveryWindows.Window> recovery = windows.windows();
        int recovered = RecoveryWindows.recoverySeconds(recovery, normalP99);
        log.accept(String.format(
                "after the overload, at %d req/s: normal (p99 ≤ %.1f ms, no error) from second %d; " + "that load: %s",
                capacity, normalP99, recovered, recoveryLoad == null ? "none" : recoveryLoad.errors()));
        return new OverloadResult(
                workload.provider(), ramp, capacity, atCapacity, overload, recovery, recovered, normalP99);
    }

    /**
     * Every call answered 2xx within the ramp's p99 bound, but for at most {@link #RAMP_REFUSALS} of them refused
     * with the retryable 503 while the adaptive limit probes for its level. A capacity found too low makes its
     * multiples easy: a stray refusal must not end the ramp.
     */
    boolean sustained(LatencyStep step) {
        long refused = step.errors().getOrDefault("503", 0L);
        return step.errorCount() == refused
                && refused <= step.sent() * RAMP_REFUSALS
                && step.succeeded() + refused == step.sent()
                && step.latencyMillis(99) <= settings.rampP99().toMillis();
    }

    /** A step with what the app's metrics say at its end. */
    private OverloadResult.Step observed(LatencyStep step) {
        AppSignals signals = new AppSignals(
                millis(metric("sessionflow.api.admission.arrival-delay.percentile?tag=phi:0.5", "VALUE")),
                millis(metric("sessionflow.api.admission.arrival-delay.percentile?tag=phi:0.99", "VALUE")),
                millis(metric("sessionflow.api.admission.arrival-delay", "MAX")),
                metric("process.cpu.usage", "VALUE"),
                metric("system.cpu.usage", "VALUE"),
                metric("system.load.average.1m", "VALUE"));
        return new OverloadResult.Step(step, metric("sessionflow.api.admission.limit", "VALUE"), signals);
    }

    private static double millis(double seconds) {
        return seconds < 0 ? -1 : seconds * 1000;
    }

    /**
     * One statistic of one of the app's metrics now ({@code name} may end with a tag query); -1 when it cannot be
     * read.
     */
    private double metric(String name, String statistic) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(managementUri.resolve("/actuator/metrics/" + name))
                            .header("Authorization", managementAuthorization)
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
                if (statistic.equals(measurement.path("statistic").asString())
                        && measurement.path("value").isNumber()) {
                    return measurement.path("value").doubleValue();
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void pause() throws InterruptedException {
        Thread.sleep(pause.toMillis());
    }

    private interface Run {
        LatencyStep run() throws InterruptedException;
    }

    private static LatencyStep call(Run run) {
        try {
            return run.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static LatencyStep join(CompletableFuture<LatencyStep> step) throws InterruptedException {
        try {
            return step.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an overload step failed: " + e.getCause(), e.getCause());
        }
    }
}
