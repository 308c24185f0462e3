package io.sessionflow.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.sessionflow.secrets.TokenFile;

/**
 * The management port's bearer credential ({@code sessionflow.management.token}, or generated once into
 * {@code sessionflow.management.token-file}). Only its SHA-256 is held; a presented token is hashed and
 * compared in constant time.
 */
public final class ManagementCredential {

    private final byte[] tokenHash;

    private ManagementCredential(String token) {
        this.tokenHash = sha256(token);
    }

    public static ManagementCredential load(ManagementProperties properties) {
        return new ManagementCredential(TokenFile.configuredOrGenerated("sessionflow.management", properties.token(),
                properties.tokenFile()));
    }

    /** @param authorization the request's {@code Authorization} header, possibly null */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenHash, sha256(authorization.substring(7).trim()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ManagementCredential[redacted]";
    }
}
