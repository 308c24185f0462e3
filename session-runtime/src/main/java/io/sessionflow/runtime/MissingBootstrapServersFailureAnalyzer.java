package io.sessionflow.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up without a cluster ends in a few lines saying what to set, not a stack trace. */
public final class MissingBootstrapServersFailureAnalyzer
        extends AbstractFailureAnalyzer<MissingBootstrapServersException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingBootstrapServersException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set KAFKA_BOOTSTRAP_SERVERS to the cluster's bootstrap servers, e.g."
                        + " KAFKA_BOOTSTRAP_SERVERS=broker-1:9092,broker-2:9092 (only session-app, the all-in-one app,"
                        + " starts an embedded broker).",
                cause);
    }
}
