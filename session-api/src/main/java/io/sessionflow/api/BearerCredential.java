package io.sessionflow.api;

import java.nio.file.Path;
import java.security.MessageDigest;

import io.sessionflow.secrets.TokenFile;

/**
 * A bearer token guarding an operator-facing endpoint (admin API, introspection, management). Configured,
 * or generated once into a file readable only by its owner ({@link TokenFile}), so that the laptop default
 * has a credential without a secret in code. Only its SHA-256 is held; a presented token is hashed and
 * compared in constant time.
 */
public final class BearerCredential {

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
        return new BearerCredential(TokenFile.configuredOrGenerated(property, configuredToken, tokenFile));
    }

    /** @param authorization the request's {@code Authorization} header, possibly null */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenHash, Sha256.of(authorization.substring(7).trim()));
    }

}
