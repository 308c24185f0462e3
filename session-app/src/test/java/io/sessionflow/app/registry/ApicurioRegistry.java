package io.sessionflow.app.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry 3 for the registry tests, started once per test JVM as a child process and stopped with
 * the JVM: the app Maven unpacked into {@code target/apicurio-registry} (the {@code apicurio-registry-app} tar.gz
 * from Maven Central), in-memory storage, BACKWARD compatibility as its global rule, on free loopback ports. It
 * needs Java 21 or later: the JVM running the tests if it is one, else {@code SESSIONFLOW_JAVA21_HOME}, else the
 * newest JDK of at least 21 in {@code /usr/lib/jvm}; without one the tests fail saying so.
 */
public final class ApicurioRegistry {

    private static final Path APP = Path.of("target", "apicurio-registry", "quarkus-run.jar");
    private static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static String url;

    private ApicurioRegistry() {}

    /** The registry's base URL (its Confluent-compatible API is {@link #ccompatUrl()}), started on first use. */
    public static synchronized String url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    public static String ccompatUrl() {
        return url() + "/apis/ccompat/v7";
    }

    private static String start() {
        if (!Files.isRegularFile(APP)) {
            fail(APP.toAbsolutePath() + " is missing: Maven unpacks Apicurio Registry there before the tests"
                    + " (session-app's pom, maven-dependency-plugin); run the tests through Maven");
        }
        Path java = java21().orElseGet(() -> fail("Apicurio Registry needs Java 21 or later, and none was found:"
                + " set SESSIONFLOW_JAVA21_HOME to a JDK 21+ (the tests themselves run on "
                + System.getProperty("java.version") + ")"));
        int port = freePort();
        int managementPort = freePort();
        Path log = Path.of("target", "apicurio-registry-" + port + ".log");
        try {
            Process process = new ProcessBuilder(
                            java.toString(),
                            "-Xmx256m",
                            "-Dquarkus.http.host=127.0.0.1",
                            "-Dquarkus.http.port=" + port,
                            "-Dquarkus.management.host=127.0.0.1",
                            "-Dquarkus.management.port=" + managementPort,
                            "-Dapicurio.rules.global.compatibility=BACKWARD",
                            "-jar",
                            APP.getFileName().toString())
                    .directory(APP.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            }));
            String base = "http://127.0.0.1:" + port;
            awaitUp(process, base, log);
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitUp(Process process, String base, Path log) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("Apicurio Registry exited (" + process.exitValue() + ") at start; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> info = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/apis/ccompat/v7/subjects"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (info.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        process.destroyForcibly();
        fail("Apicurio Registry did not answer within " + START_WAIT + "; see " + log.toAbsolutePath());
    }

    /** A {@code bin/java} of Java 21 or later. */
    static Optional<Path> java21() {
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        String configured = System.getenv("SESSIONFLOW_JAVA21_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured, "bin", "java")).filter(Files::isExecutable);
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            List<Path> candidates = jdks.filter(jdk -> featureOf(jdk) >= 21)
                    .sorted((a, b) -> Integer.compare(featureOf(b), featureOf(a)))
                    .toList();
            return candidates.stream()
                    .map(jdk -> jdk.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature release a JDK's {@code release} file names, 0 when it names none. */
    private static int featureOf(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        try (var in = Files.newInputStream(release)) {
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
            String feature = version.split("[.+-]")[0];
            return feature.isEmpty() ? 0 : Integer.parseInt(feature);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
