package io.sessionflow.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code docker-compose.yml}, which no build machine can start (no Docker daemon):
 * every variable it gives a sessionflow service is one the apps read (a misspelt one would be ignored
 * silently), its brokers run the project's Kafka version, it publishes only the API, and the secrets it
 * requires are the ones {@code .env.example} documents. {@code .ci/run} checks its syntax with
 * {@code docker-compose config}.
 */
class DockerComposeFileTest {

    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private final Path repository = repository();
    private final ComposeFile compose = ComposeFile.read(repository);

    @Test
    void everyVariableGivenToASessionflowServiceIsOneTheAppsRead() {
        PropertiesTheAppsRead read = PropertiesTheAppsRead.of(repository);
        List<String> unread = new ArrayList<>();
        compose.builtServices().forEach((name, service) -> {
            List<String> variables =
                    new ArrayList<>(ComposeFile.environment(service).keySet());
            variables.addAll(compose.dockerfileEnvironmentNames(service));
            variables.stream()
                    .filter(variable -> !read.reads(variable))
                    .forEach(variable -> unread.add(name + ": " + variable));
        });

        assertThat(compose.builtServices()).hasSize(6);
        assertThat(unread).as("variables no sessionflow app reads").isEmpty();
    }

    @Test
    void theBrokersRunTheProjectsKafkaVersion() {
        List<String> kafkaImages = compose.services().values().stream()
                .map(service -> String.valueOf(service.get("image")))
                .filter(image -> image.startsWith("apache/kafka:"))
                .toList();

        assertThat(kafkaImages)
                .hasSize(3)
                .allMatch(image -> image.equals("apache/kafka:" + AppInfoParser.getVersion()));
    }

    @Test
    void theClusterKeepsThreeCopiesAndAcknowledgesWritesOnTwo() {
        compose.services().values().stream()
                .filter(service -> String.valueOf(service.get("image")).startsWith("apache/kafka:"))
                .map(ComposeFile::environment)
                .forEach(broker -> assertThat(broker)
                        .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                        .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                        .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2"));
        compose.builtServices()
                .values()
                .forEach(app -> assertThat(ComposeFile.environment(app))
                        .containsEntry("SESSIONFLOW_KAFKA_REPLICATIONFACTOR", "3"));
    }

    @Test
    void onlyTheApiIsPublishedOn8080() {
        List<Object> published = compose.services().values().stream()
                .filter(service -> service.containsKey("ports"))
                .map(service -> service.get("ports"))
                .toList();

        assertThat(published).containsExactly(List.of("8080:8080"));
    }

    @Test
    void everySecretTheFileRequiresIsDocumentedInEnvExampleWithoutAValue() throws IOException {
        List<String> required = REQUIRED_VARIABLE
                .matcher(Files.readString(repository.resolve("docker-compose.yml")))
                .results()
                .map(result -> result.group(1))
                .distinct()
                .toList();
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(repository.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] entry = line.split("=", 2);
                example.put(entry[0], entry.length > 1 ? entry[1] : "");
            }
        }

        assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(required);
        assertThat(example.values())
                .as("values in .env.example (never commit a secret)")
                .allMatch(String::isEmpty);
    }

    /** The repository root: the nearest folder up from the module's that holds docker-compose.yml. */
    private static Path repository() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve("docker-compose.yml")) && Files.exists(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new IllegalStateException(
                "no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
}
