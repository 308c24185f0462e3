package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.sessionflow.api.Sha256;
import io.sessionflow.app.EndToEndTest;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * OWASP API2 (broken authentication), API keys: the service generates them (at least 128 random bits),
 * shows each once, and keeps only its HMAC under the server's pepper, so that neither the key nor a hash
 * that could be brute-forced reaches the catalog topic; a bare SHA-256 is taken only as an explicit import.
 */
class Api2GeneratedApiKeysTest extends EndToEndTest {

    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
    private static final String ALGOREG_SESSION = "/algoreg/api/v1/session";
    private static final String ZENSKAR_SESSION = "/zenskar/customers/session";
    private static final String ACME = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final String ACME_CUSTOMER = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";

    private static Response generate(String body) {
        return post("/admin/api-keys", body, ADMIN);
    }

    private static Response createAlgoregSession(String apiKey) {
        return post(
                ALGOREG_SESSION,
                "{\"scenario_code\":\"default\",\"language\":\"fr-FR\"}",
                Map.of("Authorization", "Bearer " + apiKey));
    }

    @Test
    void aGeneratedAlgoregKeyCreatesSessionsIsNeverOnTheCatalogTopicAndIsRevocable() {
        Response generated = generate("{\"provider\":\"algoreg\",\"tenant\":\"northwind-bank\",\"label\":\"e2e\"}");

        assertThat(generated.status()).isEqualTo(201);
        assertThat(generated.headers().get("cache-control")).containsExactly("no-store");
        String apiKey = generated.body().get("apiKey").asString();
        String id = generated.body().get("id").asString();
        assertThat(apiKey).startsWith("alg_");
        assertThat(fieldNames(generated.body())).containsExactly("id", "provider", "tenant", "label", "apiKey");
        assertThat(generated.body().get("tenant").asString()).isEqualTo("northwind-bank");

        assertThat(eventually(() -> createAlgoregSession(apiKey), r -> r.status() == 200)
                        .status())
                .isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> catalog = TopicRecords.read(Topics.CATALOG.name(), "read_uncommitted");
        assertThat(TopicRecords.anyHolds(catalog, apiKey))
                .as("the key on the catalog topic")
                .isFalse();
        assertThat(TopicRecords.anyHolds(catalog, Sha256.hex(apiKey)))
                .as("its plain SHA-256 on the catalog topic")
                .isFalse();
        JsonNode entry = generatedEntry("algoreg", id);
        assertThat(entry.get("value").get("keySha256").isNull()).isTrue();
        assertThat(entry.get("value").get("hmac").asString()).matches("[0-9a-f]{64}");
        assertThat(entry.get("key").asString())
                .isEqualTo("algoreg:api-key:" + entry.get("value").get("hmac").asString());

        Response revoked = send("DELETE", "/admin/api-keys/algoreg/" + id, null, ADMIN);
        assertThat(revoked.status()).isEqualTo(204);
        Response refused = eventually(() -> createAlgoregSession(apiKey), r -> r.status() == 401);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(send("DELETE", "/admin/api-keys/algoreg/" + id, null, ADMIN).status())
                .isIn(204, 404);
    }

    @Test
    void aGeneratedZenskarKeyActsForItsOrganisation() {
        Response generated = generate("{\"provider\":\"zenskar\",\"organisation\":\"" + ACME.toUpperCase() + "\"}");

        assertThat(generated.status()).isEqualTo(201);
        String apiKey = generated.body().get("apiKey").asString();
        assertThat(apiKey).startsWith("zsk_");
        assertThat(generated.body().get("organisation").asString()).isEqualTo(ACME);
        Response session = eventually(
                () -> post(
                        ZENSKAR_SESSION,
                        "{\"customer_id\":\"" + ACME_CUSTOMER
                                + "\",\"return_url\":\"https://app.acme.example/billing\"}",
                        Map.of("x-api-key", apiKey, "organisation", ACME)),
                r -> r.status() == 200);
        assertThat(session.status()).isEqualTo(200);

        assertThat(send(
                                "DELETE",
                                "/admin/api-keys/zenskar/"
                                        + generated.body().get("id").asString(),
                                null,
                                ADMIN)
                        .status())
                .isEqualTo(204);
        assertThat(eventually(
                                () -> post(
                                        ZENSKAR_SESSION,
                                        "{\"is_guest_session\":true}",
                                        Map.of("x-api-key", apiKey, "organisation", ACME)),
                                r -> r.status() == 401)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void generatedKeysHaveAtLeast128RandomBitsAndAllDiffer() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Response generated = generate("{\"provider\":\"algoreg\",\"tenant\":\"globex-insurance\"}");
            assertThat(generated.status()).isEqualTo(201);
            String apiKey = generated.body().get("apiKey").asString();
            byte[] random = Base64.getUrlDecoder().decode(apiKey.substring("alg_".length()));
            assertThat(random.length * 8).isGreaterThanOrEqualTo(128);
            keys.add(apiKey);
            String id = generated.body().get("id").asString();
            eventually(() -> send("DELETE", "/admin/api-keys/algoreg/" + id, null, ADMIN), r -> r.status() == 204);
        }
        assertThat(keys).hasSize(5);
    }

    @Test
    void aBareSha256IsRefusedNamingWhereAndHowToImportIt() {
        String tenant = "bare-" + UUID.randomUUID().toString().substring(0, 8);
        String apiKey = highEntropyKey();
        String document = algoregTenant(tenant, Sha256.hex(apiKey));

        Response refused = send("PUT", "/admin/catalog", document, ADMIN);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.headers().get("content-type")).anyMatch(t -> t.startsWith("application/problem+json"));
        assertThat(refused.body().get("title").asString()).isEqualTo("API key given as a bare SHA-256");
        assertThat(refused.body().get("detail").asString())
                .contains("algoreg.tenants[0].apiKeys[0].sha256")
                .contains("POST /admin/api-keys")
                .contains("PUT /admin/catalog?import-sha256-keys=true");
        assertThat(get("/admin/catalog/entries/algoreg:tenant:" + tenant, ADMIN).status())
                .isEqualTo(404);
        assertThat(send("PUT", "/admin/catalog?import-sha256-keys=maybe", document, ADMIN)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anExplicitlyImportedSha256KeyKeepsWorking() {
        String tenant = "import-" + UUID.randomUUID().toString().substring(0, 8);
        String apiKey = highEntropyKey();

        Response imported =
                send("PUT", "/admin/catalog?import-sha256-keys=true", algoregTenant(tenant, Sha256.hex(apiKey)), ADMIN);

        assertThat(imported.status()).isEqualTo(200);
        assertThat(eventually(() -> createAlgoregSession(apiKey), r -> r.status() == 200)
                        .status())
                .isEqualTo(200);
        assertThat(createAlgoregSession("alg_demo_northwind_4f8c2d9e7a1b6053").status())
                .as("a demo key of the catalog file, imported at start")
                .isEqualTo(200);
    }

    @Test
    void aKeyIsGeneratedOnlyForAKnownTenantOrOrganisationAndOnlyForTheAdmin() {
        assertThat(generate("{\"provider\":\"algoreg\",\"tenant\":\"nobody-bank\"}")
                        .status())
                .isEqualTo(422);
        assertThat(generate("{\"provider\":\"zenskar\",\"organisation\":\"" + UUID.randomUUID() + "\"}")
                        .status())
                .isEqualTo(422);
        assertThat(generate("{\"provider\":\"chat\",\"tenant\":\"acme-outdoor\"}")
                        .status())
                .isEqualTo(422);
        assertThat(generate("{\"provider\":\"algoreg\",\"organisation\":\"" + ACME + "\"}")
                        .status())
                .isEqualTo(422);
        Response unknownField = generate("{\"provider\":\"algoreg\",\"tenant\":\"northwind-bank\",\"apiKey\":\"x\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().get("detail").asString()).isEqualTo("Unknown field 'apiKey'");
        assertThat(post("/admin/api-keys", "{\"provider\":\"algoreg\",\"tenant\":\"northwind-bank\"}", Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(send("DELETE", "/admin/api-keys/algoreg/0123456789abcdef", null, Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(send("DELETE", "/admin/api-keys/algoreg/0123456789abcdef", null, ADMIN)
                        .status())
                .isEqualTo(404);
    }

    /** The admin API's entry of a generated key, found by its public id. */
    static JsonNode generatedEntry(String provider, String id) {
        Response listed = eventually(
                () -> get("/admin/catalog/entries?prefix=" + provider + ":api-key:", ADMIN),
                r -> r.status() == 200 && find(r.body(), id) != null);
        JsonNode entry = find(listed.body(), id);
        assertThat(entry).as("the entry of key %s", id).isNotNull();
        return entry;
    }

    private static JsonNode find(JsonNode entries, String id) {
        for (JsonNode entry : entries) {
            if (id.equals(entry.get("value").path("keyId").asString(null))) {
                return entry;
            }
        }
        return null;
    }

    static String highEntropyKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return "alg_imported_" + HexFormat.of().formatHex(random);
    }

    static String algoregTenant(String tenant, String sha256) {
        return """
                {"algoreg": {"tenants": [{"id": "%s", "apiKeys": [{"sha256": "%s"}],
                  "scenarios": [{"code": "default", "languages": ["fr-FR"]}]}]}}""".formatted(tenant, sha256);
    }
}
