package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sessionflow.app.cluster.Host;
import io.sessionflow.app.cluster.Hosts;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A processor instance cut off from the network, alive, for longer than its consumer session timeout
 * ({@code sessionflow.kafka.session-timeout}, 6 s), then healed: a zombie. On the cluster deployment
 * ({@link ClusterDeployment}, every instance and broker on a network namespace of its own), under steady creates
 * on all four providers, the link of the processor instance that owns the most active tasks is cut for
 * {@code sessionflow.cluster.cut-seconds} (20) and healed. The other instance takes its tasks over; the zombie,
 * back, must find itself fenced and rejoin, then hold tasks again and decide new requests (its committed offsets
 * advance while it holds them). Fenced is what exactly-once v2 means by it: the group coordinator expired the
 * zombie's membership, so a transaction carrying its old generation cannot commit offsets; the zombie rejoins as a
 * new member. How the zombie learns it depends on which of its clients hears first: its producer (fenced adding
 * offsets to its transaction, logged) or its consumer (its partitions lost, not logged at WARN); the test reports
 * which.
 * Nothing it decided while cut off may reach a client: the crash audit's rules ({@link ScenarioAudit}: each
 * answered session is the one {@code SessionCreated} read {@code read_committed}, and a retry, answered from the
 * projections' store of committed events, is answered identically); and every aborted {@code SessionCreated}
 * (on the topic, invisible {@code read_committed}) of an answered request was replaced by one committed decision
 * of its own (another event id), the one the client got.
 * Needs network namespaces (root): skipped on loopback addresses, where no link can be cut.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ProcessorCutOffClusterTest {

    private static final Duration CUT = Duration.ofSeconds(Integer.getInteger("sessionflow.cluster.cut-seconds", 20));
    private static final Duration REJOIN_LIMIT = Duration.ofMinutes(2);
    /** what the zombie's log says once it learns it was fenced or lost its tasks */
    private static final Pattern FENCING = Pattern.compile("(?i)fenced|TaskMigrated|InvalidProducerEpoch"
            + "|UNKNOWN_MEMBER_ID|ILLEGAL_GENERATION|lost all|missed a rebalance");
    /** of those, the ones that say its producer heard it first */
    private static final Pattern PRODUCER_FENCED = Pattern.compile("(?i)fenced|InvalidProducerEpoch");

    private static final List<String> REQUEST_TOPICS = List.of(
            Topics.CHAT_REQUESTS.name(),
            Topics.ALGOREG_REQUESTS.name(),
            Topics.ZENSKAR_REQUESTS.name(),
            Topics.LIVEPERSON_REQUESTS.name());

    @Test
    void aProcessorCutOffPastItsSessionTimeoutIsFencedAndNothingItDecidedMeanwhileReachesAClient() throws Exception {
        Hosts hosts = Hosts.shared();
        assumeTrue(
                hosts.mode() == Hosts.Mode.NETWORK_NAMESPACES, "no link to cut: cluster hosts are " + hosts.describe());
        try (ClusterScenario scenario = ClusterScenario.start("processor-cut-off", 40, false)) {
            ClusterDeployment deployment = scenario.deployment();
            ServiceInstance victim = deployment.busiest(ServiceInstance.Role.PROCESSOR);
            Host link = hosts.host(victim.name());
            String memberBeforeCut = memberId(deployment, victim);
            long logLinesBefore = victim.log().lines().count();
            scenario.fault();
            link.cut();
            long healedAt;
            try {
                LockSupport.parkNanos(CUT.toNanos());
            } finally {
                link.heal();
                healedAt = System.nanoTime();
            }
            assertThat(victim.isAlive()).as("the zombie, alive through the cut").isTrue();
            scenario.awaitServedAgain(Duration.ofMinutes(2));
            DecidingAgain decidesAgain = awaitDecidesAgain(deployment, victim);
            long decidingAt = System.nanoTime();
            scenario.load().awaitMoreAnswered(40, Duration.ofMinutes(1), "after the heal");

            List<String> fencing = victim.log()
                    .lines()
                    .skip(logLinesBefore)
                    .filter(l -> FENCING.matcher(l).find())
                    .toList();
            ClusterScenario.Result result = scenario.finish(String.format(
                    Locale.ROOT,
                    "victim=%s cut=%ds healed=%s deciding-again=%s",
                    victim.name(),
                    CUT.toSeconds(),
                    scenario.recorder().sinceFault(healedAt),
                    scenario.recorder().sinceFault(decidingAt)));

            AbortedSessionEvents aborted = AbortedSessionEvents.read(deployment.bootstrapServers());
            Set<String> answeredKeys = new HashSet<>();
            for (RetriedCreate create : scenario.load().answered2xx()) {
                answeredKeys.add(create.request().sessionKey());
            }
            List<String> notReplaced = aborted.notReplaced(answeredKeys);
            System.out.printf(
                    Locale.ROOT,
                    """
                    SCENARIO processor-cut-off zombie: %s; member %s, before the cut %s
                      it learned it was fenced from its %s; its log after the cut, fencing and task loss (%d lines):
                    %s
                      session-events: aborted records %d (on the topic read_uncommitted, invisible read_committed), \
                    aborted SessionCreated %d, of answered requests %d (each decided again, committed, and answered \
                    that), not replaced %d
                    %n""",
                    decidesAgain.what(),
                    decidesAgain.memberId(),
                    memberBeforeCut,
                    fencing.stream().anyMatch(l -> PRODUCER_FENCED.matcher(l).find()) ? "producer" : "consumer",
                    fencing.size(),
                    fencing.stream().limit(8).map(l -> "    " + l).collect(Collectors.joining("\n")),
                    aborted.records(),
                    aborted.created(),
                    aborted.redecided(answeredKeys),
                    notReplaced.size());

            assertThat(memberBeforeCut)
                    .as("the zombie's member id before the cut")
                    .isNotEmpty();
            assertThat(decidesAgain.memberId())
                    .as(
                            "the zombie decides again as a new member: its membership from before the cut was expired, "
                                    + "fencing the generation its open transaction carried; the end of its log:%n%s",
                            victim.logTail(60))
                    .isNotEqualTo(memberBeforeCut);
            assertThat(notReplaced)
                    .as("answered requests whose aborted decision was not replaced by a committed one")
                    .isEmpty();
            assertThat(result.figures().answered2xx()).as("creates answered").isPositive();
        }
    }

    /**
     * Until the victim's Streams consumer holds request partitions and, holding the same ones as the same
     * member, commits a higher offset on one of them: it decided new requests.
     */
    private static DecidingAgain awaitDecidesAgain(ClusterDeployment deployment, ServiceInstance victim) {
        long deadline = System.nanoTime() + REJOIN_LIMIT.toNanos();
        Held last = null;
        try (Admin admin = deployment.cluster().admin()) {
            while (System.nanoTime() < deadline) {
                Held now = held(admin, victim);
                if (last != null
                        && !now.offsets().isEmpty()
                        && now.memberId().equals(last.memberId())
                        && now.offsets().keySet().equals(last.offsets().keySet())) {
                    for (Map.Entry<TopicPartition, Long> offset : now.offsets().entrySet()) {
                        if (offset.getValue() > last.offsets().get(offset.getKey())) {
                            return new DecidingAgain(
                                    now.memberId(),
                                    "holds " + now.offsets().keySet() + " and committed " + offset.getKey() + " from "
                                            + last.offsets().get(offset.getKey()) + " to " + offset.getValue());
                        }
                    }
                }
                last = now;
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
        throw new AssertionError("the zombie " + victim.name() + " did not decide new requests within " + REJOIN_LIMIT
                + " of the heal; last seen holding " + last + "\n" + victim.logTail(80));
    }

    /** The member the victim decides as again, and what showed it. */
    private record DecidingAgain(String memberId, String what) {}

    /** The victim's member id in the processor group, empty when it holds no membership. */
    private static String memberId(ClusterDeployment deployment, ServiceInstance victim) {
        try (Admin admin = deployment.cluster().admin()) {
            return held(admin, victim).memberId();
        }
    }

    /** The request partitions a member holds, with the group's committed offsets. */
    private record Held(String memberId, Map<TopicPartition, Long> offsets) {}

    private static Held held(Admin admin, ServiceInstance victim) {
        String group = ClusterDeployment.PROCESSOR_GROUP;
        try {
            String memberId = "";
            Set<TopicPartition> partitions = new HashSet<>();
            for (MemberDescription member : admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(group)
                    .members()) {
                if (member.clientId().startsWith(victim.name() + "-")) {
                    memberId = member.consumerId();
                    member.assignment().topicPartitions().stream()
                            .filter(p -> REQUEST_TOPICS.contains(p.topic()))
                            .forEach(partitions::add);
                }
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new TreeMap<>(
                    Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                offsets.put(partition, offset == null ? -1 : offset.offset());
            }
            return new Held(memberId, offsets);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Held("", Map.of());
        }
    }
}
