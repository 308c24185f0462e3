package io.sessionflow.schemas.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the topics of {@link Topics#ALL} that do not exist yet, with the configured partitions and
 * replication; the catalog compacted. Existing topics are left as they are. It connects as
 * {@link KafkaComponent#PROVISIONING}, which needs DESCRIBE on the topics (to see them) and, for those
 * missing, CREATE ({@link KafkaAcls#provisioning}).
 */
public final class TopicProvisioner {

    private TopicProvisioner() {}

    public static void ensureTopics(KafkaSettings settings) {
        try (Admin admin =
                Admin.create(settings.forComponent(KafkaComponent.PROVISIONING).adminConfig())) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> newTopic(topic, settings))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("Could not create the sessionflow topics: " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + settings.bootstrapServers() + " did not answer within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, KafkaSettings settings) {
        NewTopic newTopic = new NewTopic(topic.name(), settings.partitions(), settings.replicationFactor());
        String minIsr = String.valueOf(Math.max(1, settings.replicationFactor() - 1));
        return newTopic.configs(
                topic.compacted()
                        ? Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                minIsr)
                        : Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr));
    }
}
