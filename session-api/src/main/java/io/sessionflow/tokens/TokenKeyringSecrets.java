package io.sessionflow.tokens;

/**
 * Reads the secrets of a {@link TokenKeyring} from outside this package, so that the API key pepper
 * is loaded (configured, or generated into the data directory) by the keyring's own code instead of
 * a copy of it.
 */
public final class TokenKeyringSecrets {

    private TokenKeyringSecrets() {
    }

    /** @return a copy of the secret, or null for an unknown id */
    public static byte[] secret(TokenKeyring keyring, String id) {
        byte[] secret = keyring.secret(id);
        return secret == null ? null : secret.clone();
    }
}
