package io.sessionflow.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sessionflow.api.chat.ChatSessionController;
import io.sessionflow.runtime.availability.ReadinessProperties;
import io.sessionflow.runtime.availability.WarmUp;
import io.sessionflow.schemas.chat.WarmUpWidgetKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The all-in-one app's warm-up: chat create calls over real HTTP to its own public port, each naming a
 * widget key reserved for the warm-up ({@link WarmUpWidgetKeys}), so that each goes the whole create path
 * (Tomcat, parsing, the API, the request topic, the processor's transaction and its create rules against a
 * built-in warm-up widget, the {@code SessionCreated} on session-events, the projections, the wait for the
 * answer, the session token and the provider's answer). What remains of it: its request events on
 * {@code sessionflow.chat.requests} (restricted) and a {@code SessionCreated} (tenant
 * {@code sessionflow-warm-up}) per call on {@code sessionflow.session-events}, with the header
 * {@value WarmUpWidgetKeys#HEADER}: analytics drop records that carry it. No store keeps any of it (no
 * changelog record), and no such session can be read back or introspected.
 *
 * <p>The calls come from loopback, an internal proxy, with {@code X-Forwarded-For} addresses from the
 * benchmarking range 198.18.0.0/15 and keys spread over {@value #KEYS} reserved keys, so that the
 * per-address and per-tenant limits meant for real callers neither stop the warm-up nor count it
 * against anyone real. At most {@value #IN_FLIGHT} calls at once (under the admission limit's default floor, so
 * that the limit does not refuse them; a refused one keeps its slot a moment), at most
 * {@code sessionflow.readiness.warm-up-calls} in all, within the warm-up's time budget.
 */
@Component
public class ChatWarmUp implements WarmUp {

    static final int IN_FLIGHT = 64;
    /** How long a slot stays taken after a 503 (the admission limit full): no loop of refusals meanwhile. */
    private static final long REFUSED_PAUSE_MILLIS = 20;

    static final int KEYS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ChatWarmUp.class);

    private final ApplicationContext context;
    private final int calls;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();

    public ChatWarmUp(ApplicationContext context, ReadinessProperties readiness) {
        this.context = context;
        this.calls = readiness.warmUpCalls();
    }

    /** Calls sent so far. */
    public int sent() {
        return sent.get();
    }

    /** Calls answered by the create path (a session, 200) so far: for tests and the log. */
    public int answered() {
        return answered.get();
    }

    @Override
    public void warmUp(Instant deadline) throws InterruptedException {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        URI uri = URI.create("http://127.0.0.1:" + port + ChatSessionController.PATH);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        Instant started = Instant.now();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        int sent = 0;
        while (sent < calls && Instant.now().isBefore(deadline)) {
            if (!slots.tryAcquire(
                    Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS)) {
                break;
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "198.18." + (sent / 250 % 256) + "." + (sent % 250 + 1))
                    .POST(HttpRequest.BodyPublishers.ofString(body(sent)))
                    .build();
            sent++;
            this.sent.incrementAndGet();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                String outcome =
                        error != null ? error.getClass().getSimpleName() : Integer.toString(response.statusCode());
                outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                if (response != null && response.statusCode() == 200) {
                    answered.incrementAndGet();
                }
                if (response != null && response.statusCode() == 503) {
                    CompletableFuture.delayedExecutor(REFUSED_PAUSE_MILLIS, TimeUnit.MILLISECONDS)
                            .execute(slots::release);
                } else {
                    slots.release();
                }
            });
        }
        // the calls in flight end within their own timeout, or with the deadline
        long waitMillis = Math.max(
                0, Math.min(5000, Duration.between(Instant.now(), deadline).toMillis()));
        boolean drained = slots.tryAcquire(IN_FLIGHT, waitMillis, TimeUnit.MILLISECONDS);
        Map<String, Integer> byOutcome = new TreeMap<>();
        outcomes.forEach((outcome, count) -> byOutcome.put(outcome, count.get()));
        LOG.info(
                "Warm-up: {} chat calls through the create path in {} ms, answers by status {}{}",
                sent,
                Duration.between(started, Instant.now()).toMillis(),
                byOutcome,
                drained ? "" : " (some still in flight at the deadline)");
    }

    /** A create call's body with every field a widget sends, so that parsing and the fingerprint warm up too. */
    private static String body(int n) {
        return "{\"publicKey\":\"" + WarmUpWidgetKeys.key(n % KEYS)
                + "\",\"customerId\":\"warm-up-" + n
                + "\",\"locale\":\"en-GB\",\"variables\":{\"cart_total\":" + n % 500
                + ",\"tags\":[\"warm-up\"]}}";
    }
}
