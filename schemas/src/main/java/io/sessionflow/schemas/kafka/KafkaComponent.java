package io.sessionflow.schemas.kafka;

/**
 * The parts of sessionflow that talk to Kafka, each as its own principal: a component's client
 * settings ({@code sessionflow.kafka.<property>.client.*}) are layered over every client's, so that
 * each can authenticate as itself even when all run in one JVM. Their ACLs are in {@link KafkaAcls}.
 */
public enum KafkaComponent {

    /** The HTTP API: writes the request topics, the catalog and session activity. */
    API("api", "sessionflow-api"),
    /** The session processor (Kafka Streams {@code sessionflow-processor}). */
    PROCESSOR("processor", "sessionflow-processor"),
    /** The projections (Kafka Streams {@code sessionflow-projections}). */
    PROJECTIONS("projections", "sessionflow-projections"),
    /** Creates the sessionflow topics at start ({@link TopicProvisioner}). */
    PROVISIONING("provisioning", "sessionflow-provisioning");

    private final String property;
    private final String defaultUser;

    KafkaComponent(String property, String defaultUser) {
        this.property = property;
        this.defaultUser = defaultUser;
    }

    /** The name in {@code sessionflow.kafka.<property>.client.*}. */
    public String property() {
        return property;
    }

    /** The user name the embedded broker gives this component (a cluster's operators pick their own). */
    public String defaultUser() {
        return defaultUser;
    }
}
