package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.sessionflow.app.ProcessorProgress;
import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.schemas.events.SessionCreated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash audit: a few thousand creates with Idempotency-Keys (chat, and every tenth one Algoreg)
 * against the all-in-one app in a child JVM, SIGKILLed when about a third are answered and started
 * again on the same data directory, while the clients retry every unanswered request with the same
 * key and body until it is answered. Then {@code sessionflow.session-events}, read with
 * {@code read_committed}, must hold exactly one {@code SessionCreated} for every answered request
 * (the answered session) and no second one for any session key, once the processor has decided every
 * copy sent; every answered session must be readable through the API after the restart, and a replay
 * of every request must get the same answer.
 * {@code -Dsessionflow.faults.crash-requests=N} changes the number of requests (default 2000).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CrashAuditFaultTest {

    private static final int REQUESTS = Integer.getInteger("sessionflow.faults.crash-requests", 2000);
    private static final int CONCURRENCY = 24;
    private static final int ALGOREG_EVERY = 10;
    private static final int BEFORE_CRASH = 0;
    private static final int AFTER_CRASH = 1;
    private static final Duration READY_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void aSigkillMidLoadMakesNoSecondSessionAndLosesNoAnsweredRequest() throws Exception {
        try (EmbeddedKafkaBroker broker = FaultBroker.start(dir)) {
            AppUnderTest settings = AppUnderTest.on(broker, dir, Duration.ofSeconds(5), Duration.ofSeconds(5));
            try (ChildSessionApp app = new ChildSessionApp(settings, dir)) {
                app.start("first");
                app.awaitReady(READY_LIMIT);
                run(broker, app, new SessionApiClient(settings.httpPort()));
            }
        }
    }

    private void run(EmbeddedKafkaBroker broker, ChildSessionApp app, SessionApiClient client) throws Exception {
        List<RetriedCreate> creates = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String key = "crash-" + i + "-" + UUID.randomUUID();
            creates.add(
                    new RetriedCreate(i % ALGOREG_EVERY == 0 ? CreateRequest.algoreg(key) : CreateRequest.chat(key)));
        }
        AtomicInteger phase = new AtomicInteger(BEFORE_CRASH);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            List<Future<Boolean>> driven = new ArrayList<>();
            for (RetriedCreate create : creates) {
                driven.add(pool.submit(() -> create.drive(client, deadline, phase::get)));
            }
            awaitOrFail(
                    () -> answered(creates) >= REQUESTS / 3,
                    Duration.ofMinutes(3),
                    () -> "a third of the requests answered; answered " + answered(creates) + "\n" + app.logTail(40));

            long killAt = System.nanoTime();
            app.kill();
            phase.set(AFTER_CRASH);
            long killedAt = System.nanoTime();
            int answeredBeforeCrash = answered(creates);
            app.start("restarted");
            app.awaitReady(READY_LIMIT);
            long readyAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            for (Future<Boolean> future : driven) {
                future.get(6, TimeUnit.MINUTES);
            }

            List<RetriedCreate> unanswered =
                    creates.stream().filter(c -> c.answer() == null).toList();
            assertThat(unanswered)
                    .as(() -> "requests never answered, e.g.\n" + describe(unanswered) + "\n" + app.logTail(60))
                    .isEmpty();
            List<RetriedCreate> refused =
                    creates.stream().filter(c -> !c.answered2xx()).toList();
            assertThat(refused)
                    .as(() -> "requests answered other than 2xx, e.g.\n" + describe(refused))
                    .isEmpty();

            List<String> unreadable = readBackAndReplay(pool, client, creates);
            ProcessorProgress.awaitAllRequestsDecided(broker.bootstrapServers(), Duration.ofMinutes(1));
            SessionEventsAudit audit = SessionEventsAudit.read(broker.bootstrapServers());
            List<String> notExactlyOnce = new ArrayList<>();
            for (RetriedCreate create : creates) {
                String answeredId = create.request().sessionId(create.answer().json());
                List<SessionCreated> created = audit.created(create.request().sessionKey());
                if (created.size() != 1 || !created.get(0).getSessionId().equals(answeredId)) {
                    notExactlyOnce.add(create.request() + " answered " + answeredId + ", SessionCreated "
                            + created.stream().map(SessionCreated::getSessionId).toList());
                }
            }

            long exchanges =
                    creates.stream().mapToLong(c -> c.exchanges().size()).sum();
            long retryable = creates.stream()
                    .flatMap(c -> c.exchanges().stream())
                    .filter(e -> e.status() == 503)
                    .count();
            long noAnswer = creates.stream()
                    .flatMap(c -> c.exchanges().stream())
                    .filter(Exchange::noAnswer)
                    .count();
            // in flight at the SIGKILL: an exchange sent before the kill got no answer (reset, refused, timed out),
            // and the same request, retried, was answered 2xx by the restarted app
            List<RetriedCreate> straddled = creates.stream()
                    .filter(c -> c.answeredInPhase() == AFTER_CRASH
                            && c.answered2xx()
                            && c.exchanges().stream().anyMatch(e -> e.noAnswer() && e.startedAtNanos() < killAt))
                    .toList();
            System.out.printf(
                    """
                    CRASH AUDIT: requests %d (chat %d, algoreg %d), concurrency %d
                      answered before SIGKILL %d, after restart %d (app ready again %d ms after the kill)
                      exchanges %d: 503 + Retry-After %d, no answer (app down) %d
                      session-events (read_committed): %d records, SessionCreated %d, for these requests %d, \
                    session keys with two or more SessionCreated %d
                      answered requests without exactly one matching SessionCreated %d
                      answered sessions not readable or replayed differently after restart %d
                      requests in flight at the SIGKILL (no answer) answered 2xx after the restart %d
                    %n""",
                    REQUESTS,
                    REQUESTS - REQUESTS / ALGOREG_EVERY,
                    REQUESTS / ALGOREG_EVERY,
                    CONCURRENCY,
                    answeredBeforeCrash,
                    REQUESTS - answeredBeforeCrash,
                    readyAfterMillis,
                    exchanges,
                    retryable,
                    noAnswer,
                    audit.records(),
                    audit.createdCount(),
                    creates.stream()
                            .mapToInt(
                                    c -> audit.created(c.request().sessionKey()).size())
                            .sum(),
                    audit.duplicates().size(),
                    notExactlyOnce.size(),
                    unreadable.size(),
                    straddled.size());

            assertThat(answeredBeforeCrash)
                    .as("answered before the crash")
                    .isGreaterThan(0)
                    .isLessThan(REQUESTS);
            assertThat(straddled)
                    .as("requests in flight at the SIGKILL (no answer from the killed app) answered 2xx "
                            + "after the restart by their retry: none means the kill hit no request")
                    .isNotEmpty();
            assertThat(audit.duplicates())
                    .as("session keys with a second session")
                    .isEmpty();
            assertThat(notExactlyOnce)
                    .as("answered requests without exactly one SessionCreated of their session")
                    .isEmpty();
            assertThat(unreadable)
                    .as("answered sessions not readable, or answered differently, after the restart")
                    .isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every answered session is readable after the restart (chat: its token introspects as active for
     * it; Algoreg: GET answers it), and the same request sent again gets the very same answer.
     * @return what did not hold
     */
    private static List<String> readBackAndReplay(
            ExecutorService pool, SessionApiClient client, List<RetriedCreate> creates) throws Exception {
        List<Future<String>> checks = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (RetriedCreate create : creates) {
            checks.add(pool.submit(() -> ReadBack.readBackAndReplay(client, create, deadline)));
        }
        List<String> problems = new ArrayList<>();
        for (Future<String> check : checks) {
            String problem = check.get(3, TimeUnit.MINUTES);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static int answered(List<RetriedCreate> creates) {
        return (int) creates.stream().filter(c -> c.answer() != null).count();
    }

    private static String describe(List<RetriedCreate> creates) {
        return creates.stream().limit(5).map(RetriedCreate::describe).collect(Collectors.joining("\n"));
    }

    private static void awaitOrFail(BooleanSupplier condition, Duration limit, Supplier<String> what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not reached within " + limit + ": " + what.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
