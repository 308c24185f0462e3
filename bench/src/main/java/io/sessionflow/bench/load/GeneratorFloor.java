package io.sessionflow.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.sessionflow.bench.workload.ProviderWorkload;

/**
 * The load generator's own floor: the same requests at the same rate against a server in this JVM
 * that answers 200 at once, no app behind it. What it measures is the client's (and this machine's)
 * share of every latency in the report, and whether {@code java.net.http.HttpClient} keeps the rate
 * at all: a send lag or a p99 here that is not small against the app's figures means the generator,
 * not the app, needs work.
 */
public final class GeneratorFloor {

    private static final byte[] ANSWER = "{}".getBytes(StandardCharsets.UTF_8);

    static {
        // The JDK's server writes headers and body separately; with Nagle on, the body waits for the
        // client's delayed ACK (40 ms on Linux), which would be measured as the client's floor. Tomcat,
        // in the app, sets TCP_NODELAY too. Read once, when the JDK's server is first used.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private GeneratorFloor() {}

    /** Sends at {@code rate} for {@code warmup} (not recorded: the JIT's), then for {@code duration}. */
    public static LatencyStep measure(
            ProviderWorkload workload, int rate, Duration warmup, Duration duration, Duration requestTimeout)
            throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        ExecutorService threads = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "no-op-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody();
                    OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ANSWER.length);
                out.write(ANSWER);
            }
        });
        server.start();
        try (OpenLoopLoad load = new OpenLoopLoad(requestTimeout)) {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            ProviderWorkload requests = new SameRequests(workload);
            long sequence = warmup.isZero()
                    ? 0
                    : load.run(requests, base, rate, warmup, 0).sent();
            return load.run(requests, base, rate, duration, sequence);
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** The workload's own requests, sent to the no-op server. */
    private record SameRequests(ProviderWorkload workload) implements ProviderWorkload {

        @Override
        public String provider() {
            return workload.provider();
        }

        @Override
        public HttpRequest createSession(URI baseUri, long sequence) {
            return workload.createSession(baseUri, sequence);
        }

        @Override
        public RequestEvent requestEvent(long sequence) {
            throw new UnsupportedOperationException("HTTP only");
        }
    }
}
