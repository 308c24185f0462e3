package io.sessionflow.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param outcomeWait    how long a create call waits for its session's outcome before it answers
 *                       a retryable error
 * @param publishTimeout how long the broker has to acknowledge a request event
 * @param maxBodyBytes   the largest request body read
 * @param maxWaiting     most create calls waiting for their answers at once; more answer a retryable
 *                       error at once, without publishing (each waiting call holds about 85 KB of
 *                       server buffers: unbounded, a cold start under 1,000 req/s filled a 512 MiB heap)
 */
@ConfigurationProperties("sessionflow.api")
public record ApiProperties(
        @DefaultValue("5s") Duration outcomeWait,
        @DefaultValue("5s") Duration publishTimeout,
        @DefaultValue("65536") int maxBodyBytes,
        @DefaultValue("1000") int maxWaiting) {}
