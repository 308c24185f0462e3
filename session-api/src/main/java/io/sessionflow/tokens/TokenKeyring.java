package io.sessionflow.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The HMAC keys session tokens are signed with, by key id: one active key signs, every listed key
 * verifies (so keys can be rotated without logging anyone out). Secrets come from configuration and
 * must have at least 256 bits. Without configured keys, a random key is generated once into a key
 * file beside the app's data, so that the laptop default works and tokens survive a restart; a
 * cluster of instances must configure the same keys on every instance.
 */
public final class TokenKeyring {

    public static final int MIN_SECRET_BYTES = 32;

    private final String activeKeyId;
    private final Map<String, byte[]> secrets;

    public TokenKeyring(String activeKeyId, Map<String, byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("No session token keys are configured");
        }
        secrets.forEach((id, secret) -> {
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("Session token key '" + id + "' has " + secret.length * 8
                        + " bits; at least " + MIN_SECRET_BYTES * 8 + " are required");
            }
        });
        String active = activeKeyId == null || activeKeyId.isBlank() ? secrets.keySet().iterator().next() : activeKeyId;
        if (!secrets.containsKey(active)) {
            throw new IllegalArgumentException("The active session token key '" + active + "' is not configured");
        }
        this.activeKeyId = active;
        this.secrets = Map.copyOf(secrets);
    }

    /** From base64 secrets by key id; or, when there are none, from (or into) {@code keyFile}. */
    public static TokenKeyring load(String activeKeyId, Map<String, String> base64Secrets, Path keyFile) {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        if (base64Secrets != null) {
            base64Secrets.forEach((id, secret) -> secrets.put(id, decode(id, secret)));
        }
        if (!secrets.isEmpty()) {
            return new TokenKeyring(activeKeyId, secrets);
        }
        if (keyFile == null) {
            throw new IllegalArgumentException("No session token keys are configured (sessionflow.tokens.keys)");
        }
        return fromKeyFile(keyFile);
    }

    private static TokenKeyring fromKeyFile(Path keyFile) {
        try {
            Properties properties = new Properties();
            if (Files.exists(keyFile)) {
                try (InputStream in = Files.newInputStream(keyFile)) {
                    properties.load(in);
                }
            } else {
                byte[] secret = new byte[MIN_SECRET_BYTES];
                new SecureRandom().nextBytes(secret);
                properties.setProperty("generated-1", Base64.getEncoder().encodeToString(secret));
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                Files.createFile(keyFile);
                try {
                    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system's own permissions apply
                }
                try (OutputStream out = Files.newOutputStream(keyFile)) {
                    properties.store(out, "sessionflow session token keys (generated; keep secret)");
                }
            }
            Map<String, byte[]> secrets = new LinkedHashMap<>();
            properties.stringPropertyNames().stream().sorted()
                    .forEach(id -> secrets.put(id, decode(id, properties.getProperty(id))));
            return new TokenKeyring(null, secrets);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the session token key file " + keyFile, e);
        }
    }

    private static byte[] decode(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Session token key '" + id + "' is not valid base64");
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    byte[] activeSecret() {
        return secrets.get(activeKeyId);
    }

    /** @return the secret, or null for an unknown key id */
    byte[] secret(String keyId) {
        return secrets.get(keyId);
    }
}
