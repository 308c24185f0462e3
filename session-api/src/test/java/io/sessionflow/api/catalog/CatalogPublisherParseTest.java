package io.sessionflow.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.sessionflow.schemas.chat.ChatTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** Reading a catalog document as bytes: any character at any offset, and what is not UTF-8. */
class CatalogPublisherParseTest {

    private static CatalogFile parse(byte[] document) throws IOException {
        return AllCatalogSections.parse(new ByteArrayInputStream(document));
    }

    /** The YAML reader buffers 1,024 chars: an emoji's surrogate pair is put across that edge at every offset. */
    @Test
    void aCharacterBeyondTheBasicPlaneIsReadAtAnyOffset() throws IOException {
        for (int padding = 900; padding < 1100; padding++) {
            String name = "x".repeat(padding) + "\uD83D\uDCE6 parcels";
            String yaml = "chat:\n  tenants:\n    - id: emoji-tenant\n      name: \"" + name + "\"\n";

            ChatTenant tenant = (ChatTenant)
                    parse(yaml.getBytes(StandardCharsets.UTF_8)).entries().get("chat:tenant:emoji-tenant");

            assertThat(tenant.getName()).as("padding %d", padding).isEqualTo(name);
        }
    }

    @Test
    void aNullInAListIsRefusedAsAnUnreadableDocument() {
        for (String yaml : new String[] {
            "chat: {tenants: [null]}",
            "chat: {tenants: [{id: t, flows: [null]}]}",
            "algoreg: {tenants: [{id: t, scenarios: [{code: c, languages: [null]}]}]}",
            "liveperson: {accounts: [{id: a, campaigns: [null]}]}",
            "zenskar: {organisations: [null]}"
        }) {
            assertThatThrownBy(
                            () -> parse(yaml.getBytes(StandardCharsets.UTF_8)).entries())
                    .as(yaml)
                    .isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void aQuickQuestionWithoutTextIsAProblemOfTheDocument() {
        byte[] yaml = "chat: {tenants: [{id: t, quickQuestions: [{question: null, pageType: general}]}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse(yaml).entries())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every quick question needs a text");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsAnUnreadableDocument() {
        byte[] latin1 = "chat:\n  tenants:\n    - id: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> parse(latin1)).isInstanceOf(JacksonException.class);
    }
}
