package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Steady, bounded create load on all four providers (chat, Algoreg, Zenskar, LivePerson in turn), each create
 * with an Idempotency-Key and retried as a careful client does ({@link RetriedCreate}), every attempt sent to
 * the instance the balancer names. Open loop, as many independent clients are: a new create every
 * {@code 1/rate} s whatever the others wait for, at most {@value #MAX_IN_FLIGHT} at once (beyond, the next
 * waits), so a fault that holds the creates of some partitions does not also stop those of the others. Stops
 * at {@link #stop()}, at its request cap or at its deadline; a create in flight at the stop goes on until
 * answered.
 */
final class ClusterLoad {

    static final int MAX_IN_FLIGHT = 32;
    /** creates started per second: {@code sessionflow.cluster.rate}, 8 by default */
    static final int RATE = Integer.getInteger("sessionflow.cluster.rate", 8);

    private final String scenario;
    private final Supplier<SessionApiClient> balancer;
    private final int maxRequests;
    private final long deadlineNanos;
    private final ConcurrentLinkedQueue<RetriedCreate> creates = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ExecutorService clients = Executors.newFixedThreadPool(MAX_IN_FLIGHT);
    private Thread pacer;

    /**
     * @param deadline after which no create is sent or retried: the scenario's bound (a create still unanswered
     *                 then counts as unanswered)
     */
    ClusterLoad(String scenario, Supplier<SessionApiClient> balancer, int maxRequests, Duration deadline) {
        this.scenario = scenario;
        this.balancer = balancer;
        this.maxRequests = maxRequests;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
    }

    ClusterLoad start() {
        pacer = new Thread(this::pace, scenario + "-load");
        pacer.start();
        return this;
    }

    private void pace() {
        long period = 1_000_000_000L / RATE;
        long next = System.nanoTime();
        for (int i = 0; i < maxRequests && !stopped.get() && System.nanoTime() < deadlineNanos; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += period;
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            String provider = CreateRequest.PROVIDERS.get(i % CreateRequest.PROVIDERS.size());
            RetriedCreate create =
                    new RetriedCreate(CreateRequest.of(provider, scenario + "-" + i + "-" + UUID.randomUUID()));
            creates.add(create);
            clients.execute(() -> {
                try {
                    create.drive(balancer, deadlineNanos, () -> 0);
                } finally {
                    inFlight.release();
                }
            });
        }
    }
    /** Creates answered so far (2xx or a final error). */
    int answered() {
        int answered = 0;
        for (RetriedCreate create : creates) {
            answered += create.answer() == null ? 0 : 1;
        }
        return answered;
    }

    /** Every create sent so far, answered or not. */
    List<RetriedCreate> creates() {
        return List.copyOf(creates);
    }

    /** Creates answered 2xx so far. */
    List<RetriedCreate> answered2xx() {
        return creates.stream().filter(RetriedCreate::answered2xx).toList();
    }

    /** Sends no new create and waits until those in flight are answered (or the deadline passes). */
    List<RetriedCreate> stop() throws InterruptedException {
        stopped.set(true);
        if (pacer != null) {
            pacer.interrupt();
            pacer.join();
        }
        clients.shutdown();
        if (!clients.awaitTermination(Math.max(deadlineNanos - System.nanoTime(), 1), TimeUnit.NANOSECONDS)) {
            clients.shutdownNow();
        }
        return List.copyOf(creates);
    }

    /** Until at least {@code count} more creates are answered 2xx than now, or fails. */
    void awaitMoreAnswered(int count, Duration limit, String what) {
        int target = answered2xx().size() + count;
        ClusterDeployment.await(() -> answered2xx().size() >= target, limit, count + " answered creates " + what);
    }
}
