package io.sessionflow.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.sessionflow.schemas.chat.ChatWidgetKey;
import org.junit.jupiter.api.Test;

/** A widget key's allowedOrigins: exact origins (or "*"), stored as browsers send them. */
class CatalogFileChatOriginsTest {

    private static final String KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";

    private static Map<String, Object> entries(String origins) throws IOException {
        String yaml = """
                chat:
                  tenants:
                    - id: acme
                      widgetKeys:
                        - publicKey: %s
                          allowedOrigins: %s
                """.formatted(KEY, origins);
        return AllCatalogSections.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .entries();
    }

    @Test
    void originsAreStoredAsBrowsersSendThemOnceEach() throws IOException {
        ChatWidgetKey key = (ChatWidgetKey)
                entries("[\"HTTPS://Shop.Acme.Example:443\", \"https://shop.acme.example\", \"http://localhost:3000\", "
                                + "\"https://bücher.example\", \"*\"]")
                        .get("chat:widget-key:" + KEY);

        assertThat(key.getAllowedOrigins())
                .containsExactly(
                        "https://shop.acme.example", "http://localhost:3000", "https://xn--bcher-kva.example", "*");
    }

    @Test
    void anAllowedOriginWithAPathUserInfoOrOtherSchemeIsRefusedNamingEachOne() {
        assertThatThrownBy(() -> entries("[\"https://shop.acme.example/\", \"https://u@shop.acme.example\", "
                        + "\"ftp://shop.acme.example\", \"null\", \"shop.acme.example\"]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'https://shop.acme.example/' is not an origin")
                .hasMessageContaining("'https://u@shop.acme.example' is not an origin")
                .hasMessageContaining("'ftp://shop.acme.example' is not an origin")
                .hasMessageContaining("'null' is not an origin")
                .hasMessageContaining("'shop.acme.example' is not an origin");
    }
}
