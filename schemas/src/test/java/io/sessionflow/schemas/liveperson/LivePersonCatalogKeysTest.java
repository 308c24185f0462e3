package io.sessionflow.schemas.liveperson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** LivePerson's catalog keys as the compacted catalog topic holds them: a new spelling would lose entries. */
class LivePersonCatalogKeysTest {

    @Test
    void keysKeepTheirSpelling() {
        assertThat(LivePersonCatalogKeys.account("12345678")).isEqualTo("liveperson:account:12345678");
    }
}
