package io.sessionflow.api.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import io.sessionflow.api.Surface;

/**
 * Back-off on refused credentials (credential stuffing, guessing): after a number of refusals in a
 * window from one client address on one surface, or naming one tenant, every further call is refused
 * before its credential is checked, until the window passes. The per-tenant count is higher: anyone
 * can name a tenant, so its count can be used to lock that tenant out for a window.
 */
public final class CredentialBackoff {

    private final KeyedBuckets byAddress;
    private final KeyedBuckets byTenant;

    public CredentialBackoff(LimitsProperties limits) {
        this.byAddress = KeyedBuckets.windowed(
                limits.credentialFailures(), limits.credentialFailureWindow(), limits.trackedKeys());
        this.byTenant = KeyedBuckets.windowed(
                limits.tenantCredentialFailures(), limits.credentialFailureWindow(), limits.trackedKeys());
    }

    /** @param tenant the tenant the call names, or null. @return how long the caller must wait, if it must */
    public Optional<Duration> refusal(Surface surface, String address, String tenant) {
        Optional<Duration> tenantWait =
                tenant == null ? Optional.empty() : byTenant.waitFor(tenantKey(surface, tenant));
        return Stream.of(byAddress.waitFor(addressKey(surface, address)), tenantWait)
                .flatMap(Optional::stream)
                .max(Duration::compareTo);
    }

    /** Counts one refused credential. */
    public void failed(Surface surface, String address, String tenant) {
        byAddress.take(addressKey(surface, address));
        if (tenant != null) {
            byTenant.take(tenantKey(surface, tenant));
        }
    }

    private static String addressKey(Surface surface, String address) {
        return surface.firstSegment() + " " + address;
    }

    private static String tenantKey(Surface surface, String tenant) {
        return surface.firstSegment() + " " + tenant;
    }
}
