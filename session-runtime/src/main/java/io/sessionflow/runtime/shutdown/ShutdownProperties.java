package io.sessionflow.runtime.shutdown;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param drain how long an instance that serves clients keeps serving after a SIGTERM turned its readiness
 *              {@code REFUSING_TRAFFIC}, before it stops taking requests: longer than a load balancer takes to
 *              notice (its readiness polling interval, with its failure threshold, plus its own propagation)
 */
@ConfigurationProperties("sessionflow.shutdown")
public record ShutdownProperties(@DefaultValue("5s") Duration drain) {

    public ShutdownProperties {
        if (drain.isNegative()) {
            throw new IllegalArgumentException("sessionflow.shutdown.drain must not be negative: " + drain);
        }
    }
}
