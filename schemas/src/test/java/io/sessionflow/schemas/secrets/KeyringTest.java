package io.sessionflow.schemas.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {

    private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = Base64.getEncoder().encodeToString(filled(7));

    @TempDir
    Path folder;

    @Test
    void configuredKeysWinAndTheActiveKeyIsTheNamedOne() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("old", OLD);
        keys.put("new", NEW);

        Keyring keyring = Keyring.load("Id", "sessionflow.ids", "new", keys, folder.resolve("never-written"));

        assertThat(keyring.activeKeyId()).isEqualTo("new");
        assertThat(keyring.activeSecret()).isEqualTo(filled(7));
        assertThat(keyring.secret("old")).isEqualTo(new byte[32]);
        assertThat(keyring.secret("unknown")).isNull();
        assertThat(Files.exists(folder.resolve("never-written"))).isFalse();
    }

    @Test
    void withoutAnActiveKeyIdTheFirstConfiguredKeyIsActive() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("a", OLD);
        keys.put("b", NEW);

        assertThat(Keyring.load("Id", "sessionflow.ids", null, keys, null).activeKeyId())
                .isEqualTo("a");
    }

    @Test
    void macsDifferByKeyAndAnUnknownKeyMakesNone() {
        Keyring keyring = Keyring.load("Id", "sessionflow.ids", "new", Map.of("old", OLD, "new", NEW), null);
        byte[] input = "x".getBytes(StandardCharsets.UTF_8);

        assertThat(keyring.hmac("new", input))
                .hasSize(32)
                .isEqualTo(keyring.hmac("new", input))
                .isNotEqualTo(keyring.hmac("old", input));
        assertThat(keyring.hmac("gone", input)).isNull();
    }

    @Test
    void shortOrInvalidOrMissingKeysAreRefusedAtStart() {
        String short128 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> Keyring.load("Id", "sessionflow.ids", null, Map.of("k", short128), null))
                .hasMessageContaining("at least 256");
        assertThatThrownBy(() -> Keyring.load("Id", "sessionflow.ids", null, Map.of("k", "not base64!"), null))
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> Keyring.load("Id", "sessionflow.ids", "other", Map.of("k", OLD), null))
                .hasMessageContaining("'other' is not configured");
        assertThatThrownBy(() -> Keyring.load("Id", "sessionflow.ids", null, Map.of(), null))
                .hasMessageContaining("sessionflow.ids.keys");
    }

    @Test
    void withoutConfiguredKeysOneIsGeneratedOwnerOnlyAndKeptAcrossRestarts() throws IOException {
        Path keyFile = folder.resolve("data/id-keys.properties");

        Keyring first = Keyring.load("Id", "sessionflow.ids", null, null, keyFile);
        Keyring restarted = Keyring.load("Id", "sessionflow.ids", null, Map.of(), keyFile);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(first.activeSecret()).hasSize(32).isEqualTo(restarted.activeSecret());
        assertThat(restarted.activeKeyId()).isEqualTo(first.activeKeyId());
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
