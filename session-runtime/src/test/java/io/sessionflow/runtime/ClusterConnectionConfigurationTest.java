package io.sessionflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ClusterConnectionConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void aStandaloneAppWithoutBootstrapServersDoesNotStartAndSaysWhatToSet() {
        KafkaProperties none = new KafkaProperties(
                " ",
                3,
                (short) 1,
                java.time.Duration.ofMillis(100),
                "state",
                Map.of(),
                null,
                null,
                null,
                null,
                java.time.Duration.ofSeconds(10));

        assertThatThrownBy(() ->
                        new ClusterConnectionConfiguration().kafkaSettings(none, SchemaRegistryProperties.none(), dir))
                .isInstanceOf(MissingBootstrapServersException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        FailureAnalysis analysis = new MissingBootstrapServersFailureAnalyzer()
                .analyze(new IllegalStateException(new MissingBootstrapServersException()));
        assertThat(analysis.getAction()).contains("KAFKA_BOOTSTRAP_SERVERS=");
    }
}
