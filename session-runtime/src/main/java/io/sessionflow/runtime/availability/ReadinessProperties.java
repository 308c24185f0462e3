package io.sessionflow.runtime.availability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rebalanceGrace how long a Streams app may rebalance (or restore) after it ran before readiness turns
 *                       {@code REFUSING_TRAFFIC}: shorter rebalances, frequent while instances come and go, do
 *                       not take the instance out of its load balancer
 * @param startSettle    how long every Streams app must run without a rebalance before the instance is first
 *                       ready: a joining member gets its tasks in the rebalances that follow its first run
 * @param warmUp         whether readiness waits, at start, for a warm-up through the request path ({@link WarmUpPhase})
 * @param warmUpTime     the most the warm-up may take
 * @param warmUpCalls    the most calls the warm-up makes (each one event on a public topic)
 */
@ConfigurationProperties("sessionflow.readiness")
public record ReadinessProperties(
        @DefaultValue("5s") Duration rebalanceGrace,
        @DefaultValue("2s") Duration startSettle,
        @DefaultValue("true") boolean warmUp,
        @DefaultValue("30s") Duration warmUpTime,
        @DefaultValue("3000") int warmUpCalls) {}
