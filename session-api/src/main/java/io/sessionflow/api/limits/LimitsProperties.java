package io.sessionflow.api.limits;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The abuse limits ({@code sessionflow.limits.*}); README's Configuration table documents each.
 *
 * @param bodyReadTimeout          a request body not complete within this is answered 408 and its connection closed
 * @param exemptAddresses          client addresses (as Tomcat reports them) that no per-address or credential
 *                                 limit applies to: trusted callers such as a monitor
 * @param addressRequests          calls to the provider surfaces one client address may make per {@code addressPeriod}
 * @param addressPeriod            the period of {@code addressRequests}, refilled smoothly
 * @param tenantRequests           create calls one tenant (widget key, Algoreg tenant, Zenskar organisation,
 *                                 LivePerson account) may make per {@code tenantPeriod}
 * @param tenantPeriod             the period of {@code tenantRequests}, refilled smoothly
 * @param credentialFailures       refused credentials one client address may present per surface in a window
 * @param tenantCredentialFailures refused credentials naming one tenant in a window, from any address
 * @param credentialFailureWindow  the window of both credential-failure limits
 * @param maxWaitingPerTenant      create calls of one tenant waiting for their answers at once (a share of
 *                                 {@code sessionflow.api.max-waiting})
 * @param trackedKeys              most addresses or tenants each limit remembers (its memory bound)
 */
@ConfigurationProperties("sessionflow.limits")
public record LimitsProperties(
        @DefaultValue("10s") Duration bodyReadTimeout,
        @DefaultValue List<String> exemptAddresses,
        @DefaultValue("100") int addressRequests,
        @DefaultValue("10s") Duration addressPeriod,
        @DefaultValue("1000") int tenantRequests,
        @DefaultValue("10s") Duration tenantPeriod,
        @DefaultValue("10") int credentialFailures,
        @DefaultValue("50") int tenantCredentialFailures,
        @DefaultValue("5m") Duration credentialFailureWindow,
        @DefaultValue("250") int maxWaitingPerTenant,
        @DefaultValue("100000") int trackedKeys) {

    public LimitsProperties {
        exemptAddresses = exemptAddresses == null ? List.of() : List.copyOf(exemptAddresses);
    }
}
