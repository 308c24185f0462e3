package io.sessionflow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The broker with SCRAM users and ACLs, on its own data directory: who gets in, and what each may do. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecuredEmbeddedKafkaBrokerTest {

    @Test
    void onlyKnownUsersGetInAndEachDoesOnlyWhatItsAclsAllow(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("kafka");
        List<AclBinding> acls = List.of(
                allow("creator", ResourceType.TOPIC, "open", AclOperation.CREATE),
                allow("writer", ResourceType.TOPIC, "open", AclOperation.WRITE));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(0)
                .dataDir(dataDir)
                .scram(List.of("creator", "writer", "nobody"), acls)
                .build()) {
            broker.start();
            assertThat(broker.isSecured()).isTrue();
            try (Admin admin = admin(broker, broker.clientConfig("creator"))) {
                admin.createTopics(Set.of(new NewTopic("open", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> writer = producer(broker, broker.clientConfig("writer"))) {
                writer.send(new ProducerRecord<>("open", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> nobody = producer(broker, broker.clientConfig("nobody"))) {
                assertThatThrownBy(() -> nobody.send(new ProducerRecord<>("open", "k", "v"))
                                .get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            Map<String, String> wrongPassword = new HashMap<>(broker.clientConfig("writer"));
            wrongPassword.put(
                    "sasl.jaas.config",
                    wrongPassword.get("sasl.jaas.config").replaceFirst("password=\"[^\"]+\"", "password=\"guessed\""));
            try (KafkaProducer<String, String> guesser = producer(broker, wrongPassword)) {
                assertThatThrownBy(() -> guesser.send(new ProducerRecord<>("open", "k", "v"))
                                .get(30, TimeUnit.SECONDS))
                        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
            }

            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(broker.clientConfigFile("writer"))) {
                file.load(in);
            }
            assertThat(file)
                    .containsEntry("bootstrap.servers", broker.bootstrapServers())
                    .containsAllEntriesOf(broker.clientConfig("writer"));
            assertThat(mode(broker.clientConfigFile("writer"))).isEqualTo("rw-------");
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            Properties server = new Properties();
            try (InputStream in = Files.newInputStream(dataDir.resolve("server.properties"))) {
                server.load(in);
            }
            assertThat(server.getProperty("listeners"))
                    .matches(
                            "SASL_PLAINTEXT://127\\.0\\.0\\.1:" + broker.port() + ",CONTROLLER://127\\.0\\.0\\.1:\\d+");
            assertThat(Files.readString(dataDir.resolve("server.properties"))).doesNotContain("password");
            assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void anOpenDataDirectoryIsSecuredOnItsNextStartWithExactlyTheConfiguredAcls(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("kafka");
        int port;
        try (EmbeddedKafkaBroker open =
                EmbeddedKafkaBroker.builder().port(0).dataDir(dataDir).build()) {
            open.start();
            port = open.port();
        }
        AclBinding dropped = allow("writer", ResourceType.TOPIC, "gone", AclOperation.WRITE);
        AclBinding kept = allow("writer", ResourceType.TOPIC, "open", AclOperation.WRITE);
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder()
                .port(port)
                .dataDir(dataDir)
                .scram(List.of("writer"), List.of(dropped, kept))
                .build()) {
            first.start();
            assertThat(acls(first)).containsExactlyInAnyOrder(dropped, kept);
        }
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder()
                .port(port)
                .dataDir(dataDir)
                .scram(List.of("writer"), List.of(kept))
                .build()) {
            second.start();
            assertThat(acls(second)).containsExactly(kept);
            Map<String, String> writer = second.clientConfig("writer");
            second.stop();
            second.start();
            assertThat(second.clientConfig("writer"))
                    .as("same password after a restart in the same JVM")
                    .isEqualTo(writer);
            try (Admin admin = admin(second, writer)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .isNotEmpty();
            }
        }
    }

    private static List<AclBinding> acls(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = admin(broker, broker.superUserConfig())) {
            return List.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
        }
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Admin admin(EmbeddedKafkaBroker broker, Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(config);
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
