package io.sessionflow.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.algoreg.AlgoregScenario;
import io.sessionflow.schemas.algoreg.AlgoregTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The catalog file's algoreg section: scenarios with their languages, API keys only as SHA-256. */
class CatalogFileAlgoregTest {

    private static final String HASH = "a3b2f2156ccdf705e74d428eadf3372f3b91138e2d759455d33bb1ec982b645e";

    private static Map<String, Object> entries(String yaml) throws IOException {
        return AllCatalogSections.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .entries();
    }

    @Test
    void aTenantBecomesATenantEntryAndOneEntryPerKeyHash() throws IOException {
        Map<String, Object> entries = entries("""
                algoreg:
                  tenants:
                    - id: northwind-bank
                      name: Northwind Bank
                      apiKeys:
                        - sha256: %s
                          label: demo
                      scenarios:
                        - code: default
                          name: Standard onboarding
                          languages: [fr-FR, en-GB]
                        - code: kyc-light
                          languages: [en-GB]
                """.formatted(HASH));

        assertThat(entries).containsOnlyKeys("algoreg:tenant:northwind-bank", "algoreg:api-key:" + HASH);
        AlgoregTenant tenant = (AlgoregTenant) entries.get("algoreg:tenant:northwind-bank");
        assertThat(tenant.getName()).isEqualTo("Northwind Bank");
        assertThat(tenant.getScenarios())
                .containsExactly(
                        AlgoregScenario.newBuilder()
                                .setCode("default")
                                .setName("Standard onboarding")
                                .setLanguages(List.of("fr-FR", "en-GB"))
                                .build(),
                        AlgoregScenario.newBuilder()
                                .setCode("kyc-light")
                                .setName("kyc-light")
                                .setLanguages(List.of("en-GB"))
                                .build());
        assertThat(entries.get("algoreg:api-key:" + HASH))
                .isEqualTo(AlgoregApiKey.newBuilder()
                        .setKeySha256(HASH)
                        .setTenantId("northwind-bank")
                        .setLabel("demo")
                        .build());
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> entries("""
                algoreg:
                  tenants:
                    - id: "north:wind"
                    - id: globex
                      apiKeys:
                        - sha256: alg_demo_plaintext_key
                        - sha256: %1$s
                        - sha256: %1$s
                      scenarios:
                        - code: default
                          languages: []
                        - code: default
                          languages: [en_GB, en-GB, EN-gb]
                        - code: "kyc light"
                          languages: [en-GB]
                """.formatted(HASH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("algoreg tenant 'north:wind': the id must match")
                .hasMessageContaining("scenario 'default' enables no language")
                .hasMessageContaining("scenario 'default' appears twice")
                .hasMessageContaining("language 'en_GB' is not a well-formed BCP-47 tag")
                .hasMessageContaining("lists language 'EN-gb' twice")
                .hasMessageContaining("scenario code 'kyc light' does not match")
                .hasMessageContaining("sha256 must be 64 hex digits")
                .hasMessageContaining("API key " + HASH + " is listed twice");
    }

    @Test
    void unknownFieldsAreRefusedSoThatAPlaintextKeyFieldCannotSlipIn() {
        assertThatThrownBy(() -> entries("""
                algoreg:
                  tenants:
                    - id: globex
                      apiKeys:
                        - key: alg_demo_plaintext_key
                """))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .satisfies(e -> assertThat(((UnrecognizedPropertyException) e).getPropertyName())
                        .isEqualTo("key"));
    }
}
