package io.sessionflow.schemas.kafka;

import java.nio.charset.StandardCharsets;

/**
 * The Kafka header {@value #NAME} on every event the processor writes for a request of the warm-up at start
 * (which a provider's rules recognise, and never make a session for), so that readers of
 * {@code sessionflow.session-events} can tell that synthetic traffic from real callers' outcomes.
 */
public final class WarmUpHeader {

    public static final String NAME = "sessionflow-warm-up";

    /** The header's value: {@code true}. */
    public static final byte[] VALUE = "true".getBytes(StandardCharsets.US_ASCII);

    private WarmUpHeader() {}
}
