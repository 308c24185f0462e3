package io.sessionflow.projections.algoreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.sessionflow.projections.ProjectionTopologyFixture;
import io.sessionflow.projections.SessionProjectionTopology;
import io.sessionflow.projections.SessionUpdateListener;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import org.apache.kafka.streams.TestInputTopic;
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

    private ProjectionTopologyFixture fixture;
    private TestInputTopic<String, AlgoregCustomerReference> references;
    private KeyValueStore<String, AlgoregCustomerReference> store;

    @BeforeEach
    void setUp() {
        fixture = new ProjectionTopologyFixture(
                stateDir,
                NOW,
                SessionProjectionTopology.Settings.defaults(),
                SessionUpdateListener.NONE,
                List.of(new AlgoregCustomerReferencesProjection()));
        references = fixture.input(Topics.ALGOREG_CUSTOMER_REFERENCES);
        store = fixture.driver.getKeyValueStore(AlgoregCustomerReferences.STORE);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
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
