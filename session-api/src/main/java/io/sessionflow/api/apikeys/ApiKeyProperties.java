package io.sessionflow.api.apikeys;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param peppers         base64 server secrets (at least 256 bits) by id that generated API keys are kept
 *                        under (HMAC-SHA256); the same on every API instance
 * @param activePepperId  the pepper new keys are hashed under (default: the first); the others still
 *                        authenticate the keys hashed under them (rotation)
 * @param pepperFile      where a generated pepper is kept when none is configured
 */
@ConfigurationProperties("sessionflow.api-keys")
public record ApiKeyProperties(Map<String, String> peppers, String activePepperId, Path pepperFile) {}
