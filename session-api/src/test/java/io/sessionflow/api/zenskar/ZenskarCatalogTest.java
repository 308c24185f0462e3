package io.sessionflow.api.zenskar;

import static io.sessionflow.api.catalog.CatalogYaml.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;

import io.sessionflow.api.catalog.CatalogFile;
import io.sessionflow.schemas.zenskar.ZenskarApiKey;
import io.sessionflow.schemas.zenskar.ZenskarCustomer;
import io.sessionflow.schemas.zenskar.ZenskarOrganisation;
import org.junit.jupiter.api.Test;

class ZenskarCatalogTest {

    private static final String KEY_HASH = "8E361BF8540D36FC562EA0BE78B2B02992D6ECD9BAF850A713095D149AAD8535";

    @Test
    void anOrganisationBecomesOneEntryPerOrganisationKeyAndCustomerInLowerCase() throws IOException {
        Map<String, Object> entries = entries("""
                zenskar:
                  organisations:
                    - id: 3F2A9C4E-8B1D-4E6F-A7C2-5D9E0B1F4A36
                      name: Acme Billing
                      portalUrl: https://portal.acme-billing.example/
                      apiKeys:
                        - sha256: %s
                          label: demo
                      customers:
                        - id: B7E4C1A2-5F3D-4A8B-9C6E-1D2F3A4B5C6D
                """.formatted(KEY_HASH));

        String org = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
        assertThat(entries)
                .containsOnlyKeys(
                        "zenskar:organisation:" + org,
                        "zenskar:api-key:" + KEY_HASH.toLowerCase(),
                        "zenskar:customer:b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d");
        assertThat(entries.get("zenskar:organisation:" + org))
                .isEqualTo(ZenskarOrganisation.newBuilder()
                        .setOrganisationId(org)
                        .setName("Acme Billing")
                        .setPortalUrl("https://portal.acme-billing.example")
                        .build());
        assertThat(((ZenskarApiKey) entries.get("zenskar:api-key:" + KEY_HASH.toLowerCase())).getOrganisationId())
                .isEqualTo(org);
        assertThat(((ZenskarCustomer) entries.get("zenskar:customer:b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d"))
                        .getOrganisationId())
                .isEqualTo(org);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> entries("""
                zenskar:
                  organisations:
                    - id: not-a-uuid
                      portalUrl: https://a.example
                    - id: 3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36
                      portalUrl: https://a.example
                      apiKeys:
                        - sha256: zsk_demo_plaintext_key
                      customers:
                        - id: c1
                    - id: 9d4b2e71-6c3a-4f08-b5e1-2a7c9f0d8e14
                      portalUrl: https://a.example/?tab=x
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not-a-uuid' is not a UUID")
                .hasMessageContaining("sha256 must be 64 hex digits")
                .hasMessageContaining("customer id 'c1' is not a UUID")
                .hasMessageContaining("portalUrl must be an absolute http(s) URL without query or fragment")
                .hasMessageNotContaining("zsk_demo_plaintext_key");
    }

    @Test
    void aKeyOrCustomerListedTwiceIsRefused() {
        assertThatThrownBy(() -> entries("""
                zenskar:
                  organisations:
                    - id: 3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36
                      portalUrl: https://a.example
                      apiKeys: [{sha256: %1$s}]
                      customers: [{id: b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d}]
                    - id: 9d4b2e71-6c3a-4f08-b5e1-2a7c9f0d8e14
                      portalUrl: https://b.example
                      apiKeys: [{sha256: %1$s}]
                      customers: [{id: B7E4C1A2-5F3D-4A8B-9C6E-1D2F3A4B5C6D}]
                """.formatted(KEY_HASH)))
                .hasMessageContaining("is listed more than once")
                .hasMessageContaining("customer b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d is listed more than once");
    }

    @Test
    void anUnknownFieldIsRefusedAndAnEmptyFileHasNoEntries() {
        assertThatThrownBy(() -> entries("""
                zenskar:
                  organisations:
                    - id: 3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36
                      portalURL: https://a.example
                """)).hasMessageContaining("portalURL");
        assertThat(new CatalogFile(Map.of()).entries()).isEmpty();
    }
}
