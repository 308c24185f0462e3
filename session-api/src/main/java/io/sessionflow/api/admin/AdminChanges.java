package io.sessionflow.api.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.api.catalog.CatalogPublisher;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.admin.AdminAction;
import io.sessionflow.schemas.admin.AdminAuditRecord;
import io.sessionflow.schemas.admin.AdminOutcome;
import io.sessionflow.schemas.kafka.KafkaAcls;
import io.sessionflow.schemas.kafka.KafkaSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Makes admin changes to {@code sessionflow.catalog} and records each on {@code sessionflow.admin-audit}
 * (who, what, when, outcome), both in one Kafka transaction of an idempotent {@code acks=all} producer:
 * a change is in the catalog exactly when its audit record is (the catalog's readers are Streams apps
 * under exactly-once, which read committed records only), and the admin API answers only after the
 * commit. A transaction, rather than audit-then-change, because two separate writes leave a record of
 * a change that did not happen, or a change without a record, whenever the second one fails. An
 * authenticated call refused without a change is recorded alone. Calls without the admin credential
 * are not recorded: anyone could fill the topic with them.
 */
public final class AdminChanges implements AutoCloseable {

    /** Who made a change: a keyed fingerprint of the admin credential, never the credential, and the client's address. */
    public record Actor(String credentialId, String clientAddress) {}

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ApiKeyHashes hashes;

    /** @param timeout how long the broker has to take a transaction */
    public AdminChanges(KafkaSettings settings, Duration timeout, ApiKeyHashes hashes) {
        this.producers = new DefaultKafkaProducerFactory<>(
                settings.producerConfig(timeout), new StringSerializer(), new ByteArraySerializer());
        // unique per instance, so that instances never fence each other's transactions
        producers.setTransactionIdPrefix(KafkaAcls.ADMIN_TRANSACTIONAL_ID_PREFIX + UUID.randomUUID() + "-");
        this.kafka = new KafkaTemplate<>(producers);
        this.hashes = hashes;
    }

    /** @param authorization the accepted {@code Authorization: Bearer <admin token>} header */
    public Actor actor(String authorization, HttpServletRequest request) {
        String token = authorization.substring("Bearer ".length()).trim();
        return new Actor("admin-token:" + hashes.fingerprint("admin-token", token), request.getRemoteAddr());
    }

    /**
     * Writes {@code puts} and tombstones for {@code deletes} to the catalog with an APPLIED audit record, and
     * answers {@code answer} once that transaction is committed; the retryable 503 when it is not.
     *
     * @param audited the entries as the audit names them ({@link AuditedEntries})
     */
    public ResponseEntity<?> apply(
            Actor actor,
            AdminAction action,
            Map<String, Object> puts,
            List<String> deletes,
            List<String> audited,
            ResponseEntity<?> answer) {
        Instant now = Instant.now();
        byte[] record = record(actor, action, audited, AdminOutcome.APPLIED, answer, now);
        return answerOnceWritten(
                answer,
                () -> kafka.executeInTransaction(operations -> {
                    puts.forEach((key, payload) ->
                            operations.send(Topics.CATALOG.name(), key, CatalogPublisher.encode(payload, now)));
                    deletes.forEach(key -> operations.send(Topics.CATALOG.name(), key, null));
                    operations.send(Topics.ADMIN_AUDIT.name(), actor.credentialId(), record);
                    return null;
                }));
    }

    /** Records an authenticated call refused without a change, and answers {@code answer} once the broker has it. */
    public ResponseEntity<?> refuse(Actor actor, AdminAction action, List<String> audited, ResponseEntity<?> answer) {
        byte[] record = record(actor, action, audited, AdminOutcome.REFUSED, answer, Instant.now());
        return answerOnceWritten(
                answer,
                () -> kafka.executeInTransaction(
                        operations -> operations.send(Topics.ADMIN_AUDIT.name(), actor.credentialId(), record)));
    }

    private static ResponseEntity<?> answerOnceWritten(ResponseEntity<?> answer, Runnable transaction) {
        try {
            transaction.run();
            return answer;
        } catch (RuntimeException notCommitted) {
            return CatalogAdminController.unavailable(CatalogAdminController.NOT_ACKNOWLEDGED);
        }
    }

    private static byte[] record(
            Actor actor,
            AdminAction action,
            List<String> audited,
            AdminOutcome outcome,
            ResponseEntity<?> answer,
            Instant now) {
        AdminAuditRecord record = AdminAuditRecord.newBuilder()
                .setOccurredAt(now)
                .setCredentialId(actor.credentialId())
                .setClientAddress(actor.clientAddress())
                .setAction(action)
                .setEntries(List.copyOf(audited))
                .setOutcome(outcome)
                .setHttpStatus(answer.getStatusCode().value())
                .setRequestId(UUID.randomUUID().toString())
                .build();
        return Topics.ADMIN_AUDIT.valueSerde().serializer().serialize(Topics.ADMIN_AUDIT.name(), record);
    }

    @Override
    public void close() {
        producers.destroy();
    }
}
