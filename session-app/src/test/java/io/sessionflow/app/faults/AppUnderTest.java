package io.sessionflow.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.schemas.secrets.Keyring;

/**
 * The settings a fault test starts the all-in-one app with: a broker the test owns, the app's own
 * data directory and HTTP ports (public, internal, management), fixed token and id keys and fixed admin,
 * introspection, internal and management credentials, so that a restarted app (same data directory, same
 * settings) is the same service.
 */
record AppUnderTest(
        String bootstrapServers,
        Path dataDir,
        int httpPort,
        int internalPort,
        int managementPort,
        Duration outcomeWait,
        Duration publishTimeout) {

    /** base64 of 32 bytes 0..31 */
    static final String TOKEN_SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    /** base64 of 32 bytes 32..63: the id key (session keys, fingerprints) */
    static final String ID_SECRET = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    /** derives session keys as the app under test does */
    static final SessionKeys SESSION_KEYS =
            new SessionKeys(Keyring.load("Id", "sessionflow.ids", "fault-key", Map.of("fault-key", ID_SECRET), null));

    static final String ADMIN_TOKEN = "fault-admin-token-0123456789abcdef0123";
    static final String INTROSPECTION_TOKEN = "fault-introspection-token-0123456789abcdef";
    static final String INTERNAL_TOKEN = "fault-internal-token-0123456789abcdef0123";
    static final String MANAGEMENT_TOKEN = "fault-management-token-0123456789abcdef";

    /** With free internal and management ports. */
    AppUnderTest(String bootstrapServers, Path dataDir, int httpPort, Duration outcomeWait, Duration publishTimeout) {
        this(bootstrapServers, dataDir, httpPort, freePort(), freePort(), outcomeWait, publishTimeout);
    }

    /** On the test's broker, with its data in {@code app/} of the test's folder and free ports. */
    static AppUnderTest on(EmbeddedKafkaBroker broker, Path dir, Duration outcomeWait, Duration publishTimeout) {
        return new AppUnderTest(broker.bootstrapServers(), dir.resolve("app"), freePort(), outcomeWait, publishTimeout);
    }

    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", httpPort);
        properties.put("sessionflow.kafka.bootstrap-servers", bootstrapServers);
        properties.put("sessionflow.kafka.partitions", 2);
        properties.put("sessionflow.data-dir", dataDir.toString());
        properties.put("sessionflow.tokens.keys.fault-key", TOKEN_SECRET);
        properties.put("sessionflow.ids.keys.fault-key", ID_SECRET);
        properties.put("sessionflow.admin.token", ADMIN_TOKEN);
        properties.put("sessionflow.introspection.token", INTROSPECTION_TOKEN);
        properties.put("sessionflow.internal.port", internalPort);
        properties.put("sessionflow.internal.token", INTERNAL_TOKEN);
        properties.put("management.server.port", managementPort);
        properties.put("sessionflow.management.token", MANAGEMENT_TOKEN);
        properties.put("sessionflow.api.outcome-wait", outcomeWait.toMillis() + "ms");
        properties.put("sessionflow.api.publish-timeout", publishTimeout.toMillis() + "ms");
        // the warm-up runs at every start, shortly: these tests are about faults, not about the warm-up's length
        properties.put("sessionflow.readiness.warm-up-time", "5s");
        properties.put("sessionflow.readiness.warm-up-calls", 300);
        // no load balancer to steer away at a stop: the test's clients call this instance by its port
        properties.put("sessionflow.shutdown.drain", "0s");
        // the test's client is one loopback address sending thousands of creates for one tenant
        properties.put("sessionflow.limits.exempt-addresses", "127.0.0.1,0:0:0:0:0:0:0:1");
        properties.put("sessionflow.limits.tenant-requests", 100_000_000);
        return properties;
    }

    /** The same settings as command-line arguments of {@code SessionApp}, then the extra arguments given. */
    List<String> arguments(String... extra) {
        List<String> arguments = new ArrayList<>();
        properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.addAll(List.of(extra));
        return arguments;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
