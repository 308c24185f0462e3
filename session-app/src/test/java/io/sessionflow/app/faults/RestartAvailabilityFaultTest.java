package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.sessionflow.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart after a SIGKILL never gives up: the all-in-one app in a child JVM answers some creates, is SIGKILLed,
 * and started again on the same data directory. Its Streams apps then restore and wait in a rebalance until Kafka
 * lets go of the killed instance's group membership (the consumer session timeout, set here to 20 s rather than
 * the app's 6 s, so that the restart is long enough to watch: about 80 probes). Meanwhile the app must
 * stay alive, liveness UP (200: no reason to restart it) and readiness DOWN (503: send it no traffic), and create
 * calls get the provider's retryable 503 at once; then it becomes ready by itself, logs its ready line, and
 * answers a replayed create with the answer it gave before the kill.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RestartAvailabilityFaultTest {

    private static final int CREATES_BEFORE_KILL = 100;
    private static final Duration READY_LIMIT = Duration.ofMinutes(3);
    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(5);
    private static final Duration LONG_SESSION_TIMEOUT = Duration.ofSeconds(20);
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    @TempDir
    Path dir;

    private record Probe(int liveness, int readiness, Exchange create) {}

    @Test
    void aRestartedAppIsAliveAndNotReadyWhileItRestoresThenReadyByItself() throws Exception {
        try (EmbeddedKafkaBroker broker = FaultBroker.start(dir)) {
            AppUnderTest settings = AppUnderTest.on(broker, dir, OUTCOME_WAIT, Duration.ofSeconds(5));
            SessionApiClient client = new SessionApiClient(settings.httpPort());
            SessionApiClient management = new SessionApiClient(settings.managementPort());
            List<String> arguments =
                    settings.arguments("--sessionflow.kafka.session-timeout=" + LONG_SESSION_TIMEOUT.toSeconds() + "s");
            try (ChildSessionApp app = new ChildSessionApp(arguments, dir)) {
                app.start("first");
                app.awaitReady(READY_LIMIT);
                List<CreateRequest> answered = new ArrayList<>();
                List<Exchange> answers = createSome(client, answered);

                app.kill();
                long killedAt = System.nanoTime();
                app.start("restarted");
                List<Probe> probes = probeUntilReady(app, client, management);
                long readyAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                app.awaitReady(Duration.ofSeconds(10));

                List<Probe> aliveNotReady = probes.stream()
                        .filter(p -> p.liveness() == 200 && p.readiness() == 503)
                        .toList();
                List<Probe> notAlive = probes.stream()
                        .filter(p -> p.liveness() > 0 && p.liveness() != 200)
                        .toList();
                List<Exchange> refusedCreates =
                        aliveNotReady.stream().map(Probe::create).toList();
                System.out.printf(
                        "RESTART AVAILABILITY: ready %d ms after the SIGKILL; %d probes, %d alive and not"
                                + " ready; creates meanwhile: %s%n",
                        readyAfterMillis,
                        probes.size(),
                        aliveNotReady.size(),
                        refusedCreates.stream()
                                .map(e -> e.status() + " in " + e.took().toMillis() + " ms")
                                .distinct()
                                .limit(10)
                                .toList());

                assertThat(aliveNotReady)
                        .as("probes with liveness UP and readiness DOWN during the restart\n" + app.logTail(40))
                        .hasSizeGreaterThanOrEqualTo(3);
                assertThat(notAlive)
                        .as("liveness other than UP while the app restores")
                        .isEmpty();
                assertThat(refusedCreates).as("creates while not ready").allSatisfy(create -> {
                    assertThat(CreateRequest.isDocumentedRetryable("chat", create))
                            .as(create.describe())
                            .isTrue();
                    assertThat(create.took())
                            .as("answered at once, not after the outcome wait")
                            .isLessThan(OUTCOME_WAIT.minusSeconds(2));
                });
                for (int i = 0; i < answered.size(); i += 10) {
                    Exchange replay = client.send(answered.get(i));
                    assertThat(replay.status()).as(replay.describe()).isEqualTo(200);
                    assertThat(replay.json()).isEqualTo(answers.get(i).json());
                }
            }
        }
    }

    /** Creates with Idempotency-Keys, so that the stores and changelogs have something to restore. */
    private static List<Exchange> createSome(SessionApiClient client, List<CreateRequest> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Exchange>> sent = new ArrayList<>();
            for (int i = 0; i < CREATES_BEFORE_KILL; i++) {
                CreateRequest request = CreateRequest.chat("restart-" + i + "-" + UUID.randomUUID());
                requests.add(request);
                sent.add(pool.submit(() -> client.send(request)));
            }
            List<Exchange> answers = new ArrayList<>();
            for (Future<Exchange> future : sent) {
                Exchange answer = future.get(1, TimeUnit.MINUTES);
                assertThat(answer.status()).as(answer.describe()).isEqualTo(200);
                answers.add(answer);
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every 250 ms until readiness answers 200: both probes and one create. Fails if the app exits, or is not
     * ready within {@link #READY_LIMIT}.
     */
    private static List<Probe> probeUntilReady(
            ChildSessionApp app, SessionApiClient client, SessionApiClient management) {
        List<Probe> probes = new ArrayList<>();
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (true) {
            if (!app.isAlive()) {
                throw new AssertionError("The restarted app exited before it was ready:\n" + app.logTail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "The restarted app was not ready within " + READY_LIMIT + ":\n" + app.logTail(60));
            }
            int readiness = management.send("GET", READINESS, null, Map.of()).status();
            if (readiness == 200) {
                return probes;
            }
            int liveness = management.send("GET", LIVENESS, null, Map.of()).status();
            if (readiness > 0) {
                Exchange create = client.send(CreateRequest.chat("while-restarting-" + UUID.randomUUID()));
                int readinessAfter =
                        management.send("GET", READINESS, null, Map.of()).status();
                if (readinessAfter == readiness) {
                    probes.add(new Probe(liveness, readiness, create));
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }
}
