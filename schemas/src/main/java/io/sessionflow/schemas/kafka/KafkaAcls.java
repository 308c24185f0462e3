package io.sessionflow.schemas.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least each sessionflow principal needs on a cluster that authorizes every request, and
 * nothing more: who may write the request topics and the catalog (only the API), who may read
 * personal data (only the processor and, for customer references, the projections and the API), and what
 * analytics may read (only the public {@code sessionflow.session-events}). The embedded broker is
 * given exactly these; docs/kafka-security.md lists the same as {@code kafka-acls.sh} commands.
 *
 * <p>Each method takes a principal such as {@code User:sessionflow-api}.
 */
public final class KafkaAcls {

    /** The analytics user the embedded broker creates, and the prefix of its consumer groups. */
    public static final String ANALYTICS_USER = "sessionflow-analytics";

    public static final String ANALYTICS_GROUP_PREFIX = "sessionflow-analytics";
    /** The Kafka Streams application ids, which prefix their groups, internal topics and transactional ids. */
    public static final String PROCESSOR_APPLICATION_ID = "sessionflow-processor";

    public static final String PROJECTIONS_APPLICATION_ID = "sessionflow-projections";
    /** The prefix of the admin API's transactional ids (a catalog change and its audit record commit together). */
    public static final String ADMIN_TRANSACTIONAL_ID_PREFIX = "sessionflow-admin-";

    private static final String TOPIC_PREFIX = "sessionflow.";

    private KafkaAcls() {}

    /**
     * The HTTP API: writes requests, catalog changes with their audit records (in its own
     * transactions) and session activity; reads the catalog and the Algoreg customer references (the
     * standalone API keeps its own copies of these compacted topics: a consumer without a group).
     */
    public static List<AclBinding> api(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        Stream.concat(Topics.REQUESTS.stream(), Stream.of(Topics.CATALOG, Topics.ADMIN_AUDIT, Topics.SESSION_ACTIVITY))
                .forEach(topic -> acls.add(topic(principal, topic, AclOperation.WRITE)));
        Stream.of(Topics.CATALOG, Topics.ALGOREG_CUSTOMER_REFERENCES)
                .forEach(topic -> acls.add(topic(principal, topic, AclOperation.READ)));
        acls.add(allow(
                principal,
                ResourceType.TRANSACTIONAL_ID,
                ADMIN_TRANSACTIONAL_ID_PREFIX,
                PatternType.PREFIXED,
                AclOperation.WRITE));
        return acls;
    }

    /**
     * The processor: reads requests, activity and the catalog; writes session events, customer
     * references and dead letters; owns its Streams group, internal topics and transactions.
     */
    public static List<AclBinding> processor(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        Stream.concat(Topics.REQUESTS.stream(), Stream.of(Topics.SESSION_ACTIVITY, Topics.CATALOG))
                .forEach(topic -> acls.add(topic(principal, topic, AclOperation.READ)));
        Stream.of(Topics.SESSION_EVENTS, Topics.ALGOREG_CUSTOMER_REFERENCES, Topics.DEAD_LETTER)
                .forEach(topic -> acls.add(topic(principal, topic, AclOperation.WRITE)));
        acls.addAll(streamsApp(principal, PROCESSOR_APPLICATION_ID));
        return acls;
    }

    /**
     * The projections: read session events, the catalog and customer references; write dead letters
     * (records they cannot decode); own their Streams group, internal topics and transactions.
     */
    public static List<AclBinding> projections(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        Stream.of(Topics.SESSION_EVENTS, Topics.CATALOG, Topics.ALGOREG_CUSTOMER_REFERENCES)
                .forEach(topic -> acls.add(topic(principal, topic, AclOperation.READ)));
        acls.add(topic(principal, Topics.DEAD_LETTER, AclOperation.WRITE));
        acls.addAll(streamsApp(principal, PROJECTIONS_APPLICATION_ID));
        return acls;
    }

    /** Topic creation at start: sees the {@code sessionflow.} topics and creates those missing. */
    public static List<AclBinding> provisioning(String principal) {
        return List.of(
                allow(principal, ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED, AclOperation.DESCRIBE),
                allow(principal, ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED, AclOperation.CREATE));
    }

    /** An analytics consumer: reads the public session events only, in groups of its own prefix. */
    public static List<AclBinding> analytics(String principal) {
        return List.of(
                topic(principal, Topics.SESSION_EVENTS, AclOperation.READ),
                allow(principal, ResourceType.GROUP, ANALYTICS_GROUP_PREFIX, PatternType.PREFIXED, AclOperation.READ));
    }

    /** Every component's and the analytics user's ACLs, for the user names the embedded broker creates. */
    public static List<AclBinding> forDefaultUsers() {
        List<AclBinding> acls = new ArrayList<>();
        acls.addAll(api("User:" + KafkaComponent.API.defaultUser()));
        acls.addAll(processor("User:" + KafkaComponent.PROCESSOR.defaultUser()));
        acls.addAll(projections("User:" + KafkaComponent.PROJECTIONS.defaultUser()));
        acls.addAll(provisioning("User:" + KafkaComponent.PROVISIONING.defaultUser()));
        acls.addAll(analytics("User:" + ANALYTICS_USER));
        return acls;
    }

    /** The user names {@link #forDefaultUsers()} is for. */
    public static List<String> defaultUsers() {
        List<String> users = new ArrayList<>();
        for (KafkaComponent component : KafkaComponent.values()) {
            users.add(component.defaultUser());
        }
        users.add(ANALYTICS_USER);
        return users;
    }

    /**
     * A Kafka Streams app: its consumer group (the application id), its internal topics (changelogs
     * and repartition topics, named {@code <application id>-...}: created, read, written, checked
     * and purged) and its exactly-once transactional ids ({@code <application id>-<process>-<thread>}).
     */
    private static List<AclBinding> streamsApp(String principal, String applicationId) {
        String prefix = applicationId + "-";
        List<AclBinding> acls = new ArrayList<>();
        acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
        for (AclOperation operation : List.of(
                AclOperation.CREATE,
                AclOperation.READ,
                AclOperation.WRITE,
                AclOperation.DESCRIBE_CONFIGS,
                AclOperation.DELETE)) {
            acls.add(allow(principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, operation));
        }
        acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.WRITE));
        return acls;
    }

    private static AclBinding topic(String principal, Topic<?, ?> topic, AclOperation operation) {
        return allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, operation);
    }

    private static AclBinding allow(
            String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
