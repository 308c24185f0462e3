package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.sessionflow.app.ProcessorProgress;
import io.sessionflow.app.SessionApp;
import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.schemas.events.SessionCreated;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Broker bounce: the embedded broker is stopped under a steady load of idempotent creates (chat and
 * Algoreg) and started again on the same port and data directory, the app left running. During the
 * gap every answer must be a 2xx or the provider's documented retryable 503 with
 * {@code Retry-After}, each within {@code outcome-wait + publish-timeout} (plus a margin for a slow
 * machine): no 500, no hang. After the broker is back, service must return by itself, and every
 * request, retried with its key until answered, must have exactly one {@code SessionCreated}.
 *
 * <p>The app runs in this JVM (the test owns the broker it stops, and reads the Streams apps' state
 * from the context); this class has its own JVM, so nothing else shares its broker or context.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BrokerBounceFaultTest {

    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(3);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(3);
    /** room for a loaded two-core machine; far below a hang */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    /** longer than the Streams producers' transaction timeout (10 s under exactly-once) */
    private static final Duration GAP = Duration.ofSeconds(Long.getLong("sessionflow.faults.bounce-gap-seconds", 15));

    private static final int WORKERS = 12;
    private static final int BEFORE = 0;
    private static final int DURING = 1;
    private static final int AFTER = 2;

    @TempDir
    Path dir;

    @Test
    void aBrokerOutageUnderLoadAnswersOnlyRetryableErrorsInTimeAndServiceReturnsWithoutARestart() throws Exception {
        try (EmbeddedKafkaBroker broker = FaultBroker.start(dir)) {
            AppUnderTest settings = AppUnderTest.on(broker, dir, OUTCOME_WAIT, PUBLISH_TIMEOUT);
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SessionApp.class)
                    .run(settings.arguments().toArray(String[]::new))) {
                run(broker, app, new SessionApiClient(settings.httpPort()));
            }
        }
    }

    private void run(EmbeddedKafkaBroker broker, ConfigurableApplicationContext app, SessionApiClient client)
            throws Exception {
        AtomicInteger phase = new AtomicInteger(BEFORE);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<RetriedCreate> creates = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread worker = new Thread(
                    () -> {
                        while (!stop.get() && System.nanoTime() < deadline) {
                            int i = sequence.getAndIncrement();
                            String key = "bounce-" + i + "-" + UUID.randomUUID();
                            RetriedCreate create = new RetriedCreate(
                                    i % 5 == 0 ? CreateRequest.algoreg(key) : CreateRequest.chat(key));
                            creates.add(create);
                            create.drive(client, deadline, phase::get);
                        }
                    },
                    "bounce-client-" + w);
            worker.start();
            workers.add(worker);
        }
        try {
            awaitOrFail(() -> answered(creates) >= 100, Duration.ofMinutes(2), "100 answers before the outage");

            phase.set(DURING);
            long stoppedAt = System.nanoTime();
            long stopMillis;
            RequestThreadSampler requestThreads = new RequestThreadSampler();
            try (requestThreads) {
                broker.stop();
                stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
                LockSupport.parkNanos(stoppedAt + GAP.toNanos() - System.nanoTime());
            }
            broker.start();
            long startedAt = System.nanoTime();
            phase.set(AFTER);

            RetriedCreate probe = new RetriedCreate(CreateRequest.chat("bounce-probe-" + UUID.randomUUID()));
            creates.add(probe);
            probe.drive(client, System.nanoTime() + Duration.ofMinutes(2).toNanos(), phase::get);
            long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
            assertThat(probe.answered2xx())
                    .as(() -> "service did not return within 2 min of the broker's restart: " + probe.describe())
                    .isTrue();
            int answeredAtRecovery = answered(creates);
            awaitOrFail(
                    () -> answered(creates) >= answeredAtRecovery + 100,
                    Duration.ofMinutes(1),
                    "100 more answers after the broker's return");
            stop.set(true);
            for (Thread worker : workers) {
                worker.join(TimeUnit.NANOSECONDS.toMillis(Math.max(deadline - System.nanoTime(), 1)));
            }

            check(
                    broker,
                    app,
                    List.copyOf(creates),
                    new Outage(stoppedAt, startedAt),
                    stopMillis,
                    recoveryMillis,
                    requestThreads);
        } finally {
            stop.set(true);
            for (Thread worker : workers) {
                worker.interrupt();
            }
        }
    }

    private static void check(
            EmbeddedKafkaBroker broker,
            ConfigurableApplicationContext app,
            List<RetriedCreate> creates,
            Outage outage,
            long stopMillis,
            long recoveryMillis,
            RequestThreadSampler requestThreads) {
        Duration bound = OUTCOME_WAIT.plus(PUBLISH_TIMEOUT).plus(MARGIN);
        List<String> undocumented = new ArrayList<>();
        List<String> late = new ArrayList<>();
        long gapExchanges = 0;
        long gap503 = 0;
        long gapAnswered = 0;
        Duration slowest = Duration.ZERO;
        for (RetriedCreate create : creates) {
            for (Exchange exchange : create.exchanges()) {
                boolean documented = exchange.answered()
                        || CreateRequest.isDocumentedRetryable(create.request().provider(), exchange);
                if (!documented) {
                    undocumented.add(create.request() + ": " + exchange.describe());
                }
                if (exchange.took().compareTo(bound) > 0) {
                    late.add(create.request() + ": " + exchange.describe());
                }
                slowest = exchange.took().compareTo(slowest) > 0 ? exchange.took() : slowest;
            }
            if (create.exchanges().stream().anyMatch(e -> e.status() == 503)) {
                gapExchanges += create.exchanges().size();
                gap503 += create.exchanges().stream()
                        .filter(e -> e.status() == 503)
                        .count();
                gapAnswered++;
            }
        }
        List<RetriedCreate> unanswered =
                creates.stream().filter(c -> !c.answered2xx()).toList();
        List<RetriedCreate> sentDuringOutage =
                creates.stream().filter(outage::sentDuring).toList();
        // the outage was felt: exchanges sent early enough in it that a healthy app answers them before the broker
        // is back (any request, first sent or retried) were not answered 2xx
        Duration answerable = OUTCOME_WAIT.plus(PUBLISH_TIMEOUT);
        List<Exchange> felt = creates.stream()
                .flatMap(c -> c.exchanges().stream())
                .filter(e -> outage.sentEarly(e, answerable) && !e.answered())
                .toList();

        ProcessorProgress.awaitAllRequestsDecided(broker.bootstrapServers(), Duration.ofMinutes(1));
        SessionEventsAudit audit = SessionEventsAudit.read(broker.bootstrapServers());
        List<String> notExactlyOnce = new ArrayList<>();
        for (RetriedCreate create : creates) {
            if (!create.answered2xx()) {
                continue;
            }
            String answeredId = create.request().sessionId(create.answer().json());
            List<SessionCreated> created = audit.created(create.request().sessionKey());
            if (created.size() != 1 || !created.get(0).getSessionId().equals(answeredId)) {
                notExactlyOnce.add(create.request() + " answered " + answeredId + ", SessionCreated "
                        + created.stream().map(SessionCreated::getSessionId).toList());
            }
        }
        Map<String, String> streams = streamsStates(app);

        System.out.printf(
                """
                BROKER BOUNCE: requests %d by %d clients; broker stopped for %d ms (stop took %d ms)
                  answered before the outage %d, while the broker was away %d, after its return %d
                  requests that met a 503 %d: %d exchanges, %d of them 503 + Retry-After
                  requests sent while the broker was away %d; exchanges sent early in it and not answered 2xx %d
                  slowest exchange %d ms (bound %d ms = outcome-wait + publish-timeout + %d ms margin)
                  service returned %d ms after the broker started; Streams now %s
                  request threads seen waiting in the Kafka producer while the broker was away: %d of %d samples \
                (request threads looked at %d)
                  undocumented answers %d, answers past the bound %d, unanswered %d
                  session-events (read_committed): SessionCreated %d, session keys with two or more %d, \
                answered requests without exactly one matching SessionCreated %d
                %n""",
                creates.size(),
                WORKERS,
                GAP.toMillis(),
                stopMillis,
                countPhase(creates, BEFORE),
                countPhase(creates, DURING),
                countPhase(creates, AFTER),
                gapAnswered,
                gapExchanges,
                gap503,
                sentDuringOutage.size(),
                felt.size(),
                slowest.toMillis(),
                bound.toMillis(),
                MARGIN.toMillis(),
                recoveryMillis,
                streams,
                requestThreads.sightings().size(),
                requestThreads.samples(),
                requestThreads.requestThreadsLookedAt(),
                undocumented.size(),
                late.size(),
                unanswered.size(),
                audit.createdCount(),
                audit.duplicates().size(),
                notExactlyOnce.size());

        assertThat(sentDuringOutage)
                .as("requests sent while the broker was away")
                .isNotEmpty();
        assertThat(felt)
                .as("exchanges sent early in the outage (a healthy app answers them before the broker's return) "
                        + "not answered 2xx: none means the outage was not felt")
                .isNotEmpty();
        assertThat(gap503).as("retryable 503s answered during the outage").isPositive();
        assertThat(requestThreads.requestThreadsLookedAt())
                .as("HTTP request threads (http-nio-*) the sampler looked "
                        + "at while the broker was away: none means the check below proves nothing")
                .isPositive();
        assertThat(requestThreads.sightings().size())
                .as(() -> "HTTP request threads held by the Kafka producer while "
                        + "the broker was away (the answer is awaited without holding one), e.g.\n"
                        + String.join(
                                "\n",
                                requestThreads.sightings().stream().limit(3).toList()))
                .isZero();
        assertThat(undocumented)
                .as("answers other than 2xx or the documented retryable 503")
                .isEmpty();
        assertThat(late).as("answers later than " + bound).isEmpty();
        assertThat(unanswered)
                .as(() -> "requests never answered 2xx, e.g.\n"
                        + unanswered.stream()
                                .limit(5)
                                .map(RetriedCreate::describe)
                                .collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(audit.duplicates()).as("session keys with a second session").isEmpty();
        assertThat(notExactlyOnce)
                .as("answered requests without exactly one SessionCreated of their session")
                .isEmpty();
        assertThat(streams)
                .as("the Streams apps after the outage")
                .containsEntry("processorStreams", "RUNNING")
                .containsEntry("projectionsStreams", "RUNNING");
    }

    /** When the broker was stopped and started again ({@link System#nanoTime()}). */
    private record Outage(long stoppedAtNanos, long startedAtNanos) {

        boolean sentDuring(RetriedCreate create) {
            return create.exchanges().stream()
                    .anyMatch(e -> e.startedAtNanos() >= stoppedAtNanos && e.startedAtNanos() < startedAtNanos);
        }

        /** Sent after the stop and at least {@code answerable} before the broker started again. */
        boolean sentEarly(Exchange exchange, Duration answerable) {
            return exchange.startedAtNanos() >= stoppedAtNanos
                    && exchange.startedAtNanos() < startedAtNanos - answerable.toNanos();
        }
    }

    /** Each Streams app's state and its stream threads (a replaced thread has a higher number). */
    private static Map<String, String> streamsStates(ConfigurableApplicationContext app) {
        Map<String, String> states = new TreeMap<>();
        app.getBeansOfType(StreamsBuilderFactoryBean.class).forEach((beanName, factory) -> {
            String name = beanName.replace("&", "");
            KafkaStreams streams = factory.getKafkaStreams();
            states.put(name, streams == null ? "none" : streams.state().name());
            if (streams != null) {
                states.put(
                        name + " threads",
                        streams.metadataForLocalThreads().stream()
                                .map(ThreadMetadata::threadName)
                                .map(t -> t.substring(t.lastIndexOf('-') + 1))
                                .collect(Collectors.joining(",", "StreamThread-", "")));
            }
        });
        return states;
    }

    private static long countPhase(List<RetriedCreate> creates, int phase) {
        return creates.stream().filter(c -> c.answeredInPhase() == phase).count();
    }

    private static int answered(Iterable<RetriedCreate> creates) {
        int answered = 0;
        for (RetriedCreate create : creates) {
            answered += create.answer() == null ? 0 : 1;
        }
        return answered;
    }

    private static void awaitOrFail(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not reached within " + limit + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
