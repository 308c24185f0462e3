package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.broker.BrokerPortInUseException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class BrokerPortInUseFailureAnalyzerTest {

    @Test
    void aTakenBrokerPortIsReportedInOneLineNamingThePortAndTheSetting() {
        BeanCreationException failure =
                new BeanCreationException("embeddedKafkaBroker", "could not start", new BrokerPortInUseException(9092));

        FailureAnalysis analysis = new BrokerPortInUseFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription())
                .doesNotContain("\n")
                .contains("9092")
                .contains("sessionflow.broker.port");
        assertThat(analysis.getAction()).contains("SESSIONFLOW_BROKER_PORT");
    }
}
