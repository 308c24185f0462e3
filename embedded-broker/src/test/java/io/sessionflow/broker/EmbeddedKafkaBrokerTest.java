package io.sessionflow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.sessionflow.broker.testing.SharedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerTest {

    private static final Duration POLL_LIMIT = Duration.ofSeconds(30);

    @Test
    void producesAndConsumesThroughTheSharedBroker() throws Exception {
        EmbeddedKafkaBroker broker = SharedKafkaBroker.get();
        String topic = uniqueName("plain");
        createTopic(broker.bootstrapServers(), topic);

        try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>(topic, "session-1", "started")).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> records = consume(broker.bootstrapServers(), topic, "read_uncommitted", 1);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("session-1");
            assertThat(r.value()).isEqualTo("started");
        });
        assertThat(broker.isRunning()).isTrue();
        assertThat(SharedKafkaBroker.get()).isSameAs(broker);
        assertThat(SharedKafkaBroker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
    }

    @Test
    void readCommittedConsumerSeesCommittedButNotAbortedTransactions() throws Exception {
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        String topic = uniqueName("tx");
        createTopic(bootstrap, topic);

        try (KafkaProducer<String, String> producer =
                producer(bootstrap, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, uniqueName("tx-id")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = consume(bootstrap, topic, "read_committed", 1);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void keepsDataAcrossStopAndStartOnTheSamePortAndDataDir(@TempDir Path tmp) throws Exception {
        String topic = "survives-restart";
        Path dataDir = Files.createDirectories(
                tmp.resolve("kafka"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().port(0).dataDir(dataDir).build()) {
            broker.start();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                    .as("only the broker's user may enter its data directory")
                    .isEqualTo("rwx------");
            int port = broker.port();
            String clusterId = clusterId(broker.bootstrapServers());
            createTopic(broker.bootstrapServers(), topic);
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers(), Map.of())) {
                producer.send(new ProducerRecord<>(topic, "k", "before-restart"))
                        .get(30, TimeUnit.SECONDS);
            }

            broker.stop();
            broker.stop();
            assertThat(broker.isRunning()).isFalse();

            broker.start();
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.port()).isEqualTo(port);
            assertThat(clusterId(broker.bootstrapServers())).isEqualTo(clusterId);
            assertThat(consume(broker.bootstrapServers(), topic, "read_uncommitted", 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("before-restart");
        }
    }

    @Test
    void refusesToStartOnAPortThatIsAlreadyInUse(@TempDir Path dataDir) {
        EmbeddedKafkaBroker running = SharedKafkaBroker.get();
        EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder()
                .port(running.port())
                .dataDir(dataDir)
                .build();

        assertThatThrownBy(second::start)
                .isInstanceOf(BrokerPortInUseException.class)
                .hasMessage("Kafka port " + running.port() + " is already in use; stop whatever listens"
                        + " there or set sessionflow.broker.port to another port")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(second.isRunning()).isFalse();
        assertThat(running.isRunning()).isTrue();
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consume(
            String bootstrap, String topic, String isolationLevel, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, uniqueName("group"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // one more short poll so that unexpected extra records would show up in the assertion
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
