package io.sessionflow.api.apikeys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A new API key: 256 bits from {@link SecureRandom} behind the provider's visible prefix
 * ({@code alg_}, {@code zsk_}), and a public id for it that is not derived from the key (how operators
 * revoke it and the audit log names it).
 *
 * @param id     64 random bits, hex: public
 * @param apiKey the key: shown once to the operator, never stored
 */
public record GeneratedApiKey(String id, String apiKey) {

    static final int KEY_BYTES = 32;
    private static final int ID_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static GeneratedApiKey generate(String prefix) {
        byte[] key = new byte[KEY_BYTES];
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(id);
        return new GeneratedApiKey(
                HexFormat.of().formatHex(id),
                prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    }

    @Override
    public String toString() {
        return "GeneratedApiKey[id=" + id + "]";
    }
}
