package io.sessionflow.api.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.sessionflow.projections.query.InternalCredential;
import io.sessionflow.projections.query.RemoteSessionQueries;
import io.sessionflow.projections.query.SessionLookup;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The standalone API's choice of projections instance, against real HTTP servers standing in for them. */
class ProjectionsInstancesTest {

    private static final String TOKEN = "projections-instances-test-token-0123456789";

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final Map<Integer, List<String>> calls = new ConcurrentHashMap<>();
    private final Map<Integer, Long> firstCallAt = new ConcurrentHashMap<>();
    private final ExecutorService completions = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
        completions.shutdownNow();
    }

    @Test
    void aRefusedConnectionAndA503MoveOnToAnInstanceThatAnswers() throws Exception {
        int refusing = closedPort();
        int unavailable = serve(503);
        int answering = serve(404);
        ProjectionsInstances instances = instances(refusing, unavailable, answering);

        SessionLookup lookup =
                instances.session("session-1", Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

        assertThat(lookup).isInstanceOf(SessionLookup.NotFound.class);
        assertThat(calls.get(answering))
                .singleElement()
                .satisfies(
                        query -> assertThat(query).doesNotContain("forwarded").contains("waitMs="));
    }

    @Test
    void whenNoInstanceCanAnswerTheLookupIsUnavailableByItsDeadline() throws Exception {
        ProjectionsInstances instances = instances(closedPort(), serve(503));

        long started = System.nanoTime();
        SessionLookup lookup = instances
                .awaitOutcome("session-1", "request-1", Duration.ofMillis(800))
                .get(10, TimeUnit.SECONDS);

        assertThat(lookup).isInstanceOf(SessionLookup.Unavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(800 + 700));
    }

    @Test
    void anInstanceThatStopsAnsweringHoldsAWaitForAnAnswerOneSliceNotTheWholeWait() throws Exception {
        int hanging = hang();
        int answering = serve(404);
        ProjectionsInstances instances = instances(hanging, answering);

        long started = System.nanoTime();
        SessionLookup lookup = instances
                .awaitOutcome("session-1", "request-1", Duration.ofSeconds(4))
                .get(10, TimeUnit.SECONDS);

        assertThat(lookup).as("nothing arrived within the wait").isNotInstanceOf(SessionLookup.Found.class);
        assertThat(firstCallAt).as("the other instance asked").containsKey(answering);
        assertThat(firstCallAt.get(answering) - started)
                .as("the other instance asked after one slice")
                .isLessThan(Duration.ofMillis(1_600).toNanos());
        assertThat(calls.get(answering)).as("asked again while nothing arrived").hasSizeGreaterThan(1);
    }

    @Test
    void theListMustNameHostAndPort() {
        assertThat(ProjectionsInstances.parse(List.of("projections-1:8081", " 10.0.0.2:9081 ")))
                .containsExactly(new HostInfo("projections-1", 8081), new HostInfo("10.0.0.2", 9081));
        assertThatThrownBy(() -> ProjectionsInstances.parse(List.of("projections-1")))
                .hasMessageContaining("sessionflow.api.projections");
        assertThatThrownBy(() -> new ProjectionsInstances(List.of(), null, completions))
                .hasMessageContaining("sessionflow.api.projections");
    }

    private ProjectionsInstances instances(int... ports) {
        List<HostInfo> hosts = java.util.Arrays.stream(ports)
                .mapToObj(port -> new HostInfo("127.0.0.1", port))
                .toList();
        return new ProjectionsInstances(
                hosts, new RemoteSessionQueries(Duration.ofMillis(500), InternalCredential.of(TOKEN)), completions);
    }

    private int serve(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = server.getAddress().getPort();
        server.createContext("/internal/sessions/", exchange -> {
            firstCallAt.putIfAbsent(port, System.nanoTime());
            calls.computeIfAbsent(port, p -> new CopyOnWriteArrayList<>())
                    .add(exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return port;
    }

    /** An instance that takes calls and never answers them (its connection half open, its JVM stuck). */
    private int hang() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/sessions/", exchange -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
