package io.sessionflow.api.tokens;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param activeKeyId the key that signs new tokens (default: the first)
 * @param keys        base64 secrets (at least 256 bits) by key id
 * @param keyFile     where a generated key is kept when none is configured; unset: keys are required
 */
@ConfigurationProperties("sessionflow.tokens")
public record TokenProperties(String activeKeyId, Map<String, String> keys, Path keyFile) {}
