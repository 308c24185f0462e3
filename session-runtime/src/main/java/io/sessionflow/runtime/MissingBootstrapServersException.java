package io.sessionflow.runtime;

/** A standalone app was started without {@code KAFKA_BOOTSTRAP_SERVERS}: it has no embedded broker to fall back on. */
public final class MissingBootstrapServersException extends IllegalStateException {

    public MissingBootstrapServersException() {
        super("KAFKA_BOOTSTRAP_SERVERS (sessionflow.kafka.bootstrap-servers) is not set: a standalone sessionflow app"
                + " needs the Kafka cluster's bootstrap servers");
    }
}
