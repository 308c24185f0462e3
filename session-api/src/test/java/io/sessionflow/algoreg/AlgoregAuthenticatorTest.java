package io.sessionflow.algoreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import io.sessionflow.api.Sha256;
import io.sessionflow.algoreg.AlgoregAuthenticator.Authenticated;
import io.sessionflow.algoreg.AlgoregAuthenticator.Refused;
import io.sessionflow.algoreg.AlgoregAuthenticator.Unavailable;
import io.sessionflow.catalog.CatalogQueries;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlgoregAuthenticatorTest {

    private static final String KEY = "algoreg-test-key-1";
    /** printf '%s' algoreg-test-key-1 | sha256sum */
    private static final String KEY_SHA256 = Sha256.hex(KEY);

    private final Map<String, AlgoregApiKey> catalog = Map.of(KEY_SHA256,
            AlgoregApiKey.newBuilder().setKeySha256(KEY_SHA256).setTenantId("northwind").setLabel("test").build());
    private final AlgoregAuthenticator authenticator =
            new AlgoregAuthenticator(hash -> Optional.ofNullable(catalog.get(hash)));

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCatalogIsAskedForTheKeysSha256InLowerCaseHex() {
        assertThat(Sha256.hex("password"))
                .isEqualTo("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
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
    @ValueSource(strings = {"Bearer wrong-key", "Bearer ", "Bearer", "Basic !!!not-base64!!!", "Basic ",
            "Basic bm9ydGh3aW5k", "Basic Om5vcnRod2luZA==", "Basic bm9ydGh3aW5kOg=="})
    void aWrongOrMalformedCredentialIsRefusedWithoutSayingWhy(String header) {
        assertThat(authenticator.authenticate(header)).isEqualTo(new Refused("Invalid credentials"));
    }

    @Test
    void anOverlongCredentialIsRefusedBeforeItIsHashed() {
        assertThat(authenticator.authenticate("Bearer " + "k".repeat(513))).isEqualTo(new Refused("Invalid credentials"));
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
        AlgoregAuthenticator starting = new AlgoregAuthenticator(AlgoregAuthenticator.ApiKeys.of(notStarted));

        assertThat(starting.authenticate("Bearer " + KEY)).isEqualTo(new Unavailable());
    }
}
