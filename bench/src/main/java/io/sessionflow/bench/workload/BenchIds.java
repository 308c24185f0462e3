package io.sessionflow.bench.workload;

import java.security.SecureRandom;
import java.util.Map;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.schemas.secrets.Keyring;

/**
 * The id keys the pre-built request events are keyed with, as the API would key them. Any secret
 * will do: only the API derives keys and compares fingerprints, the processor takes them as they come.
 */
final class BenchIds {

    static final SessionKeys KEYS = new SessionKeys(new Keyring("Bench id", null, Map.of("bench", randomSecret())));

    private BenchIds() {}

    private static byte[] randomSecret() {
        byte[] secret = new byte[Keyring.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
