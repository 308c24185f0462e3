package io.sessionflow.app;

import io.sessionflow.broker.BrokerPortInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a taken embedded-broker port into Spring Boot's short "APPLICATION FAILED TO START" report:
 * the one line that says which port and what to change, instead of a bean-creation stack trace.
 */
public class BrokerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<BrokerPortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BrokerPortInUseException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the process listening on port " + cause.port() + ", or start sessionflow with "
                        + "SESSIONFLOW_BROKER_PORT=<another port> (or KAFKA_BOOTSTRAP_SERVERS=<a running cluster>).",
                cause);
    }
}
