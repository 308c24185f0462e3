package io.sessionflow.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Where a catalog document gives API keys as bare SHA-256: the paths the admin API names when it refuses them. */
class CatalogFileBareKeyHashesTest {

    private static final String HASH = "a3b2f2156ccdf705e74d428eadf3372f3b91138e2d759455d33bb1ec982b645e";

    private static CatalogFile parse(String yaml) throws IOException {
        return AllCatalogSections.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyApiKeyOfEveryProviderIsNamedByItsPathInDocumentOrder() throws IOException {
        CatalogFile document = parse("""
                algoreg:
                  tenants:
                    - id: a
                    - id: b
                      apiKeys: [{sha256: %1$s}, {sha256: %1$s, label: again}]
                zenskar:
                  organisations:
                    - id: 3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36
                      portalUrl: https://portal.example
                      apiKeys: [{sha256: %1$s}]
                """.formatted(HASH));

        assertThat(document.bareKeyHashPaths())
                .containsExactly(
                        "algoreg.tenants[1].apiKeys[0].sha256",
                        "algoreg.tenants[1].apiKeys[1].sha256",
                        "zenskar.organisations[0].apiKeys[0].sha256");
    }

    @Test
    void aDocumentWithoutApiKeysHasNone() throws IOException {
        assertThat(parse("algoreg: {tenants: [{id: a, scenarios: [{code: c, languages: [en-GB]}]}]}")
                        .bareKeyHashPaths())
                .isEmpty();
        assertThat(parse("chat: {tenants: [{id: t}]}").bareKeyHashPaths()).isEmpty();
    }
}
