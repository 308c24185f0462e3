package io.sessionflow.app.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.common.utils.Utils;

/**
 * What one cluster scenario cost, as a client saw it: the create exchanges by status (2xx, the retryable 503,
 * anything else, no answer), the longest gap with no successful create from the fault on, and the time from
 * the fault until every session answered before it is served again through every API instance (a watcher
 * reads them back, round after round, from the fault on: the first round in which each one read back). A round
 * reads one session of each provider on each partition ({@link #coverage}), as many as it takes to touch every
 * task, and rounds start at a steady pace however fast their reads fail: the watcher measures the deployment,
 * it must not be the load that slows it down.
 * {@link #summary} is the scenario's one stable line:
 * {@code SCENARIO <name>: requests=… 2xx=… 503=… other=… no-answer=… longest-gap=…s served-again=…s hosts=…}.
 */
final class ScenarioRecorder implements AutoCloseable {

    /**
     * The figures of a scenario. {@code servedAgain} is null when the sessions were never all served again;
     * {@code lastUnread} names the providers whose sessions the last incomplete round could not read (what the
     * wait was for); {@code gapFrom}, when the longest gap began (after the fault); {@code lastRelapse}, null
     * when none, when a round after that last missed a read;
     * {@code medianCreate} is the median time of a create exchange answered 2xx.
     */
    record Figures(
            int requests,
            int answered2xx,
            long retryable503,
            long other,
            long noAnswer,
            Duration longestGap,
            Duration gapFrom,
            Duration servedAgain,
            Set<String> lastUnread,
            Duration lastRelapse,
            Duration medianCreate) {}

    /** a round starts this long after the previous one started (or when it ends, if later) */
    private static final Duration ROUND_PERIOD = Duration.ofMillis(500);
    /** a read slower than this counts as not served: a round stays short, so its end is a close bound */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private static final int WRONG_READS_SHOWN = 5;

    private final String name;
    private final ExecutorService readers = Executors.newFixedThreadPool(16);
    private final AtomicBoolean watching = new AtomicBoolean();
    private final AtomicLong servedAgainAt = new AtomicLong();
    private final AtomicLong lastRelapseAt = new AtomicLong();
    private volatile Set<String> lastUnread = Set.of();
    private final StringBuffer timeline = new StringBuffer();
    private final Queue<String> wrongReads = new ConcurrentLinkedQueue<>();
    private volatile long faultAt;
    private Future<?> watcher;

    ScenarioRecorder(String name) {
        this.name = name;
    }

    /**
     * The fault happens now: from now on, the watcher reads back {@link #coverage} of {@code answeredBefore}
     * through every one of {@code apis}, round after round, until the scenario ends.
     */
    void fault(List<RetriedCreate> answeredBefore, List<SessionApiClient> apis) {
        faultAt = System.nanoTime();
        System.out.println("SCENARIO " + name + " fault at " + java.time.Instant.now());
        watching.set(true);
        watcher = Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, name + "-served-again");
                    thread.setDaemon(true);
                    return thread;
                })
                .submit(() -> watch(coverage(answeredBefore), apis));
    }

    long faultAt() {
        return faultAt;
    }

    /** Whether every session answered before the fault has been served again. */
    boolean servedAgain() {
        return servedAgainAt.get() != 0;
    }

    /**
     * Rounds of reads of every session through every API instance until the scenario ends: the first round that
     * reads them all is when they were served again; a later round that misses one is a relapse (the killed
     * instance's return moving tasks back, for instance), counted and timed.
     */
    private void watch(List<RetriedCreate> sessions, List<SessionApiClient> allApis) {
        List<SessionApiClient> apis =
                allApis.stream().map(api -> api.withTimeout(READ_TIMEOUT)).toList();
        long nextRound = System.nanoTime();
        while (watching.get()) {
            LockSupport.parkNanos(nextRound - System.nanoTime());
            nextRound = Math.max(nextRound + ROUND_PERIOD.toNanos(), System.nanoTime());
            Map<String, Integer> misses = new ConcurrentSkipListMap<>();
            List<Future<String>> reads = new ArrayList<>();
            for (RetriedCreate session : sessions) {
                for (SessionApiClient api : apis) {
                    reads.add(readers.submit(() -> {
                        Exchange read = ReadBack.session(api, session);
                        if (ReadBack.readable(session, read)) {
                            return null;
                        }
                        misses.merge(
                                api.address() + " " + session.request().provider() + " "
                                        + (read.noAnswer() ? "no-answer" : read.status()),
                                1,
                                Integer::sum);
                        if (!read.noAnswer() && read.status() != 503 && wrongReads.size() < WRONG_READS_SHOWN) {
                            wrongReads.add(String.format(
                                    Locale.ROOT,
                                    "%.1fs %s through %s: %s",
                                    (System.nanoTime() - faultAt) / 1e9,
                                    session.request().provider() + " "
                                            + session.request().sessionKey(),
                                    api.address(),
                                    read.describe()));
                        }
                        return session.request().provider();
                    }));
                }
            }
            Set<String> unread = new TreeSet<>();
            for (Future<String> read : reads) {
                try {
                    String provider = read.get();
                    if (provider != null) {
                        unread.add(provider);
                    }
                } catch (Exception e) {
                    return;
                }
            }
            long now = System.nanoTime();
            long missed = unreadCount(reads);
            if (servedAgainAt.get() == 0 || missed > 0) {
                timeline.append(String.format(Locale.ROOT, " %.1fs:%d", (now - faultAt) / 1e9, missed));
                if (servedAgainAt.get() != 0) {
                    timeline.append(misses);
                }
            }
            if (unread.isEmpty()) {
                servedAgainAt.compareAndSet(0, now);
            } else if (servedAgainAt.get() == 0) {
                lastUnread = unread;
            } else {
                lastRelapseAt.set(now);
            }
        }
    }

    /**
     * The first session of each provider on each partition of the session topic (so on each task of every
     * Streams app), in the order they were answered.
     */
    static List<RetriedCreate> coverage(List<RetriedCreate> answered) {
        Map<String, RetriedCreate> first = new LinkedHashMap<>();
        for (RetriedCreate create : answered) {
            String sessionKey = create.request().sessionKey();
            int partition = Utils.toPositive(Utils.murmur2(sessionKey.getBytes(StandardCharsets.UTF_8)))
                    % ClusterDeployment.PARTITIONS;
            first.putIfAbsent(create.request().provider() + "/" + partition, create);
        }
        return List.copyOf(first.values());
    }

    private static long unreadCount(List<Future<String>> reads) {
        return reads.stream()
                .filter(read -> {
                    try {
                        return read.get() != null;
                    } catch (Exception e) {
                        return true;
                    }
                })
                .count();
    }

    /**
     * The first reads answered neither the session nor the retryable 503 (a 404, an inactive token, another
     * session): a session answered before the fault read as gone is a wrong answer, not a pause.
     */
    List<String> wrongReads() {
        return List.copyOf(wrongReads);
    }

    /** When each read-back round ended (seconds after the fault) and how many reads it missed. */
    String timeline() {
        return timeline.toString().trim();
    }

    /** The figures of the creates the scenario sent (its load, stopped). */
    Figures figures(List<RetriedCreate> creates) {
        int requests = creates.size();
        int answered2xx = 0;
        long retryable503 = 0;
        long other = 0;
        long noAnswer = 0;
        List<Long> successes = new ArrayList<>();
        List<Duration> took = new ArrayList<>();
        for (RetriedCreate create : creates) {
            answered2xx += create.answered2xx() ? 1 : 0;
            for (Exchange exchange : create.exchanges()) {
                if (exchange.answered()) {
                    successes.add(exchange.startedAtNanos() + exchange.took().toNanos());
                    took.add(exchange.took());
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
        long gapFrom = faultAt;
        long previous = faultAt;
        for (long at : successes) {
            if (at >= faultAt) {
                if (at - previous > longestGap) {
                    longestGap = at - previous;
                    gapFrom = previous;
                }
                previous = at;
            }
        }
        long served = servedAgainAt.get();
        took.sort(null);
        return new Figures(
                requests,
                answered2xx,
                retryable503,
                other,
                noAnswer,
                Duration.ofNanos(longestGap),
                Duration.ofNanos(gapFrom - faultAt),
                served == 0 ? null : Duration.ofNanos(served - faultAt),
                lastUnread,
                lastRelapseAt.get() == 0 ? null : Duration.ofNanos(lastRelapseAt.get() - faultAt),
                took.isEmpty() ? Duration.ZERO : took.get(took.size() / 2));
    }

    /** The scenario's summary line; {@code details} (the victim, when it was back, ...) end it. */
    String summary(Figures figures, String hosts, String details) {
        return String.format(
                Locale.ROOT,
                "SCENARIO %s: requests=%d 2xx=%d 503=%d other=%d no-answer=%d "
                        + "longest-gap=%.1fs(from %.1fs) served-again=%s hosts=%s median-create=%dms last-unread=%s "
                        + "relapse=%s%s",
                name,
                figures.requests(),
                figures.answered2xx(),
                figures.retryable503(),
                figures.other(),
                figures.noAnswer(),
                figures.longestGap().toMillis() / 1000.0,
                figures.gapFrom().toMillis() / 1000.0,
                figures.servedAgain() == null
                        ? "never"
                        : String.format(
                                Locale.ROOT, "%.1fs", figures.servedAgain().toMillis() / 1000.0),
                hosts,
                figures.medianCreate().toMillis(),
                figures.lastUnread().isEmpty() ? "-" : String.join(",", figures.lastUnread()),
                figures.lastRelapse() == null
                        ? "none"
                        : String.format(
                                Locale.ROOT, "%.1fs", figures.lastRelapse().toMillis() / 1000.0),
                details.isEmpty() ? "" : " " + details);
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
