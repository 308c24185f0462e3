package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Steady, bounded create load on all four providers (chat, Algoreg, Zenskar, LivePerson in turn), each create
 * with an Idempotency-Key and retried as a careful client does ({@link RetriedCreate}), every attempt sent to
 * the instance the balancer names. {@value #WORKERS} clients, each sending its next create a pause after the
 * last was answered: a load, not a flood. Stops at {@link #stop()}, at its request cap or at its deadline;
 * a create in flight at the stop goes on until answered.
 */
final class ClusterLoad {

    static final int WORKERS = 4;
    static final Duration PACE = Duration.ofMillis(100);

    private final String scenario;
    private final Supplier<SessionApiClient> balancer;
    private final int maxRequests;
    private final long deadlineNanos;
    private final ConcurrentLinkedQueue<RetriedCreate> creates = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();

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
        for (int w = 0; w < WORKERS; w++) {
            Thread worker = new Thread(this::send, scenario + "-client-" + w);
            worker.start();
            workers.add(worker);
        }
        return this;
    }

    private void send() {
        while (!stopped.get() && System.nanoTime() < deadlineNanos) {
            int i = sequence.getAndIncrement();
            if (i >= maxRequests) {
                return;
            }
            String provider = CreateRequest.PROVIDERS.get(i % CreateRequest.PROVIDERS.size());
            RetriedCreate create = new RetriedCreate(CreateRequest.of(provider, scenario + "-" + i + "-"
                    + UUID.randomUUID()));
            creates.add(create);
            create.drive(balancer, deadlineNanos, () -> 0);
            LockSupport.parkNanos(PACE.toNanos());
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
        for (Thread worker : workers) {
            worker.join(TimeUnit.NANOSECONDS.toMillis(Math.max(deadlineNanos - System.nanoTime(), 1)));
        }
        for (Thread worker : workers) {
            worker.interrupt();
        }
        return List.copyOf(creates);
    }

    /** Until at least {@code count} more creates are answered 2xx than now, or fails. */
    void awaitMoreAnswered(int count, Duration limit, String what) {
        int target = answered2xx().size() + count;
        ClusterDeployment.await(() -> answered2xx().size() >= target, limit, count + " answered creates " + what);
    }
}
