package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.sessionflow.app.cluster.KafkaCluster;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker lost under load, on the cluster deployment ({@link ClusterDeployment}: three brokers, replication 3,
 * min ISR 2, two instances of each standalone app): under steady creates on all four providers the broker that
 * leads the most partitions of {@code sessionflow.session-events} and the request topics is SIGKILLed, and
 * started again on its data {@value #DOWN_SECONDS} s later. Every answer must be a 2xx or the documented
 * retryable 503, creates must succeed again and every session answered before the kill be served again through
 * both API instances; then the crash audit's rules ({@link ScenarioAudit}). Prints the scenario's summary line.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BrokerKillClusterTest {

    private static final int DOWN_SECONDS = 10;

    @Test
    void killingTheBusiestBrokerLosesNoAnsweredSessionAndDecidesNothingTwice() throws Exception {
        try (ClusterScenario scenario = ClusterScenario.start("broker-kill", 40, false)) {
            KafkaCluster cluster = scenario.deployment().cluster();
            int victim = busiestLeader(cluster);
            int controller = activeController(cluster);
            scenario.fault();
            cluster.kill(victim);
            LockSupport.parkNanos(Duration.ofSeconds(DOWN_SECONDS).toNanos());
            cluster.start(victim);
            cluster.awaitBrokers(KafkaCluster.SIZE);
            long backAt = System.nanoTime();
            scenario.awaitServedAgain(Duration.ofMinutes(2));
            scenario.load().awaitMoreAnswered(40, Duration.ofMinutes(1), "after the broker's return");
            ClusterScenario.Result result = scenario.finish("victim=broker-" + victim + " (active controller: broker-"
                    + controller + ") down=" + DOWN_SECONDS
                    + "s back-in-cluster=" + scenario.recorder().sinceFault(backAt));
            assertThat(result.figures().answered2xx()).as("creates answered").isPositive();
        }
    }

    /** The node that leads the KRaft quorum: the controller that fences a lost broker and moves its leaders. */
    private static int activeController(KafkaCluster cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.describeMetadataQuorum()
                    .quorumInfo()
                    .get(30, TimeUnit.SECONDS)
                    .leaderId();
        }
    }

    /** The node that leads the most partitions of session-events and the request topics. */
    private static int busiestLeader(KafkaCluster cluster) throws Exception {
        List<String> topics = List.of(
                Topics.SESSION_EVENTS.name(),
                Topics.CHAT_REQUESTS.name(),
                Topics.ALGOREG_REQUESTS.name(),
                Topics.ZENSKAR_REQUESTS.name(),
                Topics.LIVEPERSON_REQUESTS.name());
        Map<Integer, Integer> leads = new HashMap<>();
        try (Admin admin = cluster.admin()) {
            for (TopicDescription topic : admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    assertThat(partition.replicas())
                            .as(topic.name() + " replicas")
                            .hasSize(KafkaCluster.SIZE);
                    leads.merge(partition.leader().id(), 1, Integer::sum);
                }
            }
        }
        System.out.println("CLUSTER BROKER KILL: partitions led by node " + leads);
        return leads.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }
}
