package io.sessionflow.api.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-tenant limits of create calls: a rate (Bucket4j buckets by tenant, {@link KeyedBuckets}) and
 * a share of the calls waiting for answers, so that one tenant cannot hold the whole waiting budget.
 * Only tenants with calls waiting are held in the share's map, so it is bounded by the waiting budget.
 */
public final class TenantLimits {

    private final KeyedBuckets requests;
    private final int maxWaiting;
    private final ConcurrentHashMap<String, Integer> waiting = new ConcurrentHashMap<>();

    public TenantLimits(long requests, Duration period, int maxWaiting, int trackedKeys) {
        this.requests = KeyedBuckets.smooth(requests, period, trackedKeys);
        this.maxWaiting = maxWaiting;
    }

    public static TenantLimits of(LimitsProperties limits) {
        return new TenantLimits(
                limits.tenantRequests(), limits.tenantPeriod(), limits.maxWaitingPerTenant(), limits.trackedKeys());
    }

    /** Takes one call of the tenant's rate. @return empty when allowed, else how long until it would be */
    public Optional<Duration> take(String tenant) {
        return requests.take(tenant);
    }

    /** @return true when the tenant had fewer than its share waiting; then {@link #leave} once done */
    public boolean enter(String tenant) {
        boolean[] entered = {false};
        waiting.compute(tenant, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxWaiting) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    public void leave(String tenant) {
        waiting.computeIfPresent(tenant, (key, count) -> count <= 1 ? null : count - 1);
    }
}
