package io.sessionflow.schemas.algoreg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Algoreg's catalog keys as the compacted catalog topic holds them: a new spelling would lose entries. */
class AlgoregCatalogKeysTest {

    @Test
    void keysKeepTheirSpelling() {
        assertThat(AlgoregCatalogKeys.tenant("northwind")).isEqualTo("algoreg:tenant:northwind");
        assertThat(AlgoregCatalogKeys.apiKey("0a1b")).isEqualTo("algoreg:api-key:0a1b");
    }
}
