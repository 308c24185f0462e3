package io.sessionflow.projections.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sessionflow.projections.EncodedSessionEvent;
import io.sessionflow.projections.ProjectedSession;
import io.sessionflow.projections.SessionProjectionTopology;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A projections instance that a rebalance names the owner of a session's partition before the partition's task
 * has arrived (Kafka Streams publishes the new owners with the first of a cooperative rebalance's two rounds, and
 * the task comes after the second and its restore) does not read the session as gone: the read waits for the task
 * and ends {@link SessionLookup.Unavailable} at its deadline, the retryable answer, never
 * {@link SessionLookup.NotFound}; once the task is here, the session is found. The Streams instance is a mock
 * holding the tasks of other partitions only (Kafka Streams' answer for a partition it does not hold), until the
 * session's arrives.
 */
class SessionQueryServiceHandoverTest {

    private static final HostInfo SELF = new HostInfo("self", 8081);
    private static final int PARTITION = 1;

    private final ExecutorService completions = Executors.newSingleThreadExecutor();
    private final AtomicBoolean taskArrived = new AtomicBoolean();
    private final EncodedSessionEvent created = mock(EncodedSessionEvent.class);
    private final SessionQueryService service;

    @SuppressWarnings("unchecked")
    SessionQueryServiceHandoverTest() {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
        when(streams.queryMetadataForKey(anyString(), anyString(), any(Serializer.class)))
                .thenReturn(new KeyQueryMetadata(SELF, Set.of(), PARTITION));
        ReadOnlyKeyValueStore<String, ProjectedSession> otherPartitions = mock(ReadOnlyKeyValueStore.class);
        ReadOnlyKeyValueStore<String, ProjectedSession> sessionsPartition = mock(ReadOnlyKeyValueStore.class);
        ProjectedSession session = mock(ProjectedSession.class);
        when(session.state()).thenReturn(created);
        when(sessionsPartition.get("session-1")).thenReturn(session);
        when(streams.store(any(StoreQueryParameters.class))).thenAnswer(invocation -> {
            StoreQueryParameters<?> query = invocation.getArgument(0);
            if (query.partition() == null) {
                return SessionProjectionTopology.SESSIONS_STORE.equals(query.storeName()) ? otherPartitions : null;
            }
            if (query.partition() != PARTITION || !taskArrived.get()) {
                throw new InvalidStateStorePartitionException("The specified partition " + query.partition()
                        + " for store " + query.storeName() + " does not exist.");
            }
            return SessionProjectionTopology.SESSIONS_STORE.equals(query.storeName()) ? sessionsPartition : null;
        });
        RemoteSessionQueries remote = new RemoteSessionQueries(
                Duration.ofSeconds(1), InternalCredential.of("handover-test-token-0123456789abcdef"));
        service = new SessionQueryService(() -> streams, SELF, remote, completions);
    }

    @AfterEach
    void shutdown() {
        completions.shutdownNow();
    }

    @Test
    void aSessionOnAPartitionNamedHereBeforeItsTaskArrivedIsUnavailableThenFound() throws Exception {
        assertThat(service.session("session-1", Duration.ofMillis(300)).get(2, TimeUnit.SECONDS))
                .as("named the owner, the task not here yet")
                .isInstanceOf(SessionLookup.Unavailable.class);
        assertThat(service.lookupForCaller(SessionQueryService.Query.session("session-1"), Duration.ofMillis(300), true)
                        .get(2, TimeUnit.SECONDS))
                .as("asked by another instance")
                .isInstanceOf(SessionLookup.Unavailable.class);

        taskArrived.set(true);

        assertThat(service.session("session-1", Duration.ofMillis(300)).get(2, TimeUnit.SECONDS))
                .isEqualTo(new SessionLookup.Found(created));
    }
}
