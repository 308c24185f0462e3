package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.sessionflow.app.ProcessorProgress;
import io.sessionflow.app.cluster.KafkaCluster;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionCreated;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker lost under load, on the three-broker test cluster ({@link KafkaCluster}: one JVM per
 * broker, each on a host of its own, a network namespace or a loopback address): the all-in-one app
 * runs in a child JVM with replication 3 (min ISR 2); under steady idempotent creates (chat and
 * Algoreg) the broker that leads most partitions of {@code sessionflow.session-events} and the request
 * topics is SIGKILLed, then started again on its data. Every answer must be a 2xx or the documented
 * retryable 503; then the crash audit's rules: every answered request has exactly one {@code SessionCreated} (its answered
 * session), none two, every answered session is readable, and a retry gets the identical answer.
 * Prints the errors by status, the longest gap with no successful create and the time until every
 * session answered before the kill is served again.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerKillClusterTest {

    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(3);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration DOWN = Duration.ofSeconds(10);
    private static final int WORKERS = 6;
    /** each worker sends at most one new request per pause: a steady load, not a flood */
    private static final Duration PACE = Duration.ofMillis(100);
    private static final int MAX_REQUESTS = 3000;

    @TempDir
    Path dir;

    @Test
    void killingTheBusiestBrokerLosesNoAnsweredSessionAndDecidesNothingTwice() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        AppUnderTest settings = new AppUnderTest(cluster.bootstrapServers(), dir.resolve("app"),
                AppUnderTest.freePort(), OUTCOME_WAIT, PUBLISH_TIMEOUT);
        Map<String, Object> properties = settings.properties();
        properties.put("sessionflow.kafka.replication-factor", 3);
        properties.put("sessionflow.kafka.partitions", 3);
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        ChildSessionApp app = new ChildSessionApp(arguments, dir);
        try (app) {
            app.start("cluster");
            app.awaitReady(Duration.ofMinutes(2));
            run(cluster, app, new SessionApiClient(settings.httpPort()));
        } catch (AssertionError | RuntimeException e) {
            System.out.println(app.logTail(80));
            System.out.println(cluster.logTails(30));
            throw e;
        }
    }

    private void run(KafkaCluster cluster, ChildSessionApp app, SessionApiClient client) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<RetriedCreate> creates = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread worker = new Thread(() -> {
                while (!stop.get() && System.nanoTime() < deadline) {
                    int i = sequence.getAndIncrement();
                    if (i >= MAX_REQUESTS) {
                        return;
                    }
                    String key = "cluster-" + i + "-" + UUID.randomUUID();
                    RetriedCreate create = new RetriedCreate(i % 2 == 0 ? CreateRequest.algoreg(key)
                            : CreateRequest.chat(key));
                    creates.add(create);
                    create.drive(client, deadline, () -> 0);
                    LockSupport.parkNanos(PACE.toNanos());
                }
            }, "cluster-client-" + w);
            worker.start();
            workers.add(worker);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            awaitOrFail(() -> answered(creates) >= 100, Duration.ofMinutes(2), () -> "100 answers before the kill");
            int victim = busiestLeader(cluster);
            List<RetriedCreate> answeredBefore = creates.stream().filter(RetriedCreate::answered2xx).toList();

            long killedAt = System.nanoTime();
            cluster.kill(victim);
            AtomicLong allServedAt = new AtomicLong();
            Future<?> served = pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    if (answeredBefore.stream().allMatch(c -> ReadBack.session(client, c).status() == 200)) {
                        allServedAt.set(System.nanoTime());
                        return;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            });
            LockSupport.parkNanos(killedAt + DOWN.toNanos() - System.nanoTime());
            cluster.start(victim);
            cluster.awaitBrokers(KafkaCluster.SIZE);
            long restartedAt = System.nanoTime();

            int answeredAtRestart = answered(creates);
            awaitOrFail(() -> answered(creates) >= answeredAtRestart + 100, Duration.ofMinutes(1),
                    () -> "100 more answers after the broker's restart");
            served.get(1, TimeUnit.MINUTES);
            stop.set(true);
            for (Thread worker : workers) {
                worker.join(TimeUnit.NANOSECONDS.toMillis(Math.max(deadline - System.nanoTime(), 1)));
            }
            check(cluster, pool, client, List.copyOf(creates), victim, killedAt, restartedAt, allServedAt.get());
        } finally {
            stop.set(true);
            pool.shutdownNow();
            for (Thread worker : workers) {
                worker.interrupt();
            }
        }
    }

    private static void check(KafkaCluster cluster, ExecutorService pool, SessionApiClient client,
                              List<RetriedCreate> creates, int victim, long killedAt, long restartedAt,
                              long allServedAt) throws Exception {
        Map<String, Long> byStatus = new TreeMap<>();
        List<String> undocumented = new ArrayList<>();
        List<Long> successes = new ArrayList<>();
        for (RetriedCreate create : creates) {
            for (Exchange exchange : create.exchanges()) {
                if (exchange.answered()) {
                    successes.add(exchange.startedAtNanos() + exchange.took().toNanos());
                    continue;
                }
                byStatus.merge(exchange.noAnswer() ? "no answer" : String.valueOf(exchange.status()), 1L, Long::sum);
                if (!CreateRequest.isDocumentedRetryable(create.request().provider(), exchange)) {
                    undocumented.add(create.request() + ": " + exchange.describe());
                }
            }
        }
        successes.sort(null);
        long longestGap = 0;
        long previous = killedAt;
        for (long at : successes) {
            if (at >= killedAt) {
                longestGap = Math.max(longestGap, at - previous);
                previous = at;
            }
        }
        List<RetriedCreate> unanswered = creates.stream().filter(c -> !c.answered2xx()).toList();

        ProcessorProgress.awaitAllRequestsDecided(cluster.bootstrapServers(), Duration.ofMinutes(1));
        SessionEventsAudit audit = SessionEventsAudit.read(cluster.bootstrapServers());
        List<String> notExactlyOnce = new ArrayList<>();
        List<Future<String>> replays = new ArrayList<>();
        long replayDeadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
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
            replays.add(pool.submit(() -> ReadBack.readBackAndReplay(client, create, replayDeadline)));
        }
        List<String> unreadable = new ArrayList<>();
        for (Future<String> replay : replays) {
            String problem = replay.get(2, TimeUnit.MINUTES);
            if (problem != null) {
                unreadable.add(problem);
            }
        }

        System.out.printf("""
                CLUSTER BROKER KILL: node %d (the busiest leader) SIGKILLed for %d ms, back in the cluster %d ms \
                after the kill
                  requests %d by %d clients (chat and Algoreg), answered 2xx %d; errors by status %s
                  longest gap with no successful create after the kill %d ms; every session answered before the \
                kill served again %d ms after it
                  undocumented answers %d, unanswered %d
                  session-events (read_committed): SessionCreated %d, session keys with two or more %d, answered \
                requests without exactly one matching SessionCreated %d, not readable or replayed differently %d
                %n""", victim, DOWN.toMillis(), TimeUnit.NANOSECONDS.toMillis(restartedAt - killedAt),
                creates.size(), WORKERS, creates.size() - unanswered.size(), byStatus,
                TimeUnit.NANOSECONDS.toMillis(longestGap),
                allServedAt == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(allServedAt - killedAt),
                undocumented.size(), unanswered.size(), audit.createdCount(), audit.duplicates().size(),
                notExactlyOnce.size(), unreadable.size());

        assertThat(undocumented).as("answers other than 2xx or the documented retryable 503").isEmpty();
        assertThat(unanswered).as(() -> "requests never answered 2xx, e.g.\n" + unanswered.stream().limit(5)
                .map(RetriedCreate::describe).collect(Collectors.joining("\n"))).isEmpty();
        assertThat(audit.duplicates()).as("session keys with a second session").isEmpty();
        assertThat(notExactlyOnce).as("answered requests without exactly one SessionCreated of their session")
                .isEmpty();
        assertThat(unreadable).as("answered sessions not readable, or answered differently when retried").isEmpty();
        assertThat(allServedAt).as("every session answered before the kill served again").isPositive();
    }

    /** The node that leads the most partitions of session-events and the request topics. */
    private static int busiestLeader(KafkaCluster cluster) throws Exception {
        List<String> topics = List.of(Topics.SESSION_EVENTS.name(), Topics.CHAT_REQUESTS.name(),
                Topics.ALGOREG_REQUESTS.name(), Topics.ZENSKAR_REQUESTS.name(), Topics.LIVEPERSON_REQUESTS.name());
        Map<Integer, Integer> leads = new HashMap<>();
        try (Admin admin = cluster.admin()) {
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    assertThat(partition.replicas()).as(topic.name() + " replicas").hasSize(KafkaCluster.SIZE);
                    leads.merge(partition.leader().id(), 1, Integer::sum);
                }
            }
        }
        System.out.println("CLUSTER BROKER KILL: partitions led by node " + leads);
        return leads.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static int answered(Iterable<RetriedCreate> creates) {
        int answered = 0;
        for (RetriedCreate create : creates) {
            answered += create.answer() == null ? 0 : 1;
        }
        return answered;
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
