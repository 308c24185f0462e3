package io.sessionflow.projections.algoreg;

import io.sessionflow.projections.ProviderProjection;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Algoreg's own store in the projections: {@code sessionflow.algoreg.customer-references}, which the processor
 * writes as it decides Algoreg requests (and erases when their sessions expire), as the global store
 * {@value AlgoregCustomerReferences#STORE} that {@link AlgoregCustomerReferences} reads.
 */
public final class AlgoregCustomerReferencesProjection implements ProviderProjection {

    @Override
    public void addTo(StreamsBuilder builder) {
        builder.globalTable(
                Topics.ALGOREG_CUSTOMER_REFERENCES.name(),
                Consumed.with(
                                Topics.ALGOREG_CUSTOMER_REFERENCES.keySerde(),
                                Topics.ALGOREG_CUSTOMER_REFERENCES.valueSerde())
                        .withName("algoreg-customer-references-source"),
                Materialized.<String, AlgoregCustomerReference, KeyValueStore<Bytes, byte[]>>as(
                                AlgoregCustomerReferences.STORE)
                        .withKeySerde(Topics.ALGOREG_CUSTOMER_REFERENCES.keySerde())
                        .withValueSerde(Topics.ALGOREG_CUSTOMER_REFERENCES.valueSerde()));
    }
}
