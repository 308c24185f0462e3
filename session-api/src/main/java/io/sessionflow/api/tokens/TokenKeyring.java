package io.sessionflow.api.tokens;

import java.nio.file.Path;
import java.util.Map;

import io.sessionflow.schemas.secrets.Keyring;

/**
 * The HMAC keys session tokens are signed with, by key id: one active key signs, every listed key
 * verifies (so keys can be rotated without logging anyone out). Configured as
 * {@code sessionflow.tokens.keys.<id>}, or generated into the token key file: see {@link Keyring}.
 */
public final class TokenKeyring {

    public static final int MIN_SECRET_BYTES = Keyring.MIN_SECRET_BYTES;
    private static final String WHAT = "Session token";

    private final Keyring keys;

    public TokenKeyring(String activeKeyId, Map<String, byte[]> secrets) {
        this(new Keyring(WHAT, activeKeyId, secrets));
    }

    private TokenKeyring(Keyring keys) {
        this.keys = keys;
    }

    /** From base64 secrets by key id; or, when there are none, from (or into) {@code keyFile}. */
    public static TokenKeyring load(String activeKeyId, Map<String, String> base64Secrets, Path keyFile) {
        return new TokenKeyring(Keyring.load(WHAT, "sessionflow.tokens", activeKeyId, base64Secrets, keyFile));
    }

    public String activeKeyId() {
        return keys.activeKeyId();
    }

    byte[] activeSecret() {
        return keys.activeSecret();
    }

    /** @return the secret, or null for an unknown key id */
    byte[] secret(String keyId) {
        return keys.secret(keyId);
    }
}
