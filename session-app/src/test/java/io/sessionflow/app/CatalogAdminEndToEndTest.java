package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The catalog admin API over HTTP: every change goes through the catalog topic and applies live. */
class CatalogAdminEndToEndTest extends EndToEndTest {

    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
    private static final String KEY = "pk_live_abcdefabcdefabcdefabcdefabcdef01";

    private static String tenant(boolean enabled) {
        return """
                {"chat": {"tenants": [{
                  "id": "admin-test-tenant",
                  "flows": [{"id": "f1", "published": true, "intent": {"name": "say_hello", "displayLabel": "Hello"}}],
                  "widgetKeys": [{"publicKey": "%s", "label": "Admin test", "enabled": %s, "allowsAllIntents": true}]
                }]}}""".formatted(KEY, enabled);
    }

    private static Response createChat() {
        return post(CHAT, "{\"publicKey\":\"" + KEY + "\"}", Map.of());
    }

    @Test
    void everyCallNeedsTheAdminToken() {
        assertThat(get("/admin/catalog/entries", Map.of()).status()).isEqualTo(401);
        Response wrong = get("/admin/catalog/entries", Map.of("Authorization", "Bearer not-the-token"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers().get("www-authenticate")).containsExactly("Bearer");
        assertThat(send("PUT", "/admin/catalog", tenant(true), Map.of()).status())
                .isEqualTo(401);
        assertThat(send("DELETE", "/admin/catalog/entries/chat:tenant:acme-outdoor", null, Map.of())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aWidgetKeyAddedChangedAndDeletedAtRunTimeAppliesToTheNextSession() {
        Response written = send("PUT", "/admin/catalog", tenant(true), ADMIN);
        assertThat(written.status()).isEqualTo(200);
        assertThat(texts(written.body().get("keys")))
                .containsExactly("chat:tenant:admin-test-tenant", "chat:widget-key:" + KEY);
        assertThat(eventually(CatalogAdminEndToEndTest::createChat, r -> r.status() == 200)
                        .status())
                .isEqualTo(200);

        Response entry =
                eventually(() -> get("/admin/catalog/entries/chat:widget-key:" + KEY, ADMIN), r -> r.status() == 200);
        assertThat(entry.body().get("value").get("label").asString()).isEqualTo("Admin test");
        Response listed = get("/admin/catalog/entries?prefix=chat:widget-key:", ADMIN);
        List<String> keys = new ArrayList<>();
        listed.body().forEach(e -> keys.add(e.get("key").asString()));
        assertThat(keys).contains("chat:widget-key:" + KEY, "chat:widget-key:pk_live_1a2b3c4d5e6f7890abcd1234ef567890");

        assertThat(send("PUT", "/admin/catalog", tenant(false), ADMIN).status()).isEqualTo(200);
        Response disabled = eventually(CatalogAdminEndToEndTest::createChat, r -> r.status() == 403);
        assertThat(disabled.body().get("error").asString()).isEqualTo("widget_disabled");

        assertThat(send("DELETE", "/admin/catalog/entries/chat:widget-key:" + KEY, null, ADMIN)
                        .status())
                .isEqualTo(204);
        Response unknown = eventually(CatalogAdminEndToEndTest::createChat, r -> r.status() == 422);
        assertThat(unknown.body().get("details").get("publicKey").asString()).contains("no widget");
        assertThat(eventually(() -> get("/admin/catalog/entries/chat:widget-key:" + KEY, ADMIN), r -> r.status() == 404)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anInvalidDocumentIsRefusedWholeNamingEveryProblem() {
        Response response = send("PUT", "/admin/catalog", """
                {"chat": {"tenants": [{"id": "broken", "widgetKeys": [{"publicKey": "pk_test_1"}],
                  "quickQuestions": [{"question": "Hi?", "pageType": "home"}]}]}}""", ADMIN);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.headers().get("content-type")).anyMatch(t -> t.startsWith("application/problem+json"));
        String detail = response.body().get("detail").asString();
        assertThat(detail).contains("pk_test_1").contains("pageType");
        assertThat(get("/admin/catalog/entries/chat:tenant:broken", ADMIN).status())
                .isEqualTo(404);
    }

    @Test
    void aDocumentThatIsNotJsonOrYamlOrHasUnknownFieldsIsABadRequest() {
        assertThat(send("PUT", "/admin/catalog", "{\"chat\": [", ADMIN).status())
                .isEqualTo(400);
        Response unknown = send("PUT", "/admin/catalog", "{\"chat\": {\"tenantz\": []}}", ADMIN);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("detail").asString()).isEqualTo("Unknown field 'tenantz' at chat");
        Response wrongType = send("PUT", "/admin/catalog", "{\"chat\": {\"tenants\": [{\"id\": []}]}}", ADMIN);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("detail").asString())
                .isEqualTo("A value of the wrong type at chat.tenants[0].id");
    }

    @Test
    void anUnreadableDocumentIsExplainedByItsPathNotByJavaTypes() {
        Response unknown =
                send("PUT", "/admin/catalog", "{\"chat\": {\"tenants\": [{\"id\": \"t\", \"idz\": 1}]}}", ADMIN);
        Response wrongType = send("PUT", "/admin/catalog", "{\"chat\": {\"tenants\": {\"id\": \"t\"}}}", ADMIN);
        Response notYaml = send("PUT", "/admin/catalog", "chat: {tenants: [}", ADMIN);

        assertThat(unknown.body().get("detail").asString()).isEqualTo("Unknown field 'idz' at chat.tenants[0]");
        assertThat(wrongType.body().get("detail").asString()).isEqualTo("A value of the wrong type at chat.tenants");
        assertThat(notYaml.body().get("detail").asString()).startsWith("Not valid JSON or YAML (line 1");
        for (Response response : List.of(unknown, wrongType, notYaml)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().get("detail").asString())
                    .doesNotContain("io.sessionflow")
                    .doesNotContain("java.");
        }
    }

    @Test
    void aListWithoutPrefixHoldsEveryEntry() {
        Response listed = get("/admin/catalog/entries", ADMIN);

        assertThat(listed.status()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        listed.body().forEach(e -> keys.add(e.get("key").asString()));
        assertThat(keys)
                .contains(
                        "chat:tenant:acme-outdoor",
                        "zenskar:organisation:3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36",
                        "algoreg:tenant:northwind-bank",
                        "liveperson:account:12345678")
                .isSorted();
    }

    @Test
    void anUnknownEntryIsNotFound() {
        assertThat(get("/admin/catalog/entries/chat:tenant:nobody", ADMIN).status())
                .isEqualTo(404);
        assertThat(send("DELETE", "/admin/catalog/entries/chat:tenant:nobody", null, ADMIN)
                        .status())
                .isEqualTo(404);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
