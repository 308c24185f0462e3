package io.sessionflow.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.sessionflow.bench.workload.ProviderWorkload;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator: request i of a step is due at {@code start + i / rate}, and is sent
 * then whatever became of the earlier ones (a slow answer never delays the next send, so queueing in
 * the app shows as latency instead of hiding as a lower rate: no coordinated omission). Each
 * answer's latency is measured from the request's intended send time, so a late send (a pause of
 * this JVM, a busy core) counts against the app's latency too, never in its favour.
 *
 * <p>One scheduling thread sends with {@link HttpClient#sendAsync} (HTTP/1.1, as many connections
 * as requests in flight); answers are recorded on the client's threads into a
 * {@link ConcurrentHistogram}. The send lag (actual minus intended send time) is recorded as well:
 * it says whether the generator itself kept the schedule.
 */
public final class OpenLoopLoad implements AutoCloseable {

    private static final int SAMPLE_LENGTH = 300;

    /** Told of every answer, on the client's threads: what the step's summary does not keep (the overload phase). */
    @FunctionalInterface
    public interface Answers {

        Answers NONE = (intendedNanos, status, latencyMicros) -> {};

        /**
         * @param intendedNanos the request's intended send time, from the step's start
         * @param status        the HTTP status, or 0 for a call without an answer
         * @param latencyMicros answer time minus intended send time
         */
        void answered(long intendedNanos, int status, long latencyMicros);
    }

    private final HttpClient http;
    private final ExecutorService callbacks;
    private final Duration requestTimeout;

    public OpenLoopLoad(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.callbacks = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "load-http");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(callbacks)
                .build();
    }

    /**
     * Sends {@code rate} requests per second for {@code duration}, then waits (at most the request
     * timeout) for the answers still outstanding; a call that has no answer by then counts as
     * "no answer".
     *
     * @param firstSequence the sequence number of the step's first request (unique across steps)
     */
    public LatencyStep run(ProviderWorkload workload, URI baseUri, int rate, Duration duration, long firstSequence)
            throws InterruptedException {
        return run(workload, baseUri, rate, duration, firstSequence, Answers.NONE);
    }

    /** {@link #run(ProviderWorkload, URI, int, Duration, long)}, telling {@code answers} of each answer too. */
    public LatencyStep run(
            ProviderWorkload workload, URI baseUri, int rate, Duration duration, long firstSequence, Answers answers)
            throws InterruptedException {
        return runWindows(workload, baseUri, rate, duration, firstSequence, duration, answers)
                .get(0);
    }

    /**
     * One continuous load like {@link #run}, reported as two steps by intended send time: the requests due in the
     * first {@code split}, and the rest (the cold start's "after 10 s" is the second).
     */
    public List<LatencyStep> runWindows(
            ProviderWorkload workload, URI baseUri, int rate, Duration duration, long firstSequence, Duration split)
            throws InterruptedException {
        return runWindows(workload, baseUri, rate, duration, firstSequence, split, Answers.NONE);
    }

    private List<LatencyStep> runWindows(
            ProviderWorkload workload,
            URI baseUri,
            int rate,
            Duration duration,
            long firstSequence,
            Duration split,
            Answers answers)
            throws InterruptedException {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        long total = Math.max(1, duration.toNanos() * rate / 1_000_000_000L);
        long firstWindow = Math.min(total, Math.max(1, split.toNanos() * rate / 1_000_000_000L));
        int windows = firstWindow < total ? 2 : 1;
        Window[] window = new Window[windows];
        for (int w = 0; w < windows; w++) {
            window[w] = new Window();
        }
        CountDownLatch outstanding = new CountDownLatch((int) Math.min(total, Integer.MAX_VALUE));

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        window[0].start = start;
        window[0].lastAnswer.set(start);
        long lastSend = start;
        for (long i = 0; i < total; i++) {
            long intended = start + i * 1_000_000_000L / rate;
            Window current = window[i < firstWindow ? 0 : 1];
            if (i == firstWindow) {
                window[0].lastSend = lastSend;
                current.start = intended;
                current.lastAnswer.set(intended);
            }
            HttpRequest request = workload.createSession(baseUri, firstSequence + i);
            waitUntil(intended);
            lastSend = System.nanoTime();
            current.sendLag.recordValue(Math.max(0, lastSend - intended) / 1000);
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                long answered = System.nanoTime();
                answers.answered(
                        intended - start,
                        failure != null ? 0 : response.statusCode(),
                        Math.max(0, answered - intended) / 1000);
                if (failure != null) {
                    count(current.errors, failureName(failure));
                } else if (workload.succeeded(response.statusCode())) {
                    current.latency.recordValue(Math.max(0, answered - intended) / 1000);
                    current.succeeded.increment();
                } else {
                    String status = String.valueOf(response.statusCode());
                    count(current.errors, status);
                    current.samples.putIfAbsent(status, shorten(new String(response.body(), StandardCharsets.UTF_8)));
                }
                current.lastAnswer.accumulateAndGet(answered, Math::max);
                outstanding.countDown();
            });
        }
        window[windows - 1].lastSend = lastSend;
        if (!outstanding.await(requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS)) {
            // not told apart by window: all counted against the last
            window[windows - 1]
                    .errors
                    .computeIfAbsent("no answer", k -> new LongAdder())
                    .add(outstanding.getCount());
        }
        List<LatencyStep> steps = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            long sent = w == 0 ? firstWindow : total - firstWindow;
            long seconds = w == 0
                    ? (windows == 1 ? duration.toSeconds() : split.toSeconds())
                    : duration.minus(split).toSeconds();
            steps.add(window[w].step(workload.provider(), rate, seconds, sent));
        }
        return steps;
    }

    /** What one window of a load collects. */
    private static final class Window {
        final Histogram latency = new ConcurrentHistogram(3);
        final Histogram sendLag = new Histogram(3);
        final LongAdder succeeded = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final Map<String, String> samples = new ConcurrentHashMap<>();
        final AtomicLong lastAnswer = new AtomicLong();
        long start;
        long lastSend;

        LatencyStep step(String provider, int rate, long seconds, long sent) {
            Map<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((name, count) -> errorCounts.put(name, count.sum()));
            return new LatencyStep(
                    provider,
                    rate,
                    seconds,
                    sent,
                    lastSend - start,
                    lastAnswer.get() - start,
                    succeeded.sum(),
                    errorCounts,
                    new TreeMap<>(samples),
                    latency.copy(),
                    sendLag,
                    -1);
        }
    }

    /** The full percentile distribution of a step's latency (HdrHistogram's .hgrm text, in milliseconds). */
    public static void writePercentiles(LatencyStep step, Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            step.latencyMicros().outputPercentileDistribution(out, 1000.0);
        }
    }

    private static void waitUntil(long nanoTime) {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private static void count(Map<String, LongAdder> errors, String name) {
        errors.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    static String failureName(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "connect";
        }
        if (cause instanceof IOException) {
            return "io: " + cause.getClass().getSimpleName();
        }
        return cause.getClass().getSimpleName();
    }

    private static String shorten(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= SAMPLE_LENGTH ? flat : flat.substring(0, SAMPLE_LENGTH) + "...";
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }
}
