package io.sessionflow.projections.query;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The instance-to-instance query endpoint ({@link SessionQueryController}): its own HTTP port, never the
 * public one, and the credential every instance sends and checks.
 *
 * @param port          the internal connector's port; other instances reach this one there
 * @param token         the shared credential (at least 32 characters, the same on every instance); unset: generated
 *                      into {@code tokenFile}
 * @param tokenFile     where a generated credential is kept
 * @param maxWait       the longest a query waits for an answer, whatever the caller asks
 * @param maxConcurrent queries served at once; beyond, 503 at once (each holds a connection while it waits)
 */
@ConfigurationProperties("sessionflow.internal")
public record InternalProperties(
        @DefaultValue("8081") int port,
        String token,
        Path tokenFile,
        @DefaultValue("10s") Duration maxWait,
        @DefaultValue("1000") int maxConcurrent) {}
