package io.sessionflow.projections.algoreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import io.sessionflow.projections.SessionProjectionTopology;
import io.sessionflow.projections.SessionUpdateListener;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projections keep the Algoreg customer references as a global store that a tombstone erases from. */
class AlgoregCustomerReferencesTopologyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, AlgoregCustomerReference> references;
    private KeyValueStore<String, AlgoregCustomerReference> store;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        SessionProjectionTopology.build(
                builder, SessionProjectionTopology.Settings.defaults(), SessionUpdateListener.NONE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projections-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, NOW);
        references = driver.createInputTopic(
                Topics.ALGOREG_CUSTOMER_REFERENCES.name(),
                Topics.ALGOREG_CUSTOMER_REFERENCES.keySerde().serializer(),
                Topics.ALGOREG_CUSTOMER_REFERENCES.valueSerde().serializer());
        store = driver.getKeyValueStore(AlgoregCustomerReferences.STORE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void aReferenceIsReadableBySessionKeyUntilItsTombstone() {
        AlgoregCustomerReference reference = AlgoregCustomerReference.newBuilder()
                .setSessionKey("s1")
                .setTenantId("northwind")
                .setCustomerReference("123")
                .setCreatedAt(NOW)
                .setExpiresAt(NOW.plusSeconds(60))
                .build();

        references.pipeInput("s1", reference);
        assertThat(store.get("s1")).isEqualTo(reference);
        assertThat(store.get("s2")).isNull();

        references.pipeInput("s1", null);
        assertThat(store.get("s1")).isNull();
    }
}
