package io.sessionflow.api.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.sessionflow.api.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyHashesTest {

    private static final byte[] PEPPER_A = filled(0x0a);
    private static final byte[] PEPPER_B = filled(0x0b);

    private static byte[] filled(int value) {
        byte[] pepper = new byte[32];
        java.util.Arrays.fill(pepper, (byte) value);
        return pepper;
    }

    @Test
    void theHmacIsHmacSha256OfTheKeysUtf8BytesInLowerCaseHex() {
        // RFC 4231, test case 1: key 20 x 0x0b, data "Hi There"
        byte[] rfcKey = new byte[20];
        java.util.Arrays.fill(rfcKey, (byte) 0x0b);
        ApiKeyHashes hashes = new ApiKeyHashes("rfc", Map.of("rfc", rfcKey));

        assertThat(hashes.hmacHex("Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void aPresentedKeyIsHashedUnderEveryPepperThenAsAPlainSha256() {
        Map<String, byte[]> peppers = new LinkedHashMap<>();
        peppers.put("a", PEPPER_A);
        peppers.put("b", PEPPER_B);
        ApiKeyHashes hashes = new ApiKeyHashes("b", peppers);

        assertThat(hashes.candidates("zsk_x"))
                .containsExactlyInAnyOrder(
                        new ApiKeyHashes.Candidate(new ApiKeyHashes("a", Map.of("a", PEPPER_A)).hmacHex("zsk_x"), "a"),
                        new ApiKeyHashes.Candidate(hashes.hmacHex("zsk_x"), "b"),
                        new ApiKeyHashes.Candidate(Sha256.hex("zsk_x"), null));
        assertThat(hashes.hmacHex("zsk_x")).isNotEqualTo(Sha256.hex("zsk_x"));
    }

    @Test
    void aStoredHashMatchesOnlyACandidateOfItsOwnKind() {
        ApiKeyHashes.Candidate hmac = new ApiKeyHashes.Candidate("ab", "a");
        ApiKeyHashes.Candidate sha256 = new ApiKeyHashes.Candidate("ab", null);

        assertThat(ApiKeyHashes.matches(hmac, "a", "ab")).isTrue();
        assertThat(ApiKeyHashes.matches(hmac, "b", "ab")).isFalse();
        assertThat(ApiKeyHashes.matches(hmac, null, "ab")).isFalse();
        assertThat(ApiKeyHashes.matches(sha256, null, "ab")).isTrue();
        assertThat(ApiKeyHashes.matches(sha256, "a", "ab")).isFalse();
        assertThat(ApiKeyHashes.matches(sha256, null, "ac")).isFalse();
        assertThat(ApiKeyHashes.matches(sha256, null, null)).isFalse();
    }

    @Test
    void aCredentialFingerprintIsShortStableKeyedAndNotTheSecret() {
        ApiKeyHashes a = new ApiKeyHashes("a", Map.of("a", PEPPER_A));
        ApiKeyHashes b = new ApiKeyHashes("b", Map.of("b", PEPPER_B));
        String token = "test-admin-token-0123456789abcdef0123";

        assertThat(a.fingerprint("admin-token", token))
                .hasSize(16)
                .matches("[0-9a-f]{16}")
                .isEqualTo(a.fingerprint("admin-token", token))
                .isNotEqualTo(a.fingerprint("admin-token", token + "x"))
                .isNotEqualTo(b.fingerprint("admin-token", token))
                .isNotEqualTo(Sha256.hex(token).substring(0, 16));
    }

    @Test
    void withoutConfiguredPeppersOneIsGeneratedOnceIntoThePepperFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("api-key-peppers.properties");
        ApiKeyHashes first = ApiKeyHashes.load(new ApiKeyProperties(null, null, file));
        ApiKeyHashes again = ApiKeyHashes.load(new ApiKeyProperties(Map.of(), null, file));

        assertThat(file).exists();
        assertThat(again.activePepperId()).isEqualTo(first.activePepperId());
        assertThat(again.hmacHex("alg_x")).isEqualTo(first.hmacHex("alg_x"));
        assertThat(Files.readString(file)).doesNotContain("alg_x");
    }

    @Test
    void configuredPeppersNameTheActiveOneAndKeepTheOthersForRotation() {
        String a = Base64.getEncoder().encodeToString(PEPPER_A);
        String b = Base64.getEncoder().encodeToString(PEPPER_B);
        ApiKeyHashes hashes = ApiKeyHashes.load(new ApiKeyProperties(Map.of("old", a, "new", b), "new", null));

        assertThat(hashes.activePepperId()).isEqualTo("new");
        assertThat(hashes.candidates("k"))
                .extracting(ApiKeyHashes.Candidate::pepperId)
                .containsExactlyInAnyOrder("old", "new", null);
        assertThatThrownBy(() -> ApiKeyHashes.load(new ApiKeyProperties(
                        Map.of("short", Base64.getEncoder().encodeToString(new byte[16])), null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
    }

    @Test
    void generatedKeysHave256RandomBitsBehindTheProviderPrefixAndAPublicIdOfTheirOwn() {
        Set<String> keys = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            GeneratedApiKey key = GeneratedApiKey.generate("alg_");
            assertThat(key.apiKey()).startsWith("alg_").matches("alg_[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(key.apiKey().substring(4))).hasSize(32);
            assertThat(key.id()).matches("[0-9a-f]{16}");
            assertThat(key.toString()).doesNotContain(key.apiKey());
            keys.add(key.apiKey());
            ids.add(key.id());
        }
        assertThat(keys).hasSize(1000);
        assertThat(ids).hasSize(1000);
    }
}
