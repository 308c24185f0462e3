package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.sessionflow.api.limits.TenantLimits;
import io.sessionflow.projections.query.InternalCredential;
import io.sessionflow.projections.query.RemoteSessionQueries;
import io.sessionflow.projections.query.SessionQueryService;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionActivity;
import io.sessionflow.schemas.kafka.AnswerDeadline;
import io.sessionflow.schemas.secrets.Keyring;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * At most {@code maxWaiting} calls wait for their answers, and at most a share of them for one tenant; a
 * tenant past its rate is limited. Every call refused is refused
 * at once and publishes nothing; a published request carries the moment its call stops waiting.
 */
class SessionRequestsTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final SessionKeys KEYS =
            new SessionKeys(new Keyring("Id", "k", Map.of("k", new byte[Keyring.MIN_SECRET_BYTES])));

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close(Duration timeout) {
                    // the template closes its producer after every send; this one lives for the test
                }
            };
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final SessionRequests requests = new SessionRequests(
            publisher(),
            noQueries(),
            Duration.ofMillis(100),
            1,
            new TenantLimits(1000, Duration.ofMinutes(1), 1, 100),
            executor,
            () -> true);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aCallBeyondTheWaitingLimitIsRefusedAtOnceWithoutPublishing() throws Exception {
        CompletableFuture<SessionRequests.Outcome> first = submit("k1");
        awaitSends(1);

        SessionRequests.Outcome second = submit("k2").get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

        assertThat(second).isInstanceOf(SessionRequests.Unavailable.class);
        assertThat(producer.history()).hasSize(1);
        assertThat(first).isNotDone();

        producer.errorNext(new RuntimeException("broker gone"));
        assertThat(first.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(SessionRequests.Unavailable.class);
        submit("k3");
        awaitSends(2);
        assertThat(producer.history()).extracting(record -> record.key()).containsExactly("k1", "k3");
    }

    @Test
    void aTenantHoldingItsShareOfTheWaitingBudgetDoesNotStopAnother() throws Exception {
        SessionRequests shared = requests(3, new TenantLimits(1000, Duration.ofMinutes(1), 2, 100));
        CompletableFuture<SessionRequests.Outcome> a1 = submit(shared, "tenant-a", "a1");
        CompletableFuture<SessionRequests.Outcome> a2 = submit(shared, "tenant-a", "a2");
        awaitSends(2);

        SessionRequests.Outcome a3 = submit(shared, "tenant-a", "a3").get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<SessionRequests.Outcome> b1 = submit(shared, "tenant-b", "b1");
        awaitSends(3);

        assertThat(a3).isInstanceOf(SessionRequests.Unavailable.class);
        assertThat(producer.history()).extracting(record -> record.key()).containsExactlyInAnyOrder("a1", "a2", "b1");
        assertThat(List.of(a1, a2, b1)).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void aTenantPastItsRateIsLimitedWithoutPublishingAndOthersAreNot() throws Exception {
        SessionRequests limited = requests(100, new TenantLimits(2, Duration.ofMinutes(1), 100, 100));
        submit(limited, "tenant-a", "a1");
        submit(limited, "tenant-a", "a2");
        awaitSends(2);

        SessionRequests.Outcome a3 = submit(limited, "tenant-a", "a3").get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
        submit(limited, "tenant-b", "b1");
        awaitSends(3);

        assertThat(a3)
                .isInstanceOfSatisfying(
                        SessionRequests.Limited.class,
                        l -> assertThat(l.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(producer.history()).extracting(record -> record.key()).containsExactlyInAnyOrder("a1", "a2", "b1");
    }

    @Test
    void aCallWhileTheInstanceIsNotReadyIsRefusedAtOnceWithoutPublishing() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        SessionRequests gated = requests(100, new TenantLimits(1000, Duration.ofMinutes(1), 100, 100), ready::get);

        SessionRequests.Outcome refused = submit(gated, "tenant", "k1").get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
        ready.set(true);
        submit(gated, "tenant", "k2");
        awaitSends(1);

        assertThat(refused).isInstanceOf(SessionRequests.Unavailable.class);
        assertThat(producer.history()).extracting(record -> record.key()).containsExactly("k2");
    }

    @Test
    void aRequestEventCarriesTheMomentItsCallStopsWaiting() throws Exception {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        SessionRequests timed = timed(Duration.ofSeconds(5), now);

        submit(timed, "tenant", "k1");
        awaitSends(1);

        assertThat(AnswerDeadline.read(producer.history().get(0).headers())).contains(now.plusSeconds(5));
    }

    /** A publisher whose sends never complete: every call accepted keeps waiting. */
    private SessionRequests requests(int maxWaiting, TenantLimits tenants) {
        return requests(maxWaiting, tenants, () -> true);
    }

    private SessionRequests requests(int maxWaiting, TenantLimits tenants, BooleanSupplier ready) {
        return new SessionRequests(publisher(), noQueries(), GENEROUS, maxWaiting, tenants, executor, ready);
    }

    /** Answer deadlines on a clock stopped at now. */
    private SessionRequests timed(Duration outcomeWait, Instant now) {
        return new SessionRequests(
                publisher(),
                noQueries(),
                outcomeWait,
                100,
                new TenantLimits(1000, Duration.ofMinutes(1), 100, 100),
                executor,
                identity -> true,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private SessionRequestPublisher publisher() {
        return new SessionRequestPublisher(new KafkaTemplate<>(() -> producer), GENEROUS, executor);
    }

    /** Queries with no store behind them: no send here succeeds, so no answer is looked up. */
    private SessionQueryService noQueries() {
        return new SessionQueryService(
                () -> null,
                new HostInfo("localhost", 1),
                new RemoteSessionQueries(GENEROUS, InternalCredential.of("unused-internal-token-0123456789abcdef")),
                executor);
    }

    private static CompletableFuture<SessionRequests.Outcome> submit(
            SessionRequests to, String tenant, String sessionKey) {
        return to.submit(
                Topics.SESSION_ACTIVITY,
                new SessionRequests.RequestIdentity(tenant, sessionKey, sessionKey, KEYS.fingerprint(sessionKey)),
                SessionActivity.newBuilder()
                        .setSessionKey(sessionKey)
                        .setOccurredAt(Instant.EPOCH)
                        .build());
    }

    private CompletableFuture<SessionRequests.Outcome> submit(String sessionKey) {
        return submit(requests, "tenant", sessionKey);
    }

    /** Sends happen on the publisher's own threads. */
    private void awaitSends(int count) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (producer.history().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
