package io.sessionflow.api.algoreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import io.sessionflow.api.Sha256;
import io.sessionflow.api.algoreg.AlgoregAuthenticator.Authenticated;
import io.sessionflow.api.algoreg.AlgoregAuthenticator.Refused;
import io.sessionflow.api.algoreg.AlgoregAuthenticator.Unavailable;
import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlgoregAuthenticatorTest {

    private static final String KEY = "algoreg-test-key-1";
    /** printf '%s' algoreg-test-key-1 | sha256sum */
    private static final String KEY_SHA256 = Sha256.hex(KEY);

    private static final String GENERATED_KEY = "alg_generated-test-key";
    private static final ApiKeyHashes OLD_PEPPER = new ApiKeyHashes("p1", Map.of("p1", pepper(1)));
    /** p2 is active now; p1, which the generated key was hashed under, still authenticates */
    private static final ApiKeyHashes ROTATED = new ApiKeyHashes("p2", Map.of("p1", pepper(1), "p2", pepper(2)));

    private static final String GENERATED_HMAC = OLD_PEPPER.hmacHex(GENERATED_KEY);

    private final Map<String, AlgoregApiKey> catalog = Map.of(
            KEY_SHA256,
                    AlgoregApiKey.newBuilder()
                            .setKeySha256(KEY_SHA256)
                            .setTenantId("northwind")
                            .setLabel("test")
                            .build(),
            GENERATED_HMAC,
                    AlgoregApiKey.newBuilder()
                            .setKeySha256(null)
                            .setTenantId("globex")
                            .setLabel("generated")
                            .setKeyId("0123456789abcdef")
                            .setHmacKeyId("p1")
                            .setHmac(GENERATED_HMAC)
                            .build());
    private final AlgoregAuthenticator authenticator =
            new AlgoregAuthenticator(hash -> Optional.ofNullable(catalog.get(hash)), ROTATED);

    private static byte[] pepper(int fill) {
        byte[] pepper = new byte[32];
        java.util.Arrays.fill(pepper, (byte) fill);
        return pepper;
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCatalogIsAskedForTheKeysSha256InLowerCaseHex() {
        assertThat(Sha256.hex("password"))
                .isEqualTo("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
    }

    @Test
    void aGeneratedKeyAuthenticatesByItsHmacUnderThePepperItWasHashedUnder() {
        assertThat(authenticator.authenticate("Bearer " + GENERATED_KEY)).isEqualTo(new Authenticated("globex"));
        assertThat(authenticator.authenticate(basic("globex:" + GENERATED_KEY))).isEqualTo(new Authenticated("globex"));
    }

    @Test
    void aGeneratedKeyIsUnknownWithoutItsPepper() {
        AlgoregAuthenticator otherPepper = new AlgoregAuthenticator(
                hash -> Optional.ofNullable(catalog.get(hash)), new ApiKeyHashes("p2", Map.of("p2", pepper(2))));

        assertThat(otherPepper.authenticate("Bearer " + GENERATED_KEY)).isEqualTo(new Refused("Invalid credentials"));
        assertThat(otherPepper.authenticate("Bearer " + KEY)).isEqualTo(new Authenticated("northwind"));
    }

    @Test
    void theSha256OfAGeneratedKeyIsNotAKey() {
        // an entry found by a hash only counts when it was stored that way: a generated key's entry never
        // answers a plain SHA-256 lookup, nor an imported key's entry an HMAC lookup
        Map<String, AlgoregApiKey> swapped = Map.of(
                Sha256.hex(GENERATED_KEY), catalog.get(GENERATED_HMAC),
                ROTATED.hmacHex(KEY), catalog.get(KEY_SHA256));
        AlgoregAuthenticator confused =
                new AlgoregAuthenticator(hash -> Optional.ofNullable(swapped.get(hash)), ROTATED);

        assertThat(confused.authenticate("Bearer " + GENERATED_KEY)).isEqualTo(new Refused("Invalid credentials"));
        assertThat(confused.authenticate("Bearer " + KEY)).isEqualTo(new Refused("Invalid credentials"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + KEY, "bearer " + KEY, "BEARER  " + KEY + " ", "  Bearer " + KEY})
    void aBearerKeyAuthenticatesAsItsTenant(String header) {
        assertThat(authenticator.authenticate(header)).isEqualTo(new Authenticated("northwind"));
    }

    @Test
    void basicWithTheKeysTenantAuthenticates() {
        assertThat(authenticator.authenticate(basic("northwind:" + KEY))).isEqualTo(new Authenticated("northwind"));
        assertThat(authenticator.authenticate(basic("northwind:" + KEY).replace("Basic", "basic")))
                .isEqualTo(new Authenticated("northwind"));
    }

    @Test
    void basicWithAnotherTenantIsRefusedLikeAWrongKey() {
        assertThat(authenticator.authenticate(basic("globex:" + KEY))).isEqualTo(new Refused("Invalid credentials"));
        assertThat(authenticator.authenticate(basic("Northwind:" + KEY))).isEqualTo(new Refused("Invalid credentials"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer wrong-key",
                "Bearer ",
                "Bearer",
                "Basic !!!not-base64!!!",
                "Basic ",
                "Basic bm9ydGh3aW5k",
                "Basic Om5vcnRod2luZA==",
                "Basic bm9ydGh3aW5kOg=="
            })
    void aWrongOrMalformedCredentialIsRefusedWithoutSayingWhy(String header) {
        assertThat(authenticator.authenticate(header)).isEqualTo(new Refused("Invalid credentials"));
    }

    @Test
    void anOverlongCredentialIsRefusedBeforeItIsHashed() {
        assertThat(authenticator.authenticate("Bearer " + "k".repeat(513)))
                .isEqualTo(new Refused("Invalid credentials"));
    }

    @Test
    void noCredentialAsksForOne() {
        assertThat(authenticator.authenticate(null)).isEqualTo(new Refused(AlgoregAuthenticator.MISSING));
        assertThat(authenticator.authenticate("  ")).isEqualTo(new Refused(AlgoregAuthenticator.MISSING));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Token " + KEY, "Digest username=\"x\"", KEY})
    void anotherSchemeIsUnsupported(String header) {
        assertThat(authenticator.authenticate(header)).isEqualTo(new Refused(AlgoregAuthenticator.UNSUPPORTED));
    }

    @Test
    void anUnreadableCatalogIsUnavailableNotARefusal() {
        CatalogQueries notStarted = new CatalogQueries(() -> null);
        AlgoregAuthenticator starting = new AlgoregAuthenticator(AlgoregAuthenticator.ApiKeys.of(notStarted), ROTATED);

        assertThat(starting.authenticate("Bearer " + KEY)).isEqualTo(new Unavailable());
    }
}
