package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.sessionflow.app.TopicReader;
import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of creates past the admission limit (set low and fixed here, so that any machine floods it): the excess
 * is answered the provider's retryable 503 with {@code Retry-After} at once, and a refused request publishes
 * nothing (the request topic holds no record of its session key); every admitted one is answered 2xx; once the
 * flood stops the service serves again, and each refused request, retried with its Idempotency-Key, is decided
 * then, once, as a request of its own.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OverloadSheddingFaultTest {

    private static final int ADMISSION_LIMIT = 3;
    private static final int CLIENTS = 48;
    private static final Duration FLOOD = Duration.ofSeconds(4);
    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private record Sent(CreateRequest request, Exchange exchange) {}

    @Test
    void theExcessIsRefusedAtOnceAndPublishesNothingAndTheServiceServesAgainAfter() throws Exception {
        try (EmbeddedKafkaBroker broker = FaultBroker.start(dir)) {
            AppUnderTest settings = AppUnderTest.on(broker, dir, OUTCOME_WAIT, Duration.ofSeconds(5));
            List<String> arguments = settings.arguments(
                    "--sessionflow.api.admission.adaptive=false",
                    "--sessionflow.api.admission.max-limit=" + ADMISSION_LIMIT);
            SessionApiClient client = new SessionApiClient(settings.httpPort());
            try (ChildSessionApp app = new ChildSessionApp(arguments, dir)) {
                app.start("flooded");
                app.awaitReady(Duration.ofMinutes(3));

                List<Sent> flood = flood(client);
                List<Sent> refused =
                        flood.stream().filter(s -> s.exchange().status() == 503).toList();
                List<Sent> answered =
                        flood.stream().filter(s -> s.exchange().answered()).toList();
                System.out.printf(
                        "OVERLOAD: %d creates from %d clients in %d s at an admission limit of %d: %d "
                                + "answered, %d refused (slowest refusal %d ms), others %s%n",
                        flood.size(),
                        CLIENTS,
                        FLOOD.toSeconds(),
                        ADMISSION_LIMIT,
                        answered.size(),
                        refused.size(),
                        refused.stream()
                                .mapToLong(s -> s.exchange().took().toMillis())
                                .max()
                                .orElse(0),
                        flood.stream()
                                .filter(s -> s.exchange().status() != 503
                                        && !s.exchange().answered())
                                .map(s -> s.exchange().describe())
                                .limit(5)
                                .toList());

                assertThat(refused)
                        .as("creates refused past the admission limit\n" + app.logTail(40))
                        .isNotEmpty();
                assertThat(answered).as("creates admitted and answered").isNotEmpty();
                assertThat(flood)
                        .as("every create answered 2xx or refused")
                        .allSatisfy(s -> assertThat(
                                        s.exchange().answered() || s.exchange().status() == 503)
                                .as(s.exchange().describe())
                                .isTrue());
                assertThat(refused).allSatisfy(s -> {
                    assertThat(CreateRequest.isDocumentedRetryable("chat", s.exchange()))
                            .as(s.exchange().describe())
                            .isTrue();
                    assertThat(s.exchange().took())
                            .as("refused at once, not after the outcome wait")
                            .isLessThan(OUTCOME_WAIT.dividedBy(2));
                });

                Set<String> published = TopicReader.read(
                                broker.bootstrapServers(),
                                Topics.CHAT_REQUESTS.name(),
                                "read_uncommitted",
                                Duration.ofSeconds(30))
                        .stream()
                        .map(ConsumerRecord::key)
                        .collect(Collectors.toSet());
                assertThat(refused)
                        .as("refused creates on the request topic")
                        .noneMatch(s -> published.contains(s.request().sessionKey()));
                assertThat(answered)
                        .as("answered creates on the request topic")
                        .allMatch(s -> published.contains(s.request().sessionKey()));

                for (int i = 0; i < 10; i++) {
                    Exchange after = client.send(CreateRequest.chat("after-" + i + "-" + UUID.randomUUID()));
                    assertThat(after.status())
                            .as("a create after the flood: " + after.describe())
                            .isEqualTo(200);
                }
                for (Sent s : refused.subList(0, Math.min(20, refused.size()))) {
                    Exchange retry = client.send(s.request());
                    assertThat(retry.status())
                            .as("the refused " + s.request() + " retried: " + retry.describe())
                            .isEqualTo(200);
                    assertThat(client.send(s.request()).json()).as("its replay").isEqualTo(retry.json());
                }
            }
        }
    }

    /** {@link #CLIENTS} threads, each sending creates one after another with fresh Idempotency-Keys. */
    private static List<Sent> flood(SessionApiClient client) throws InterruptedException {
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + FLOOD.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int clientNumber = c;
            pool.execute(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    CreateRequest request =
                            CreateRequest.chat("flood-" + clientNumber + "-" + i + "-" + UUID.randomUUID());
                    sent.add(new Sent(request, client.send(request)));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES))
                .as("the flood's clients finished")
                .isTrue();
        return List.copyOf(sent);
    }
}
