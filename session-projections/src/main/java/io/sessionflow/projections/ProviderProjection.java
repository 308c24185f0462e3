package io.sessionflow.projections;

import org.apache.kafka.streams.StreamsBuilder;

/**
 * A provider's own part of the projections: the stores (or sub-topologies) that only it needs, such as data it
 * keeps on a restricted topic of its own that its session reads answer. The projections' provider SPI: a provider
 * implements it in its own package ({@code io.sessionflow.projections.<provider>}) and registers it as a bean from
 * a {@link ProjectionsProviderConfiguration} there; {@link SessionProjectionTopology} adds every registered one.
 * Plain Kafka Streams, like the rest of the topology.
 */
public interface ProviderProjection {

    /** Adds this provider's stores to the projections' topology. */
    void addTo(StreamsBuilder builder);
}
