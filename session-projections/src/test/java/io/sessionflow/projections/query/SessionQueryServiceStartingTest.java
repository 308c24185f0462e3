package io.sessionflow.projections.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A projections instance that knows no owner yet (started, its first assignment pending): a caller over the
 * internal endpoint, which can ask another instance, is told so at once; a lookup in the same JVM (the
 * all-in-one app, with no other instance to ask) waits for the owner until its deadline. The Streams instance
 * is a mock that rebalances and has no metadata.
 */
class SessionQueryServiceStartingTest {

    private static final HostInfo SELF = new HostInfo("self", 8081);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ExecutorService completions = Executors.newSingleThreadExecutor();
    private final SessionQueryService service;

    @SuppressWarnings("unchecked")
    SessionQueryServiceStartingTest() {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(KafkaStreams.State.REBALANCING);
        when(streams.queryMetadataForKey(anyString(), anyString(), any(Serializer.class)))
                .thenReturn(KeyQueryMetadata.NOT_AVAILABLE);
        RemoteSessionQueries remote = new RemoteSessionQueries(
                Duration.ofSeconds(1), InternalCredential.of("starting-test-token-0123456789abcdef"));
        service = new SessionQueryService(() -> streams, SELF, remote, completions);
    }

    @AfterEach
    void shutdown() {
        completions.shutdownNow();
    }

    @Test
    void aCallerThatCanAskElsewhereIsToldAtOnceAndALookupInTheJvmWaits() throws Exception {
        SessionQueryService.Query query = SessionQueryService.Query.outcome("session-1", "request-1");

        assertThat(service.lookupForCaller(query, WAIT, false).get(2, TimeUnit.SECONDS))
                .as("the API asking")
                .isInstanceOf(SessionLookup.Unavailable.class);
        assertThat(service.lookupForCaller(query, WAIT, true).get(2, TimeUnit.SECONDS))
                .as("another instance forwarding")
                .isInstanceOf(SessionLookup.Unavailable.class);

        CompletableFuture<SessionLookup> inTheJvm = service.lookup(query, WAIT);
        Thread.sleep(300);
        assertThat(inTheJvm).as("still waiting for an owner").isNotDone();
        assertThat(service.lookup(query, Duration.ofMillis(200)).get(2, TimeUnit.SECONDS))
                .as("at its deadline")
                .isInstanceOf(SessionLookup.Unavailable.class);
    }
}
