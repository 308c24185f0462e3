package io.sessionflow.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import io.sessionflow.secrets.SecretFiles;

/**
 * A bearer token guarding an operator-facing endpoint (admin API, introspection). Configured, or
 * generated once into a file readable only by its owner ({@link SecretFiles}), so that the laptop default has a
 * credential without a secret in code. Only its SHA-256 is held; a presented token is hashed and
 * compared in constant time.
 */
public final class BearerCredential {

    private static final int GENERATED_BYTES = 32;

    private final byte[] tokenHash;

    private BearerCredential(String token) {
        this.tokenHash = Sha256.of(token);
    }

    /**
     * @param property       the configuration prefix, for messages ({@code sessionflow.admin})
     * @param configuredToken the configured token, or null
     * @param tokenFile      where a token is generated when none is configured
     */
    public static BearerCredential load(String property, String configuredToken, Path tokenFile) {
        if (configuredToken != null && !configuredToken.isBlank()) {
            if (configuredToken.length() < 32) {
                throw new IllegalArgumentException(property + ".token must have at least 32 characters");
            }
            return new BearerCredential(configuredToken);
        }
        if (tokenFile == null) {
            throw new IllegalArgumentException("Neither " + property + ".token nor " + property + ".token-file is set");
        }
        try {
            byte[] token = SecretFiles.readOrCreate(tokenFile, BearerCredential::generatedToken);
            return new BearerCredential(new String(token, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token file " + tokenFile + " (" + property + ")", e);
        }
    }

    private static byte[] generatedToken() {
        byte[] secret = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret).getBytes(StandardCharsets.US_ASCII);
    }

    /** @param authorization the request's {@code Authorization} header, possibly null */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenHash, Sha256.of(authorization.substring(7).trim()));
    }

}
