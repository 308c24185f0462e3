package io.sessionflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.sessionflow.bench.workload.ProviderWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator against a local server that holds every call {@value #SERVICE_MILLIS} ms and refuses
 * odd sequence numbers: it must keep sending on schedule while answers are outstanding, and measure
 * from the intended send time.
 */
class OpenLoopLoadTest {

    private static final long SERVICE_MILLIS = 200;

    private HttpServer server;
    private ExecutorService serverThreads;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        serverThreads = Executors.newFixedThreadPool(64);
        server.setExecutor(serverThreads);
        server.createContext("/sessions", exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(SERVICE_MILLIS);
                long sequence =
                        Long.parseLong(exchange.getRequestURI().getQuery().substring("seq=".length()));
                byte[] body =
                        (sequence % 2 == 0 ? "{\"ok\":true}" : "{\"error\":\"busy\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(sequence % 2 == 0 ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void sendsOnScheduleWhateverTheAnswersAndCountsEveryError() throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (OpenLoopLoad load = new OpenLoopLoad(Duration.ofSeconds(10))) {
            LatencyStep step = load.run(new SlowServerWorkload(), base, 50, Duration.ofSeconds(1), 0);

            assertThat(step.sent()).isEqualTo(50);
            assertThat(step.succeeded()).isEqualTo(25);
            assertThat(step.errors()).containsExactly(java.util.Map.entry("503", 25L));
            assertThat(step.errorSamples()).containsEntry("503", "{\"error\":\"busy\"}");
            // open loop: later calls went out while earlier ones were still held by the server
            assertThat(maxInFlight.get()).isGreaterThan(1);
            // measured from the intended send time, so never less than the server's own hold
            assertThat(step.latencyMicros().getMinValue()).isGreaterThanOrEqualTo(SERVICE_MILLIS * 1000);
            assertThat(step.latencyMicros().getTotalCount()).isEqualTo(25);
            assertThat(step.sendLagMicros().getTotalCount()).isEqualTo(50);
        }
    }

    @Test
    void aServerThatIsGoneIsCountedAsAnErrorNotALatency() throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.stop(0);
        try (OpenLoopLoad load = new OpenLoopLoad(Duration.ofSeconds(5))) {
            LatencyStep step = load.run(new SlowServerWorkload(), base, 10, Duration.ofSeconds(1), 0);

            assertThat(step.sent()).isEqualTo(10);
            assertThat(step.succeeded()).isZero();
            assertThat(step.errorCount()).isEqualTo(10);
            assertThat(step.latencyMicros().getTotalCount()).isZero();
        }
    }

    private static final class SlowServerWorkload implements ProviderWorkload {

        @Override
        public String provider() {
            return "test";
        }

        @Override
        public HttpRequest createSession(URI baseUri, long sequence) {
            return HttpRequest.newBuilder(baseUri.resolve("/sessions?seq=" + sequence))
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
        }

        @Override
        public RequestEvent requestEvent(long sequence) {
            throw new UnsupportedOperationException("HTTP only");
        }
    }
}
