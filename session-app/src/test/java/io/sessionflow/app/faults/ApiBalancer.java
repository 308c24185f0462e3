package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The load balancer a user puts in front of the API instances, on the test side: round robin over the instances
 * whose readiness probe answered UP at its last check (every {@value #PROBE_MILLIS} ms, as a load balancer's
 * health check), over all of them when none did. A stopped or killed instance is skipped from its next probe
 * on; its calls in between get no answer, and the client retries them.
 */
final class ApiBalancer implements Supplier<SessionApiClient>, AutoCloseable {

    private static final long PROBE_MILLIS = 250;

    private final List<ServiceInstance> apis;
    private final List<SessionApiClient> clients;
    private final boolean[] ready;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread prober;

    ApiBalancer(List<ServiceInstance> apis) {
        this.apis = List.copyOf(apis);
        this.clients = apis.stream().map(ClusterDeployment::client).toList();
        this.ready = new boolean[apis.size()];
        probe();
        prober = new Thread(
                () -> {
                    while (!closed.get()) {
                        LockSupport.parkNanos(Duration.ofMillis(PROBE_MILLIS).toNanos());
                        probe();
                    }
                },
                "api-balancer-probe");
        prober.setDaemon(true);
        prober.start();
    }

    @Override
    public SessionApiClient get() {
        int start = Math.floorMod(next.getAndIncrement(), clients.size());
        for (int i = 0; i < clients.size(); i++) {
            int candidate = (start + i) % clients.size();
            if (isReady(candidate)) {
                return clients.get(candidate);
            }
        }
        return clients.get(start);
    }

    private synchronized boolean isReady(int index) {
        return ready[index];
    }

    private void probe() {
        for (int i = 0; i < apis.size(); i++) {
            boolean up = apis.get(i).ready();
            synchronized (this) {
                ready[i] = up;
            }
        }
    }

    @Override
    public void close() {
        closed.set(true);
        prober.interrupt();
    }
}
