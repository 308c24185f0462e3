package io.sessionflow.api;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The id keys: the server secret session keys, request keys, request fingerprints and pseudonyms are
 * keyed with ({@link SessionKeys}).
 *
 * @param activeKeyId the key that derives keys and makes new fingerprints (default: the first)
 * @param keys        base64 secrets (at least 256 bits) by key id
 * @param keyFile     where a generated key is kept when none is configured; unset: keys are required
 */
@ConfigurationProperties("sessionflow.ids")
public record IdProperties(String activeKeyId, Map<String, String> keys, Path keyFile) {}
