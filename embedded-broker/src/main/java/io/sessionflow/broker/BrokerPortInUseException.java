package io.sessionflow.broker;

/**
 * The port the embedded broker should listen on is taken by another process (often a Kafka that is
 * already running). The message is a single line meant to be shown to the person starting the app.
 */
public class BrokerPortInUseException extends RuntimeException {

    private final int port;

    public BrokerPortInUseException(int port) {
        this(port, null);
    }

    public BrokerPortInUseException(int port, Throwable cause) {
        super(
                "Kafka port " + port + " is already in use; stop whatever listens there or set"
                        + " sessionflow.broker.port to another port",
                cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
