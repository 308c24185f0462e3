package io.sessionflow.projections.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.sessionflow.projections.EncodedSessionEvent;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stopping projections instance gives its callers up at once: a wait parked for an answer, and any query after
 * the stop, end {@link SessionLookup.Unavailable} at once (so the caller asks the instance that takes over), not
 * {@link SessionLookup.NotFound} at their deadline. The Streams instance is a mock that owns every key and
 * holds nothing yet.
 */
class SessionQueryServiceStopTest {

    private static final HostInfo SELF = new HostInfo("self", 8081);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ExecutorService completions = Executors.newSingleThreadExecutor();
    private final SessionQueryService service;

    @SuppressWarnings("unchecked")
    SessionQueryServiceStopTest() {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
        when(streams.queryMetadataForKey(anyString(), anyString(), any(Serializer.class)))
                .thenReturn(new KeyQueryMetadata(SELF, Set.of(), 0));
        ReadOnlyKeyValueStore<String, EncodedSessionEvent> emptyStates = mock(ReadOnlyKeyValueStore.class);
        ReadOnlyWindowStore<String, EncodedSessionEvent> emptyAnswers = mock(ReadOnlyWindowStore.class);
        WindowStoreIterator<EncodedSessionEvent> none = mock(WindowStoreIterator.class);
        when(emptyAnswers.fetch(anyString(), any(Instant.class), any(Instant.class)))
                .thenReturn(none);
        when(streams.store(any(StoreQueryParameters.class)))
                .thenAnswer(query -> QueryableStoreTypes.windowStore()
                                .getClass()
                                .isInstance(((StoreQueryParameters<?>) query.getArgument(0)).queryableStoreType())
                        ? emptyAnswers
                        : emptyStates);
        RemoteSessionQueries remote = new RemoteSessionQueries(
                Duration.ofSeconds(1), InternalCredential.of("stop-test-token-0123456789abcdef"));
        service = new SessionQueryService(() -> streams, SELF, remote, completions);
    }

    @AfterEach
    void shutdown() {
        completions.shutdownNow();
    }

    @Test
    void aParkedWaitAndEveryLaterQueryAreUnavailableAtOnceOnceStopped() throws Exception {
        CompletableFuture<SessionLookup> parked = service.awaitOutcome("session-1", "request-1", WAIT);
        assertThat(parked).as("waiting for the answer").isNotDone();
        assertThat(service.waitingCount()).isEqualTo(1);

        service.stop();

        assertThat(parked.get(2, TimeUnit.SECONDS)).isInstanceOf(SessionLookup.Unavailable.class);
        assertThat(service.waitingCount()).isZero();
        assertThat(service.session("session-2", WAIT).get(2, TimeUnit.SECONDS))
                .isInstanceOf(SessionLookup.Unavailable.class);
        assertThat(service.lookupForCaller(SessionQueryService.Query.outcome("session-3", "request-3"), WAIT, true)
                        .get(2, TimeUnit.SECONDS))
                .isInstanceOf(SessionLookup.Unavailable.class);
    }

    @Test
    void beforeTheStopAWaitWithNoAnswerEndsNotFoundAtItsDeadline() throws Exception {
        SessionLookup lookup = service.awaitOutcome("session-1", "request-1", Duration.ofMillis(200))
                .get(2, TimeUnit.SECONDS);

        assertThat(lookup).isInstanceOf(SessionLookup.NotFound.class);
    }
}
