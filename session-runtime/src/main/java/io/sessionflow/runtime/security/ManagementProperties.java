package io.sessionflow.runtime.security;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credential of the management port's endpoints other than health.
 *
 * @param token     a bearer token (at least 32 characters); unset: generated into {@code tokenFile}
 * @param tokenFile where a generated token is kept
 */
@ConfigurationProperties("sessionflow.management")
public record ManagementProperties(String token, Path tokenFile) {}
