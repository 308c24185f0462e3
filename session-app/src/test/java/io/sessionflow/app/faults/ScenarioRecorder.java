package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What one cluster scenario cost, as a client saw it: the create exchanges by status (2xx, the retryable 503,
 * anything else, no answer), the longest gap with no successful create from the fault on, and the time from
 * the fault until every session answered before it is served again through every API instance (a watcher
 * reads them all back, round after round, from the fault on: the first round in which each one read back).
 * {@link #summary} is the scenario's one stable line:
 * {@code SCENARIO <name>: requests=… 2xx=… 503=… other=… no-answer=… longest-gap=…s served-again=…s hosts=…}.
 */
final class ScenarioRecorder implements AutoCloseable {

    /** The figures of a scenario. {@code servedAgain} is null when the sessions were never all served again. */
    record Figures(int requests, int answered2xx, long retryable503, long other, long noAnswer, Duration longestGap,
                   Duration servedAgain) {
    }

    private static final Duration ROUND_PAUSE = Duration.ofMillis(100);

    private final String name;
    private final ExecutorService readers = Executors.newFixedThreadPool(8);
    private final AtomicBoolean watching = new AtomicBoolean();
    private final AtomicLong servedAgainAt = new AtomicLong();
    private volatile long faultAt;
    private Future<?> watcher;

    ScenarioRecorder(String name) {
        this.name = name;
    }

    /**
     * The fault happens now: from now on, the watcher reads back {@code answeredBefore} through every one of
     * {@code apis}, round after round, until a round reads every session.
     */
    void fault(List<RetriedCreate> answeredBefore, List<SessionApiClient> apis) {
        faultAt = System.nanoTime();
        watching.set(true);
        watcher = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name + "-served-again");
            thread.setDaemon(true);
            return thread;
        }).submit(() -> watch(answeredBefore, apis));
    }

    long faultAt() {
        return faultAt;
    }

    /** Whether every session answered before the fault has been served again. */
    boolean servedAgain() {
        return servedAgainAt.get() != 0;
    }

    private void watch(List<RetriedCreate> sessions, List<SessionApiClient> apis) {
        while (watching.get()) {
            List<Future<Boolean>> reads = new ArrayList<>();
            for (RetriedCreate session : sessions) {
                for (SessionApiClient api : apis) {
                    reads.add(readers.submit(() -> ReadBack.readable(session, ReadBack.session(api, session))));
                }
            }
            boolean all = true;
            for (Future<Boolean> read : reads) {
                try {
                    all &= read.get();
                } catch (Exception e) {
                    return;
                }
            }
            if (all) {
                servedAgainAt.set(System.nanoTime());
                return;
            }
            LockSupport.parkNanos(ROUND_PAUSE.toNanos());
        }
    }

    /** The figures of the creates the scenario sent (its load, stopped). */
    Figures figures(List<RetriedCreate> creates) {
        int requests = creates.size();
        int answered2xx = 0;
        long retryable503 = 0;
        long other = 0;
        long noAnswer = 0;
        List<Long> successes = new ArrayList<>();
        for (RetriedCreate create : creates) {
            answered2xx += create.answered2xx() ? 1 : 0;
            for (Exchange exchange : create.exchanges()) {
                if (exchange.answered()) {
                    successes.add(exchange.startedAtNanos() + exchange.took().toNanos());
                } else if (exchange.noAnswer()) {
                    noAnswer++;
                } else if (CreateRequest.isDocumentedRetryable(create.request().provider(), exchange)) {
                    retryable503++;
                } else {
                    other++;
                }
            }
        }
        successes.sort(null);
        long longestGap = 0;
        long previous = faultAt;
        for (long at : successes) {
            if (at >= faultAt) {
                longestGap = Math.max(longestGap, at - previous);
                previous = at;
            }
        }
        long served = servedAgainAt.get();
        return new Figures(requests, answered2xx, retryable503, other, noAnswer, Duration.ofNanos(longestGap),
                served == 0 ? null : Duration.ofNanos(served - faultAt));
    }

    /** The scenario's summary line; {@code details} (the victim, when it was back, ...) end it. */
    String summary(Figures figures, String hosts, String details) {
        return String.format(Locale.ROOT, "SCENARIO %s: requests=%d 2xx=%d 503=%d other=%d no-answer=%d "
                        + "longest-gap=%.1fs served-again=%s hosts=%s%s", name, figures.requests(),
                figures.answered2xx(), figures.retryable503(), figures.other(), figures.noAnswer(),
                figures.longestGap().toMillis() / 1000.0,
                figures.servedAgain() == null ? "never"
                        : String.format(Locale.ROOT, "%.1fs", figures.servedAgain().toMillis() / 1000.0),
                hosts, details.isEmpty() ? "" : " " + details);
    }

    /** Seconds since the fault, for a scenario's details. */
    String sinceFault(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", TimeUnit.NANOSECONDS.toMillis(nanos - faultAt) / 1000.0);
    }

    @Override
    public void close() {
        watching.set(false);
        if (watcher != null) {
            watcher.cancel(true);
        }
        readers.shutdownNow();
    }
}
