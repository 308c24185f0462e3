package io.sessionflow.api.introspection;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param token     the bearer token resource servers present to the introspection endpoint (at
 *                  least 32 characters); unset: generated into {@code tokenFile}
 * @param tokenFile where a generated token is kept
 */
@ConfigurationProperties("sessionflow.introspection")
public record IntrospectionProperties(String token, Path tokenFile) {}
