package io.sessionflow.schemas.zenskar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Zenskar's catalog keys as the compacted catalog topic holds them: a new spelling would lose entries. */
class ZenskarCatalogKeysTest {

    @Test
    void keysKeepTheirSpelling() {
        assertThat(ZenskarCatalogKeys.organisation("3f2a9c4e")).isEqualTo("zenskar:organisation:3f2a9c4e");
        assertThat(ZenskarCatalogKeys.apiKey("0a1b")).isEqualTo("zenskar:api-key:0a1b");
        assertThat(ZenskarCatalogKeys.customer("c-1")).isEqualTo("zenskar:customer:c-1");
    }
}
