package io.sessionflow.api.admin;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param token     the admin API's bearer token (at least 32 characters); unset: generated into {@code tokenFile}
 * @param tokenFile where a generated admin token is kept
 */
@ConfigurationProperties("sessionflow.admin")
public record AdminProperties(String token, Path tokenFile) {}
