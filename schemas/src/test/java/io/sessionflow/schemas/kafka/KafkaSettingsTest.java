package io.sessionflow.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static final String JAAS = "sasl.jaas.config";

    private final KafkaSettings settings = new KafkaSettings(
            "broker:9093",
            3,
            (short) 3,
            Duration.ofMillis(100),
            "state",
            Map.of("security.protocol", "SASL_SSL", JAAS, "shared", "client.dns.lookup", "use_all_dns_ips"),
            Map.of(
                    KafkaComponent.API,
                    Map.of(JAAS, "api"),
                    KafkaComponent.PROCESSOR,
                    Map.of(JAAS, "processor", "security.protocol", "SSL")),
            null);

    @Test
    void aComponentsOwnClientPropertiesOverrideEveryClientsAndTheRestIsShared() {
        assertThat(settings.forComponent(KafkaComponent.API).producerConfig(Duration.ofSeconds(5)))
                .containsEntry(JAAS, "api")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("client.dns.lookup", "use_all_dns_ips")
                .containsEntry("bootstrap.servers", "broker:9093");
        assertThat(settings.forComponent(KafkaComponent.PROCESSOR).streamsConfig("sessionflow-processor"))
                .containsEntry(JAAS, "processor")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void aComponentWithoutPropertiesOfItsOwnUsesEveryClients() {
        assertThat(settings.forComponent(KafkaComponent.PROVISIONING).adminConfig())
                .containsEntry(JAAS, "shared")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(settings.adminConfig()).containsEntry(JAAS, "shared");
    }

    @Test
    void theStreamsAppsLeaveAStoppedInstanceAfterTheSessionTimeoutAndHeartbeatEveryHalfSecondAtMost() {
        assertThat(settings.forComponent(KafkaComponent.PROJECTIONS).streamsConfig("sessionflow-projections"))
                .containsEntry("session.timeout.ms", 6_000)
                .containsEntry("heartbeat.interval.ms", 500);
        KafkaSettings shorter = new KafkaSettings(
                "broker:9093",
                3,
                (short) 3,
                Duration.ofMillis(100),
                "state",
                Map.of(),
                Map.of(),
                Duration.ofMillis(1_200));
        assertThat(shorter.forComponent(KafkaComponent.PROCESSOR).streamsConfig("sessionflow-processor"))
                .as("a third of a session timeout shorter than 1.5 s")
                .containsEntry("session.timeout.ms", 1_200)
                .containsEntry("heartbeat.interval.ms", 400);
        KafkaSettings explicit = new KafkaSettings(
                "broker:9093", 3, (short) 3, Duration.ofMillis(100), "state", Map.of("session.timeout.ms", "45000"));
        assertThat(explicit.streamsConfig("sessionflow-processor")).containsEntry("session.timeout.ms", "45000");
    }

    @Test
    void theStreamsAppsProcessWhatIsBufferedWithoutWaitingForEmptyInputsUnlessToldTo() {
        assertThat(settings.forComponent(KafkaComponent.PROCESSOR).streamsConfig("sessionflow-processor"))
                .containsEntry("max.task.idle.ms", -1L);
        KafkaSettings explicit = new KafkaSettings(
                "broker:9093", 3, (short) 3, Duration.ofMillis(100), "state", Map.of("max.task.idle.ms", "0"));
        assertThat(explicit.streamsConfig("sessionflow-processor")).containsEntry("max.task.idle.ms", "0");
    }
}
