package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.sessionflow.runtime.KafkaProperties;
import io.sessionflow.schemas.kafka.KafkaComponent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code sessionflow.kafka.<component>.client.*} binds to that component only, names with dots kept whole. */
class KafkaPropertiesBindingTest {

    @Test
    void eachComponentsClientPropertiesBindToThatComponent() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "sessionflow.kafka.client.security.protocol", "SASL_SSL",
                "sessionflow.kafka.api.client.sasl.jaas.config", "api-login",
                "sessionflow.kafka.processor.client.sasl.jaas.config", "processor-login",
                "sessionflow.kafka.projections.client.ssl.keystore.location", "/etc/projections.p12",
                "sessionflow.kafka.provisioning.client.sasl.jaas.config", "provisioning-login")));

        KafkaProperties kafka =
                binder.bind("sessionflow.kafka", KafkaProperties.class).get();

        assertThat(kafka.client()).containsExactly(Map.entry("security.protocol", "SASL_SSL"));
        assertThat(kafka.client(KafkaComponent.API)).containsExactly(Map.entry("sasl.jaas.config", "api-login"));
        assertThat(kafka.client(KafkaComponent.PROCESSOR))
                .containsExactly(Map.entry("sasl.jaas.config", "processor-login"));
        assertThat(kafka.client(KafkaComponent.PROJECTIONS))
                .containsExactly(Map.entry("ssl.keystore.location", "/etc/projections.p12"));
        assertThat(kafka.client(KafkaComponent.PROVISIONING))
                .containsExactly(Map.entry("sasl.jaas.config", "provisioning-login"));
    }

    @Test
    void withoutComponentPropertiesEveryComponentHasNone() {
        KafkaProperties kafka = new Binder(
                        new MapConfigurationPropertySource(Map.of("sessionflow.kafka.partitions", "3")))
                .bind("sessionflow.kafka", KafkaProperties.class)
                .get();

        for (KafkaComponent component : KafkaComponent.values()) {
            assertThat(kafka.client(component)).isEmpty();
        }
    }
}
