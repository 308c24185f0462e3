package io.sessionflow.schemas.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Chat's catalog keys as the compacted catalog topic holds them: a new spelling would lose entries. */
class ChatCatalogKeysTest {

    @Test
    void keysKeepTheirSpelling() {
        assertThat(ChatCatalogKeys.tenant("acme")).isEqualTo("chat:tenant:acme");
        assertThat(ChatCatalogKeys.widgetKey("pk_live_1a2b")).isEqualTo("chat:widget-key:pk_live_1a2b");
        assertThat(ChatCatalogKeys.widgetKeys()).isEqualTo("chat:widget-key:");
    }
}
