package io.sessionflow.schemas.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Server secrets by key id with one active key: the active key makes new values (signatures, HMACs),
 * every listed key still verifies, so keys rotate without invalidating what the old ones made.
 * Secrets come from configuration ({@code <prefix>.keys.<id>}, base64, at least 256 bits); without
 * configured keys one random key is generated once into a key file in the data directory (owner-only,
 * see {@link SecretFiles}), so that the laptop default works and survives a restart. A cluster of
 * instances must configure the same keys on every instance.
 */
public final class Keyring {

    public static final int MIN_SECRET_BYTES = 32;

    private final String activeKeyId;
    private final Map<String, byte[]> secrets;

    /**
     * @param what        what the keys are for, for messages ("Session token")
     * @param activeKeyId the active key id; null or blank: the first key
     */
    public Keyring(String what, String activeKeyId, Map<String, byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("No " + what + " keys are configured");
        }
        secrets.forEach((id, secret) -> {
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(what + " key '" + id + "' has " + secret.length * 8
                        + " bits; at least " + MIN_SECRET_BYTES * 8 + " are required");
            }
        });
        String active = activeKeyId == null || activeKeyId.isBlank()
                ? secrets.keySet().iterator().next()
                : activeKeyId;
        if (!secrets.containsKey(active)) {
            throw new IllegalArgumentException("The active " + what + " key '" + active + "' is not configured");
        }
        this.activeKeyId = active;
        this.secrets = Map.copyOf(secrets);
    }

    /**
     * From base64 secrets by key id; or, when there are none, from (or into) {@code keyFile}.
     *
     * @param what     what the keys are for, for messages
     * @param property the configuration prefix, for messages ({@code sessionflow.tokens})
     */
    public static Keyring load(
            String what, String property, String activeKeyId, Map<String, String> base64Secrets, Path keyFile) {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        if (base64Secrets != null) {
            base64Secrets.forEach((id, secret) -> secrets.put(id, decode(what, id, secret)));
        }
        if (!secrets.isEmpty()) {
            return new Keyring(what, activeKeyId, secrets);
        }
        if (keyFile == null) {
            throw new IllegalArgumentException("No " + what + " keys are configured (" + property + ".keys)");
        }
        return fromKeyFile(what, keyFile);
    }

    private static Keyring fromKeyFile(String what, Path keyFile) {
        try {
            byte[] content = SecretFiles.readOrCreate(keyFile, () -> generatedKeyFile(what));
            Properties properties = new Properties();
            properties.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
            Map<String, byte[]> secrets = new LinkedHashMap<>();
            properties.stringPropertyNames().stream()
                    .sorted()
                    .forEach(id -> secrets.put(id, decode(what, id, properties.getProperty(id))));
            return new Keyring(what, null, secrets);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + what + " key file " + keyFile, e);
        }
    }

    private static byte[] generatedKeyFile(String what) {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        Properties properties = new Properties();
        properties.setProperty("generated-1", Base64.getEncoder().encodeToString(secret));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            properties.store(out, "sessionflow " + what + " keys (generated; keep secret)");
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return out.toByteArray();
    }

    private static byte[] decode(String what, String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " key '" + id + "' is not valid base64");
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Every key id, the active one among them. */
    public Set<String> keyIds() {
        return secrets.keySet();
    }

    /** @return a copy of the active key's secret */
    public byte[] activeSecret() {
        return secrets.get(activeKeyId).clone();
    }

    /** @return a copy of the secret, or null for an unknown key id */
    public byte[] secret(String keyId) {
        byte[] secret = keyId == null ? null : secrets.get(keyId);
        return secret == null ? null : secret.clone();
    }

    /** @return HMAC-SHA256 of {@code input} under the key {@code keyId}, or null for an unknown key id */
    public byte[] hmac(String keyId, byte[] input) {
        byte[] secret = keyId == null ? null : secrets.get(keyId);
        if (secret == null) {
            return null;
        }
        return HmacSha256.of(secret, input);
    }
}
