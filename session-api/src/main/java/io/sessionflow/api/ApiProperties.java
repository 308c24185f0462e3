package io.sessionflow.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param outcomeWait    how long a create call waits for its session's outcome before it answers
 *                       a retryable error
 * @param publishTimeout how long the broker has to acknowledge a request event
 * @param maxBodyBytes   the largest request body read
 */
@ConfigurationProperties("sessionflow.api")
public record ApiProperties(@DefaultValue("5s") Duration outcomeWait,
                            @DefaultValue("5s") Duration publishTimeout,
                            @DefaultValue("65536") int maxBodyBytes) {
}
