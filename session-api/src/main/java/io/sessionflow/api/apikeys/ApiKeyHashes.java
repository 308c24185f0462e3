package io.sessionflow.api.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.sessionflow.api.Sha256;
import io.sessionflow.schemas.secrets.HmacSha256;
import io.sessionflow.schemas.secrets.Keyring;

/**
 * How API keys are kept and found: a key the service generated is kept as its HMAC-SHA256 under a
 * server secret, the pepper (by pepper id, so that peppers rotate); a key imported as a bare SHA-256
 * is kept as that. A presented key is hashed every way ({@link #candidates}) and each hash looked up
 * in the catalog, where an entry is keyed by its hash: the lookup is by a value the caller cannot
 * compute without the pepper, so its timing tells nothing useful, and the one comparison that
 * follows ({@link #matches}) is constant-time. Without the pepper, a reader of the catalog topic
 * cannot test guesses against a generated key's hash.
 */
public final class ApiKeyHashes {

    private static final Pattern PEPPER_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    /** A hash of a presented key: under the pepper {@code pepperId}, or a plain SHA-256 when it is null. */
    public record Candidate(String hashHex, String pepperId) {}

    private final String activePepperId;
    private final Map<String, byte[]> peppers;

    public ApiKeyHashes(String activePepperId, Map<String, byte[]> peppers) {
        if (!peppers.containsKey(activePepperId)) {
            throw new IllegalArgumentException("The active API key pepper '" + activePepperId + "' is not configured");
        }
        peppers.keySet().forEach(id -> {
            if (!PEPPER_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("API key pepper id '" + id + "' does not match " + PEPPER_ID);
            }
        });
        this.activePepperId = activePepperId;
        this.peppers = Map.copyOf(peppers);
    }

    /**
     * The configured peppers, or one generated into {@code pepperFile}: a {@link Keyring} (same
     * format, checks and owner-only file as the other server secrets).
     */
    public static ApiKeyHashes load(ApiKeyProperties properties) {
        Keyring keyring = Keyring.load(
                "API key pepper",
                "sessionflow.api-keys",
                properties.activePepperId(),
                properties.peppers(),
                properties.pepperFile());
        Map<String, byte[]> peppers = new LinkedHashMap<>();
        keyring.keyIds().forEach(id -> peppers.put(id, keyring.secret(id)));
        return new ApiKeyHashes(keyring.activeKeyId(), peppers);
    }

    public String activePepperId() {
        return activePepperId;
    }

    /** The HMAC-SHA256 (lower-case hex) a new key is kept as, under the active pepper. */
    public String hmacHex(String apiKey) {
        return hex(hmac(peppers.get(activePepperId), apiKey));
    }

    /** Every hash a stored key could be kept as: one per pepper, then the plain SHA-256 of an imported key. */
    public List<Candidate> candidates(String presentedKey) {
        List<Candidate> candidates = new ArrayList<>(peppers.size() + 1);
        peppers.forEach((id, pepper) -> candidates.add(new Candidate(hex(hmac(pepper, presentedKey)), id)));
        candidates.add(new Candidate(Sha256.hex(presentedKey), null));
        return candidates;
    }

    /**
     * Whether an entry found by {@code candidate}'s hash was stored the same way: a generated key's
     * entry only matches its HMAC under its own pepper, an imported key's only its plain SHA-256.
     *
     * @param storedPepperId the entry's {@code hmacKeyId} (null for an imported key)
     * @param storedHash     the entry's {@code hmac}, or its {@code keySha256} for an imported key
     */
    public static boolean matches(Candidate candidate, String storedPepperId, String storedHash) {
        if (storedHash == null
                || (candidate.pepperId() == null
                        ? storedPepperId != null
                        : !candidate.pepperId().equals(storedPepperId))) {
            return false;
        }
        return MessageDigest.isEqual(
                candidate.hashHex().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** How an entry keeps its key: {@code hmacKeyId} and {@code hmac} of a generated key, {@code keySha256} of an imported one. */
    public record Stored(String hmacKeyId, String hmac, String keySha256) {}

    /**
     * The entry of a presented key: each candidate hash looked up with {@code byHash} (all of them, so
     * that every key costs the same), the entry kept only if it was stored that way.
     */
    public <T> Optional<T> lookUp(
            String presentedKey, Function<String, Optional<T>> byHash, Function<T, Stored> stored) {
        T found = null;
        for (Candidate candidate : candidates(presentedKey)) {
            Optional<T> entry = byHash.apply(candidate.hashHex());
            if (entry.isPresent() && found == null) {
                Stored how = stored.apply(entry.get());
                if (matches(candidate, how.hmacKeyId(), how.hmacKeyId() == null ? how.keySha256() : how.hmac())) {
                    found = entry.get();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * A short, stable, keyed fingerprint of a credential (the admin token), to name it in the audit log
     * without it: 64 bits of HMAC-SHA256 under the active pepper, with a purpose label.
     */
    public String fingerprint(String purpose, String secret) {
        return hex(hmac(peppers.get(activePepperId), "sessionflow credential fingerprint:" + purpose + ":" + secret))
                .substring(0, 16);
    }

    private static byte[] hmac(byte[] pepper, String text) {
        return HmacSha256.of(pepper, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
