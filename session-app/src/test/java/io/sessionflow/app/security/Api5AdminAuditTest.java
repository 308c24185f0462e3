package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.api.Sha256;
import io.sessionflow.app.EndToEndTest;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.admin.AdminAction;
import io.sessionflow.schemas.admin.AdminAuditRecord;
import io.sessionflow.schemas.admin.AdminOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * OWASP API5 (function-level authorization), accountability: every admin change, and every authenticated
 * admin call refused, leaves exactly one record on {@code sessionflow.admin-audit} saying who (a keyed
 * fingerprint of the admin credential, the client address), what (action, entries, outcome) and when,
 * committed before the call is answered, and never a secret: no token, no API key, no key hash.
 */
class Api5AdminAuditTest extends EndToEndTest {

    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);

    private record Audited(AdminAuditRecord record, byte[] raw, String key) {}

    private static List<Audited> auditRecords() {
        return TopicRecords.read(Topics.ADMIN_AUDIT.name(), "read_committed").stream()
                .map(Api5AdminAuditTest::decoded)
                .toList();
    }

    private static Audited decoded(ConsumerRecord<String, byte[]> record) {
        return new Audited(
                Topics.ADMIN_AUDIT.valueSerde().deserializer().deserialize(record.topic(), record.value()),
                record.value(),
                record.key());
    }

    /** The one record naming {@code entry} that {@code call} left, checked for who and when. */
    private static AdminAuditRecord theRecordOf(Supplier<Response> call, int status, String entry) {
        Set<String> earlier = new HashSet<>();
        auditRecords().forEach(a -> earlier.add(a.record().getRequestId()));
        Instant before = Instant.now().minusMillis(1);
        Response response = call.get();
        Instant after = Instant.now().plusMillis(1);
        assertThat(response.status()).isEqualTo(status);
        // the record is committed before the answer: no waiting
        List<Audited> naming = auditRecords().stream()
                .filter(a -> !earlier.contains(a.record().getRequestId()))
                .filter(a -> a.record().getEntries().contains(entry))
                .toList();
        assertThat(naming).as("new audit records naming %s", entry).hasSize(1);
        AdminAuditRecord record = naming.get(0).record();
        assertThat(record.getCredentialId()).matches("admin-token:[0-9a-f]{16}");
        assertThat(naming.get(0).key()).isEqualTo(record.getCredentialId());
        assertThat(record.getClientAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(record.getOccurredAt()).isBetween(before, after);
        assertThat(record.getHttpStatus()).isEqualTo(status);
        assertThat(record.getRequestId()).isNotBlank();
        assertThat(new String(naming.get(0).raw(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(ADMIN_TOKEN);
        return record;
    }

    private static String chatTenant(String tenant, String publicKey) {
        return """
                {"chat": {"tenants": [{"id": "%s", "widgetKeys": [{"publicKey": "%s", "allowsAllIntents": true}]}]}}""".formatted(tenant, publicKey);
    }

    @Test
    void aCatalogPutAndAnEntryDeleteLeaveOneRecordEach() {
        String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String publicKey = "pk_live_" + UUID.randomUUID().toString().replace("-", "");

        AdminAuditRecord put = theRecordOf(
                () -> send("PUT", "/admin/catalog", chatTenant(tenant, publicKey), ADMIN),
                200,
                "chat:tenant:" + tenant);
        assertThat(put.getAction()).isEqualTo(AdminAction.CATALOG_PUT);
        assertThat(put.getOutcome()).isEqualTo(AdminOutcome.APPLIED);
        assertThat(put.getEntries()).containsExactly("chat:tenant:" + tenant, "chat:widget-key:" + publicKey);

        eventually(() -> get("/admin/catalog/entries/chat:widget-key:" + publicKey, ADMIN), r -> r.status() == 200);
        AdminAuditRecord delete = theRecordOf(
                () -> send("DELETE", "/admin/catalog/entries/chat:widget-key:" + publicKey, null, ADMIN),
                204,
                "chat:widget-key:" + publicKey);
        assertThat(delete.getAction()).isEqualTo(AdminAction.CATALOG_ENTRY_DELETE);
        assertThat(delete.getOutcome()).isEqualTo(AdminOutcome.APPLIED);
        assertThat(delete.getCredentialId()).isEqualTo(put.getCredentialId());
    }

    @Test
    void keyGenerationAndRevocationLeaveOneRecordEachWithoutTheKeyOrAnyOfItsHashes() {
        // the key's id is known only from the answer: generate, then find the one record naming it
        Response response = post(
                "/admin/api-keys",
                "{\"provider\":\"algoreg\",\"tenant\":\"northwind-bank\",\"label\":\"audited\"}",
                ADMIN);
        assertThat(response.status()).isEqualTo(201);
        String id = response.body().get("id").asString();
        String apiKey = response.body().get("apiKey").asString();
        List<Audited> generation = auditRecords().stream()
                .filter(a -> a.record().getEntries().contains("algoreg:api-key-id:" + id))
                .toList();
        assertThat(generation).hasSize(1);
        assertThat(generation.get(0).record().getAction()).isEqualTo(AdminAction.API_KEY_GENERATE);
        assertThat(generation.get(0).record().getOutcome()).isEqualTo(AdminOutcome.APPLIED);
        assertThat(generation.get(0).record().getHttpStatus()).isEqualTo(201);

        String hmac = Api2GeneratedApiKeysTest.generatedEntry("algoreg", id)
                .get("value")
                .get("hmac")
                .asString();
        AdminAuditRecord revoke = theRecordOfRevocation(id);
        assertThat(revoke.getAction()).isEqualTo(AdminAction.API_KEY_REVOKE);
        assertThat(revoke.getOutcome()).isEqualTo(AdminOutcome.APPLIED);

        List<ConsumerRecord<String, byte[]>> raw = TopicRecords.read(Topics.ADMIN_AUDIT.name(), "read_uncommitted");
        for (String secret : List.of(ADMIN_TOKEN, apiKey, Sha256.hex(apiKey), hmac, Sha256.hex(ADMIN_TOKEN))) {
            assertThat(TopicRecords.anyHolds(raw, secret))
                    .as("a secret on the audit topic")
                    .isFalse();
        }
    }

    private static AdminAuditRecord theRecordOfRevocation(String id) {
        List<Audited> before = auditRecords();
        Response revoked = send("DELETE", "/admin/api-keys/algoreg/" + id, null, ADMIN);
        assertThat(revoked.status()).isEqualTo(204);
        List<Audited> naming = auditRecords().stream()
                .filter(a -> a.record().getEntries().contains("algoreg:api-key-id:" + id))
                .filter(a -> a.record().getAction() == AdminAction.API_KEY_REVOKE)
                .toList();
        assertThat(naming).hasSize(1);
        assertThat(before.stream()
                        .filter(a -> a.record().getAction() == AdminAction.API_KEY_REVOKE
                                && a.record().getEntries().contains("algoreg:api-key-id:" + id)))
                .isEmpty();
        return naming.get(0).record();
    }

    @Test
    void aRefusedChangeIsRecordedAsRefusedWithoutTheImportedHash() {
        String tenant = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        String sha256 = Sha256.hex(Api2GeneratedApiKeysTest.highEntropyKey());

        AdminAuditRecord refused = theRecordOf(
                () -> send("PUT", "/admin/catalog", Api2GeneratedApiKeysTest.algoregTenant(tenant, sha256), ADMIN),
                400,
                "algoreg:tenant:" + tenant);

        assertThat(refused.getAction()).isEqualTo(AdminAction.CATALOG_PUT);
        assertThat(refused.getOutcome()).isEqualTo(AdminOutcome.REFUSED);
        assertThat(refused.getEntries()).containsExactly("algoreg:tenant:" + tenant, "algoreg:api-key-of:" + tenant);
        assertThat(TopicRecords.anyHolds(TopicRecords.read(Topics.ADMIN_AUDIT.name(), "read_uncommitted"), sha256))
                .isFalse();
    }

    @Test
    void aCallWithoutTheAdminCredentialIsNotAChangeAndLeavesNoRecord() {
        String tenant = "anonymous-" + UUID.randomUUID().toString().substring(0, 8);
        String publicKey = "pk_live_" + UUID.randomUUID().toString().replace("-", "");

        assertThat(send(
                                "PUT",
                                "/admin/catalog",
                                chatTenant(tenant, publicKey),
                                Map.of("Authorization", "Bearer not-the-admin-token-0123456789abcdef"))
                        .status())
                .isEqualTo(401);

        assertThat(auditRecords()).noneMatch(a -> a.record().getEntries().contains("chat:tenant:" + tenant));
    }
}
