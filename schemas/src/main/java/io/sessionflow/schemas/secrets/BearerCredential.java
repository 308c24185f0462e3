package io.sessionflow.schemas.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bearer token guarding an operator-facing or instance-to-instance endpoint (admin API, introspection,
 * management, the internal query endpoint). Configured, or generated once into a file readable only by its
 * owner ({@link TokenFile}), so that the laptop default has a credential without a secret in code. Only its
 * SHA-256 is held; a presented token is hashed and compared in constant time.
 */
public final class BearerCredential {

    private static final String BEARER = "Bearer ";

    private final byte[] tokenHash;

    private BearerCredential(String token) {
        this.tokenHash = sha256(token);
    }

    /**
     * @param property        the configuration prefix, for messages ({@code sessionflow.admin})
     * @param configuredToken the configured token, or null
     * @param tokenFile       where a token is generated when none is configured
     */
    public static BearerCredential load(String property, String configuredToken, Path tokenFile) {
        return of(TokenFile.configuredOrGenerated(property, configuredToken, tokenFile));
    }

    public static BearerCredential of(String token) {
        return new BearerCredential(token);
    }

    /** @param authorization the request's {@code Authorization} header, possibly null */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(
                tokenHash, sha256(authorization.substring(BEARER.length()).trim()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BearerCredential[redacted]";
    }
}
